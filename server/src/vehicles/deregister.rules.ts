import type { Rule } from '../applications/handler.ts';
import type { BusinessFile } from './vehicle-business.ts';
import {
  noBusinessInProgress,
  violationsHandled,
  type InProgressFacts,
} from './vehicle-business.rules.ts';
import { vehicleFileRules } from './vehicle-file.rules.ts';
import {
  vehicleNotDeregistered,
  vehicleNotMovedOut,
  vehicleNotSeized,
  vehicleNotStolen,
} from './vehicle-status.rules.ts';

/** 注销登记 (R164 §§37–42). */
export type DeregisterFacts = BusinessFile &
  InProgressFacts & {
    reason: 'scrapped' | 'lost' | 'exported' | 'returned';
    agentPresent: boolean;
  };

const BASIS_37 = '机动车登记规定 第三十七条';
const BASIS_42 = '机动车登记规定 第四十二条';
const file = vehicleFileRules({
  legalBasis: BASIS_37,
  doZh: '申请注销登记',
  doEn: 'Apply for the deregistration',
});

const notMortgaged: Rule<DeregisterFacts> = {
  code: 'VEHICLE_MORTGAGED',
  legalBasis: BASIS_42,
  requires: [file.registered],
  check: (f) =>
    f.mortgage || f.vehicle?.status === 'mortgaged'
      ? {
          message: '该机动车处于抵押登记期间，不能办理注销登记',
          remedy: '请先与抵押权人共同办理解除抵押登记，再申请注销登记',
          messageEn: 'This vehicle is mortgaged and cannot be deregistered.',
          remedyEn:
            'Have the mortgage released together with the mortgagee first, then apply for the deregistration.',
        }
      : null,
};

/** §38: leaving the country for good or returned to the maker: violations handled first. */
const violationsFirst: Rule<DeregisterFacts> = {
  ...violationsHandled('机动车登记规定 第三十八条'),
  check: (f) =>
    f.reason === 'exported' || f.reason === 'returned'
      ? violationsHandled('机动车登记规定 第三十八条').check(f)
      : null,
};

/** §86: deregistration for loss is the owner's own act. */
const lossInPerson: Rule<DeregisterFacts> = {
  code: 'AGENT_NOT_ALLOWED',
  legalBasis: '机动车登记规定 第八十六条',
  check: (f) =>
    f.reason === 'lost' && f.agentPresent
      ? {
          message: '因灭失申请注销登记的，不能委托代理人办理',
          remedy: '请机动车所有人本人到场申请，并提交灭失情况的书面承诺',
          messageEn:
            'Deregistration because the vehicle was lost cannot be applied for by a representative.',
          remedyEn:
            'The owner must apply in person, with a written statement on how the vehicle was lost.',
        }
      : null,
};

/** §37: the plates and 行驶证 are taken back, so a plate being made is collected or withdrawn first. */
const nothingInProgress = noBusinessInProgress<DeregisterFacts>({
  legalBasis: BASIS_37,
  doZh: '办理注销登记',
  applyZh: '申请注销登记',
  doEn: 'be deregistered',
  applyEn: 'apply for the deregistration',
  requires: [file.registered],
});

export const DEREGISTER_RULES: readonly Rule<DeregisterFacts>[] = [
  file.inJurisdiction,
  file.registered,
  file.applicantIsOwner,
  file.applicantNameMatches,
  vehicleNotMovedOut,
  vehicleNotDeregistered,
  vehicleNotStolen,
  { ...vehicleNotSeized, legalBasis: BASIS_42 },
  notMortgaged,
  violationsFirst,
  lossInPerson,
  nothingInProgress,
];
