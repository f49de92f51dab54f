import type { Rule } from '../applications/handler.ts';
import {
  noBusinessInProgress,
  type InProgressFacts,
  type ScrapFacts,
} from './vehicle-business.rules.ts';
import type { LoadedVehicleFile } from './vehicle-file.ts';
import { vehicleFileRules } from './vehicle-file.rules.ts';
import {
  vehicleNotDeregistered,
  vehicleNotMovedOut,
  vehicleNotScrapDue,
  vehicleNotSeized,
  vehicleNotStolen,
} from './vehicle-status.rules.ts';

/** 补领机动车号牌 (R164 §51): same number, made within 15 working days, a temporary plate meanwhile. */
export const BASIS_51 = '机动车登记规定 第五十一条';

export type PlateReissueFacts = LoadedVehicleFile &
  ScrapFacts & {
    /** A reissue of this plate is already being made. */
    inProgress: boolean;
    /** Other business of the vehicle still in progress here (a registration in its lane). */
    otherInProgress: readonly string[];
    /** Days of the temporary plate for the meantime (policy); null when not configured. */
    tempPlateDays: number | null;
  };

const file = vehicleFileRules({
  legalBasis: BASIS_51,
  doZh: '申请补领号牌',
  doEn: 'Apply for replacement plates',
});

export const notInProgress: Rule<PlateReissueFacts> = {
  code: 'PLATE_REISSUE_IN_PROGRESS',
  legalBasis: BASIS_51,
  requires: [file.registered],
  check: (f) =>
    f.inProgress
      ? {
          message: `号牌号码 ${f.plate} 的补领号牌业务正在办理中`,
          remedy: '请等待号牌制作完成后领取，或到受理网点查询办理进度',
          messageEn: `Replacement plates for plate number ${f.plate} are already being made.`,
          remedyEn:
            'Wait until the plates are made and collect them, or ask the outlet that accepted the application about its progress.',
        }
      : null,
};

const otherBusiness = noBusinessInProgress<InProgressFacts>({
  legalBasis: BASIS_51,
  doZh: '申请补领号牌',
  applyZh: '申请补领号牌',
  doEn: 'have its plates replaced',
  applyEn: 'apply for replacement plates',
  requires: [file.registered],
});

/**
 * A plate cannot be lost before it is handed over: while the registration is still in its lane
 * (the plates not yet fitted) a reissue would void the plate the lane is about to fit.
 */
export const nothingElseInProgress: Rule<PlateReissueFacts> = {
  ...otherBusiness,
  check: (f) => otherBusiness.check({ inProgress: f.otherInProgress }),
};

export const tempPlatePolicySet: Rule<PlateReissueFacts> = {
  code: 'POLICY_NOT_CONFIGURED',
  legalBasis: BASIS_51,
  check: (f) =>
    f.tempPlateDays === null
      ? {
          message: '补领号牌期间临时号牌的有效天数未配置，暂不能受理',
          remedy: '请联系车管所管理员配置该政策参数',
          messageEn:
            'The validity of the temporary plate issued during a plate reissue has not been configured, so the application cannot be accepted for now.',
          remedyEn:
            'Ask a vehicle administration office administrator to configure this policy value.',
        }
      : null,
};

export const PLATE_REISSUE_RULES: readonly Rule<PlateReissueFacts>[] = [
  file.inJurisdiction,
  file.registered,
  file.applicantIsOwner,
  file.applicantNameMatches,
  vehicleNotMovedOut,
  vehicleNotStolen,
  vehicleNotSeized,
  vehicleNotDeregistered,
  vehicleNotScrapDue,
  notInProgress,
  nothingElseInProgress,
  tempPlatePolicySet,
];

/** At hand-over: the vehicle must still be on file and not reported stolen meanwhile. */
export const HANDOVER_RULES: readonly Rule<LoadedVehicleFile & { collector: CollectorFacts }>[] = [
  file.inJurisdiction,
  file.registered,
  vehicleNotStolen,
  vehicleNotDeregistered,
  {
    code: 'COLLECTOR_NOT_APPLICANT',
    legalBasis: BASIS_51,
    check: (f) =>
      f.collector.allowed.includes(f.collector.idNumber)
        ? null
        : {
            message: '领取人不是该业务的申请人或其委托的代理人',
            remedy: '请由申请人本人，或持申请人身份证明和委托书的代理人领取号牌',
            messageEn:
              'The person collecting is neither the applicant nor their authorised representative.',
            remedyEn:
              "The plates must be collected by the applicant in person, or by a representative with the applicant's proof of identity and a letter of authorisation.",
          },
  },
];

export interface CollectorFacts {
  idNumber: string;
  /** The applicant's and (if any) the agent's identity numbers. */
  allowed: string[];
}
