import type { LicenceStatus } from '#shared/licences.ts';
import type { Rule } from '../applications/handler.ts';
import { applicantNameRule } from '../licences/licence-file.rules.ts';
import { FULL_SCORE } from './cycle.ts';

/**
 * 交通违法处理 (R163 = 道路交通安全违法行为记分管理办法): the applicant is the driver who takes the
 * penalty and the points. Facts are what the registry holds about the record, the driver and
 * the vehicle when the window decides. What is asked of the record (already handled) and what is
 * asked of the driver (licence, §14, the substitute limits) are independent: each needs only the
 * record found, so the notice lists every one that fails (1331).
 */
export interface HandleFacts {
  violationId: string;
  violation: {
    plate: string;
    points: number;
    occurredAt: Date;
    status: 'unhandled' | 'handled' | 'paid';
  } | null;
  driver: string;
  /** The name given for the driver; null in the window's preview, asked before a name is given. */
  applicantName: string | null;
  /** The driver's licence status as read today (expired, cancelled included); null without one. */
  licenceStatus: LicenceStatus | null;
  /** The name on the driver's licence file; null without one. */
  licenceName: string | null;
  pointsBefore: number;
  /** The driver owns the vehicle the record is about. */
  ownsVehicle: boolean;
  /** The plate of the record the driver handled last in this cycle. */
  lastHandledPlate: string | null;
  /** Non-own plates the driver took points for, and non-owner drivers of this plate, lately. */
  substitute: { plates: string[]; drivers: string[] };
  maxPlates: number | null;
  maxDrivers: number | null;
  /** A hold on the driver's substitute handling (a measure of an anti-fraud case), if any. */
  hold: { caseId: string } | null;
  /** On the internet channel, when the citizen's account bound the record's plate (null: never). */
  online: { boundAt: Date | null } | null;
}

const R163 = '道路交通安全违法行为记分管理办法';
const takesPoints = (f: HandleFacts) => (f.violation?.points ?? 0) > 0;

export const violationFound: Rule<HandleFacts> = {
  code: 'VIOLATION_NOT_FOUND',
  legalBasis: '道路交通安全违法行为处理程序规定 第十九条',
  check: (f) =>
    f.violation
      ? null
      : {
          message: `未查询到编号为 ${f.violationId} 的交通违法记录`,
          remedy: '请核对违法记录编号；异地违法记录请向违法行为发生地公安机关交通管理部门查询',
          messageEn: `No traffic violation record numbered ${f.violationId} was found.`,
          remedyEn:
            'Check the record number; for a violation recorded elsewhere, ask the traffic police of the place where it happened.',
        },
};

export const notYetHandled: Rule<HandleFacts> = {
  code: 'VIOLATION_ALREADY_HANDLED',
  legalBasis: `${R163} 第十三条`,
  requires: [violationFound],
  check: (f) =>
    f.violation && f.violation.status !== 'unhandled'
      ? {
          message: '该交通违法记录已经处理，处罚决定已作出',
          remedy:
            f.violation.status === 'handled'
              ? '请按处罚决定缴纳罚款'
              : '该记录已处理完毕，无需再次办理',
          messageEn:
            'This violation record has already been handled; the penalty decision is made.',
          remedyEn:
            f.violation.status === 'handled'
              ? 'Pay the fine as the penalty decision says.'
              : 'The record is closed; nothing more needs doing.',
        }
      : null,
};

export const driverHasLicence: Rule<HandleFacts> = {
  code: 'DRIVER_NO_LICENCE',
  legalBasis: `${R163} 第二条`,
  requires: [violationFound],
  check: (f) =>
    takesPoints(f) && f.licenceStatus === null
      ? {
          message: '申请人没有机动车驾驶证档案，记分违法行为不能由其接受处理',
          remedy: '请由实际驾驶该机动车的持证驾驶人本人办理',
          messageEn:
            'The applicant holds no driving licence on file, so cannot take a violation that scores points.',
          remedyEn: 'The licensed driver who actually drove the vehicle must handle it in person.',
        }
      : null,
};

/**
 * A revoked licence takes no points. A cancelled one does: the points are the person's, counted
 * in the cycle that runs on from the first licence (R163 §3) and recorded with the penalty
 * decision (§13), and a licence cancelled for want of renewal may be restored with them
 * (R162 §79 第三款); full-score education is owed all the same.
 */
