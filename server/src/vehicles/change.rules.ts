import type { Rule } from '../applications/handler.ts';
import type { BusinessFile } from './vehicle-business.ts';
import {
  noBusinessInProgress,
  notNearScrap,
  violationsHandled,
  type InProgressFacts,
} from './vehicle-business.rules.ts';
import { vehicleFileRules } from './vehicle-file.rules.ts';
import {
  vehicleNotDeregistered,
  vehicleNotMovedOut,
  vehicleNotScrapDue,
  vehicleNotSeized,
  vehicleNotStolen,
} from './vehicle-status.rules.ts';

export type ChangeKind = 'colour' | 'engine' | 'body' | 'use-nature' | 'move-out' | 'move-in';

/** 变更登记 (R164 §§16–22). */
export type ChangeFacts = BusinessFile &
  /** The vehicle's business still in progress at this office; asked for a move-out only. */
  InProgressFacts & {
    change: ChangeKind;
    value: string | null;
    useNature: string | null;
  };

const BASIS_16 = '机动车登记规定 第十六条';
const BASIS_18 = '机动车登记规定 第十八条';
const file = vehicleFileRules({
  legalBasis: BASIS_16,
  doZh: '申请变更登记',
  doEn: 'Apply for the change registration',
});

const valueGiven: Rule<ChangeFacts> = {
  code: 'CHANGE_VALUE_REQUIRED',
  legalBasis: BASIS_16,
  check: (f) =>
    f.change !== 'move-in' && !f.value
      ? {
          message: '请填写变更后的内容（颜色、发动机号码、车身或车架号码、使用性质或迁入地）',
          remedy: '请补充变更后的内容后重新申请',
          messageEn:
            'The new value is missing (colour, engine number, body or frame number, use, or destination).',
          remedyEn: 'Add the new value and apply again.',
        }
      : null,
};

const useNatureValid: Rule<ChangeFacts> = {
  code: 'USE_NATURE_INVALID',
  legalBasis: BASIS_16,
  requires: [valueGiven, file.registered],
  check: (f) =>
    f.change === 'use-nature' &&
    (!['operating', 'non-operating'].includes(f.value ?? '') || f.value === f.useNature)
      ? {
          message: '变更后的使用性质应为营运或非营运，且与现登记的使用性质不同',
          remedy: '请填写 operating（营运）或 non-operating（非营运）',
          messageEn:
            'The new use must be operating or non-operating, and differ from the registered one.',
          remedyEn: 'Give operating or non-operating.',
        }
      : null,
};

const destinationValid: Rule<ChangeFacts> = {
  code: 'DESTINATION_INVALID',
  legalBasis: BASIS_18,
  requires: [valueGiven, file.registered],
  check: (f) =>
    f.change === 'move-out' && (!/^\d{4}00$/.test(f.value ?? '') || f.value === f.ownCity)
      ? {
          message: '迁出应填写迁入地车辆管理所的市级行政区划代码，且不能为本市',
          remedy: '请填写迁入地的市级行政区划代码（6位数字，如 520100）',
          messageEn:
            "A move-out needs the destination office's six-digit city code, other than this city.",
          remedyEn: 'Give the destination city code (six digits, e.g. 520100).',
        }
      : null,
};

/** Move-in is registered at the destination from the file the origin sends (not yet networked here). */
const moveInHere: Rule<ChangeFacts> = {
  code: 'MOVE_IN_NOT_AVAILABLE',
  legalBasis: BASIS_18,
  check: (f) =>
    f.change === 'move-in'
      ? {
          message: '本平台尚未与迁出地车辆管理所联网，暂不能办理转入',
          remedy: '请携带迁出地车辆管理所出具的档案资料到车管所窗口办理转入',
          messageEn:
            'This platform is not yet connected with the office the vehicle moves from, so the move-in cannot be registered here yet.',
          remedyEn:
            'Bring the file issued by the office the vehicle moves from to a vehicle administration office window.',
        }
      : null,
};

const scrapNotNear: Rule<ChangeFacts> = {
  ...notNearScrap('机动车登记规定 第二十一条', '变更使用性质或迁出', 'change its use or move out'),
  check: (f) =>
    f.change === 'use-nature' || f.change === 'move-out'
      ? notNearScrap(
          '机动车登记规定 第二十一条',
          '变更使用性质或迁出',
          'change its use or move out',
        ).check(f)
      : null,
};

const violationsBeforeMove: Rule<ChangeFacts> = {
  ...violationsHandled(BASIS_18),
  check: (f) => (f.change === 'move-out' ? violationsHandled(BASIS_18).check(f) : null),
};

/**
 * §18: the file goes to the destination whole, so what this office has in hand for the vehicle
 * (a plate being made, a registration in its lane) is finished or withdrawn before it moves out.
 */
const nothingInProgress = noBusinessInProgress<ChangeFacts>({
  legalBasis: BASIS_18,
  doZh: '办理转出',
  applyZh: '申请转出',
  doEn: 'move out',
  applyEn: 'apply for the move-out',
  requires: [file.registered],
});

export const CHANGE_RULES: readonly Rule<ChangeFacts>[] = [
  moveInHere,
  file.inJurisdiction,
  file.registered,
  file.applicantIsOwner,
  file.applicantNameMatches,
  vehicleNotMovedOut,
  vehicleNotStolen,
  { ...vehicleNotSeized, legalBasis: '机动车登记规定 第二十一条' },
  vehicleNotDeregistered,
  vehicleNotScrapDue,
  valueGiven,
  useNatureValid,
  destinationValid,
  scrapNotNear,
  violationsBeforeMove,
  nothingInProgress,
];