export const licenceTakesPoints: Rule<HandleFacts> = {
  code: 'LICENCE_NOT_IN_FORCE',
  legalBasis: `${R163} 第二条`,
  requires: [driverHasLicence],
  check: (f) =>
    takesPoints(f) && f.licenceStatus === 'revoked'
      ? {
          message: '申请人的驾驶证已吊销，不能记分',
          remedy: '请到公安机关交通管理部门窗口接受处理',
          messageEn:
            "The applicant's driving licence has been revoked, so no points can be recorded on it.",
          remedyEn: 'Have the violation handled at a traffic police window.',
        }
      : null,
};

/** The points go to the licence of the person who takes the penalty, named as on it (§2, §30). */
export const driverNameMatches = applicantNameRule<HandleFacts>({
  basis: `${R163} 第二条、第三十条`,
  requires: [driverHasLicence],
  names: (f) =>
    f.applicantName !== null && f.licenceName !== null
      ? { given: f.applicantName, registered: f.licenceName }
      : null,
});

export const fullScoreOnlySameVehicle: Rule<HandleFacts> = {
  code: 'FULL_SCORE_OTHER_VEHICLE',
  legalBasis: `${R163} 第十四条`,
  requires: [violationFound],
  check: (f) =>
    f.pointsBefore >= FULL_SCORE && f.violation && f.violation.plate !== f.lastHandledPlate
      ? {
          message: `申请人本记分周期累积记分已达 ${f.pointsBefore} 分，不得再处理其他机动车的交通违法行为记录`,
          remedy: '请由实际驾驶该机动车的驾驶人办理；申请人应参加满分学习和考试',
          messageEn: `The applicant already has ${f.pointsBefore} points in this cycle and may not handle records of another vehicle.`,
          remedyEn:
            'The driver who actually drove that vehicle must handle it; the applicant must attend the full-score study and exam.',
        }
      : null,
};

export const substitutePolicySet: Rule<HandleFacts> = {
  code: 'POLICY_NOT_CONFIGURED',
  legalBasis: `${R163} 第三十条`,
  check: (f) =>
    f.maxPlates === null || f.maxDrivers === null
      ? {
          message: '代为处理交通违法的限制参数未配置，暂不能受理',
          remedy: '请联系车管所管理员配置该政策参数',
          messageEn:
            'The limits on handling violations for others have not been configured, so the application cannot be accepted for now.',
          remedyEn: 'Ask an administrator to configure these policy values.',
        }
      : null,
};

const substituteRemedy = {
  remedy: '如确系本人驾驶，请携带身份证明到公安机关交通管理部门窗口说明情况、接受核查',
  remedyEn:
    'If the applicant really drove, bring proof of identity to a traffic police window to explain and be checked.',
};

export const substitutePlateLimit: Rule<HandleFacts> = {
  code: 'SUBSTITUTE_VEHICLE_LIMIT',
  legalBasis: `${R163} 第十四条、第三十条`,
  requires: [violationFound, substitutePolicySet],
  check: (f) =>
    takesPoints(f) &&
    f.violation &&
    f.maxPlates !== null &&
    !f.ownsVehicle &&
    !f.substitute.plates.includes(f.violation.plate) &&
    f.substitute.plates.length >= f.maxPlates
      ? {
          message: `申请人近期已处理 ${f.substitute.plates.length} 辆非本人机动车的记分违法，达到上限 ${f.maxPlates} 辆，暂停代为处理`,
          messageEn: `The applicant has recently taken points for ${f.substitute.plates.length} vehicles they do not own, the limit of ${f.maxPlates}; handling for further vehicles is suspended.`,
          ...substituteRemedy,
        }
      : null,
};

export const substituteDriverLimit: Rule<HandleFacts> = {
  code: 'SUBSTITUTE_DRIVER_LIMIT',
  legalBasis: `${R163} 第十四条、第三十条`,
  requires: [violationFound, substitutePolicySet],
  check: (f) =>
    takesPoints(f) &&
    f.violation &&
    f.maxDrivers !== null &&
    !f.ownsVehicle &&
    !f.substitute.drivers.includes(f.driver) &&
    f.substitute.drivers.length >= f.maxDrivers
      ? {
          message: `机动车 ${f.violation.plate} 的记分违法近期已由 ${f.substitute.drivers.length} 名非所有人驾驶人处理，达到上限 ${f.maxDrivers} 名，暂停代为处理`,
          messageEn: `Points for vehicle ${f.violation.plate} have recently been taken by ${f.substitute.drivers.length} drivers other than its owner, the limit of ${f.maxDrivers}; handling by further drivers is suspended.`,
          ...substituteRemedy,
        }
      : null,
};

/**
 * A driver held by an anti-fraud case (a 买分卖分 suspect, R163 §30) takes no points for a vehicle
 * they do not own until the case is settled; their own vehicles stay theirs to handle.
 */
export const substituteHeld: Rule<HandleFacts> = {
  code: 'SUBSTITUTE_HELD',
  legalBasis: `${R163} 第三十条`,
  requires: [violationFound],
  check: (f) =>
    takesPoints(f) && f.violation && !f.ownsVehicle && f.hold
      ? {
          message: `申请人涉嫌代替他人接受交通违法处理（买分卖分），已被暂停代为处理非本人机动车的记分违法（案件 ${f.hold.caseId}）`,
          remedy:
            '请由机动车所有人或实际驾驶人本人办理；申请人本人机动车的违法仍可处理；如有异议，请到车辆管理所或公安机关交通管理部门窗口接受核查',
          messageEn: `The applicant is suspected of taking points for others (point trading) and may not take points for vehicles they do not own (case ${f.hold.caseId}).`,
          remedyEn:
            "The vehicle's owner or actual driver must handle it; the applicant's own vehicles can still be handled; to object, go to a vehicle administration window to be checked.",
        }
      : null,
};

const INTERNET = '互联网交通安全综合服务管理平台（12123）使用规则';
/**
 * Online, a citizen handles the records of someone else's vehicle only once it is bound to the
 * account (非本人机动车备案, regulations.md §6 [S]): at a window the clerk checks who drove.
 */
export const onlineVehicleBound: Rule<HandleFacts> = {
  code: 'VEHICLE_NOT_BOUND',
  legalBasis: INTERNET,
  requires: [violationFound],
  check: (f) => {
    const v = f.violation;
    if (!v || !f.online || f.ownsVehicle || f.online.boundAt) return null;
    return {
      message: `机动车 ${v.plate} 不是申请人本人的机动车，也未在申请人的互联网账号备案（绑定）`,
      remedy:
        '请先在“我的机动车”中绑定该机动车（仅限小型非营运载客汽车）后再处理，或由机动车所有人处理，或到公安机关交通管理部门窗口办理',
      messageEn: `Vehicle ${v.plate} is not the applicant's own and is not bound to the applicant's internet account.`,
      remedyEn:
        'Bind the vehicle under My vehicles first (small non-operating cars only), let its owner handle it, or go to a traffic police window.',
    };
  },
};

/**
 * A binding opens someone else's point records made from then on, not those already waiting
 * (12123): older ones are the owner's to handle, or a window's, where the driver is checked.
 */
export const onlineRecordAfterBinding: Rule<HandleFacts> = {
  code: 'RECORD_BEFORE_BINDING',
  legalBasis: INTERNET,
  requires: [violationFound],
  check: (f) => {
    const v = f.violation;
    const bound = f.online?.boundAt;
    if (!v || !bound || f.ownsVehicle || !takesPoints(f) || v.occurredAt >= bound) return null;
    return {
      message: `该记分违法记录发生在申请人绑定机动车 ${v.plate} 之前，不能在互联网上代为处理`,
      remedy:
        '绑定之前发生的记分违法请由机动车所有人处理，或由实际驾驶人到公安机关交通管理部门窗口办理',
      messageEn: `This point-carrying record predates the applicant's binding of vehicle ${v.plate}, so it cannot be handled online by them.`,
      remedyEn:
        "The vehicle's owner handles records from before the binding, or the actual driver does so at a traffic police window.",
    };
  },
};

export const VIOLATION_HANDLE_RULES: readonly Rule<HandleFacts>[] = [
  violationFound,
  notYetHandled,
  driverHasLicence,
  driverNameMatches,
  licenceTakesPoints,
  fullScoreOnlySameVehicle,
  substitutePolicySet,
  substitutePlateLimit,
  substituteDriverLimit,
  substituteHeld,
  onlineVehicleBound,
  onlineRecordAfterBinding,
];
