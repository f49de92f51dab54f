import type { LicenceStatus } from '#shared/licences.ts';
import type { Rule, RuleFailure } from '../applications/handler.ts';
import { applicantNameRule } from '../licences/licence-file.rules.ts';
import { lapsedOn } from '#shared/licences.ts';
import { FULL_SCORE } from './cycle.ts';

/**
 * 学法减分 (R163 §§25–27): points come off for study with a passed exam, or public-welfare work,
 * up to a cap per cycle, and never for the drivers §26 excludes. Each exclusion of §26 is its own
 * refusal item, so the notice says every reason at once.
 */
export type ReduceMethod = 'online' | 'onsite' | 'public-welfare';

export interface ReduceFacts {
  method: ReduceMethod;
  minutes: number;
  examPassed: boolean;
  today: string;
  /** The name given for the applicant. */
  applicantName: string;
  /** The licence as read today (effectiveLicenceStatus), with the name on its file. */
  licence: {
    status: LicenceStatus;
    validUntil: string | null;
    probationUntil: string | null;
    name: string;
  } | null;
  points: number;
  reducedThisCycle: number;
  /** Records of the driver's own vehicles still unhandled. */
  unhandled: { id: string; plate: string }[];
  /** Full scores in the cycle in force and the one before (§26(1)). */
  recentFullScores: number;
  /** In the last 3 cycles (§26(2), (5)): the codes' categories of the records the driver took. */
  seriousViolations: string[];
  pointTrading: boolean;
  educationFraud: boolean;
  /** The missed review (审验) due date, when one is overdue (§26(3)). */
  reviewOverdueSince: string | null;
  /** The driver's own vehicles overdue for inspection, and those due for scrapping (§26(4)). */
  inspectionOverdue: string[];
  scrapOverdue: string[];
  policy: { minutes: number | null; points: number | null; cap: number | null };
}

const R163 = '道路交通安全违法行为记分管理办法';
const ART26 = (item: string) => `${R163} 第二十六条第${item}项`;

const METHOD_ZH: Record<ReduceMethod, string> = {
  online: '网上学习',
  onsite: '现场学习',
  'public-welfare': '交通安全公益活动',
};
const METHOD_EN: Record<ReduceMethod, string> = {
  online: 'online study',
  onsite: 'on-site study',
  'public-welfare': 'public-welfare activity',
};
const SERIOUS_ZH: Record<string, string> = {
  'hit-and-run': '交通肇事逃逸',
  'drink-driving': '饮酒后或者醉酒后驾驶',
  'forged-documents': '使用伪造、变造或者他人机动车号牌、行驶证、驾驶证、校车标牌',
};
const SERIOUS_EN: Record<string, string> = {
  'hit-and-run': 'hit-and-run',
  'drink-driving': 'driving after drinking',
  'forged-documents': "using forged, altered or another vehicle's plates or documents",
};

/** The points this session earns, before the cycle's cap and the points held limit it. */
export const earnedPoints = (f: ReduceFacts) => f.policy.points ?? 0;

/** What actually comes off: what was earned, within the points held and the cap left. */
export const reductionOf = (f: ReduceFacts) =>
  Math.max(0, Math.min(earnedPoints(f), f.points, (f.policy.cap ?? 0) - f.reducedThisCycle));

export const licenceFound: Rule<ReduceFacts> = {
  code: 'DRIVER_NO_LICENCE',
  legalBasis: `${R163} 第二十五条`,
  check: (f) =>
    f.licence
      ? null
      : {
          message: '申请人没有机动车驾驶证档案，不能申请学法减分',
          remedy: '学法减分只能由持有机动车驾驶证的驾驶人本人申请',
          messageEn: 'The applicant holds no driving licence on file, so cannot reduce points.',
          remedyEn: 'Only a licensed driver may apply to reduce their own points.',
        },
};

/** The driver reduces his own points: named as on the licence (§25). */
export const nameMatches = applicantNameRule<ReduceFacts>({
  basis: `${R163} 第二十五条`,
  requires: [licenceFound],
  names: (f) => (f.licence ? { given: f.applicantName, registered: f.licence.name } : null),
});

/** Why a licence of each status out of force takes no reduction, in the notice's words. */
const OUT_OF_FORCE: Partial<
  Record<LicenceStatus, (validUntil: string | null, today: string) => RuleFailure>
> = {
  expired: (until) => ({
    message: `驾驶证有效期至 ${until}，已超过有效期`,
    remedy: '请先办理驾驶证有效期满换证，再申请学法减分',
    messageEn: `The licence expired on ${until}.`,
    remedyEn: 'Renew the licence first, then apply again.',
  }),
  cancelled: (until, today) => ({
    message: lapsedOn(until, today)
      ? `驾驶证有效期至 ${until}，超过有效期一年以上未换证，已被注销`
      : '驾驶证已被注销',
    remedy:
      '驾驶证被注销的，不能申请学法减分；因逾期未换证被注销未超过二年的，可通过科目一考试恢复驾驶资格',
    messageEn: lapsedOn(until, today)
      ? `The licence expired on ${until} and was not renewed within a year, so it is cancelled.`
      : 'The driving licence has been cancelled.',
    remedyEn:
      'A cancelled licence cannot reduce points; if it was cancelled for not being renewed less than two years ago, pass subject 1 to restore it.',
  }),
  revoked: () => ({
    message: '驾驶证已被吊销',
    remedy: '驾驶证被吊销的，不能申请学法减分',
    messageEn: 'The driving licence has been revoked.',
    remedyEn: 'A revoked licence cannot reduce points.',
  }),
};

/**
 * §25: the reduction comes off the points a driver (机动车驾驶人) holds under a licence, so the
 * licence must be in force: not expired, cancelled (R162 §79) or revoked. A detained or
 * suspended one is §26(3)'s own item.
 */
export const licenceInForce: Rule<ReduceFacts> = {
  code: 'LICENCE_NOT_IN_FORCE',
  legalBasis: `${R163} 第二十五条`,
  requires: [licenceFound],
  check: (f) =>
    f.licence ? (OUT_OF_FORCE[f.licence.status]?.(f.licence.validUntil, f.today) ?? null) : null,
};

export const policySet: Rule<ReduceFacts> = {
  code: 'POLICY_NOT_CONFIGURED',
  legalBasis: `${R163} 第二十七条`,
  check: (f) =>
    f.policy.minutes === null || f.policy.points === null || f.policy.cap === null
      ? {
          message: '学法减分的学时、分值或上限未配置，暂不能受理',
          remedy: '请联系车管所管理员配置该政策参数',
          messageEn:
            'The study time, points or cap of point reduction are not configured, so the application cannot be accepted for now.',
          remedyEn: 'Ask an administrator to configure these policy values.',
        }
      : null,
};

export const allHandled: Rule<ReduceFacts> = {
  code: 'UNHANDLED_VIOLATIONS',
  legalBasis: `${R163} 第二十五条`,
  requires: [licenceFound],
  check: (f) =>
    f.unhandled.length
      ? {
          message: `申请人名下机动车尚有 ${f.unhandled.length} 起交通违法记录未处理（${f.unhandled.map((u) => u.plate).join('、')}）`,
          remedy: '请先处理完全部交通违法行为记录，再申请学法减分',
          messageEn: `The applicant's vehicles still have ${f.unhandled.length} unhandled violation record(s) (${f.unhandled.map((u) => u.plate).join(', ')}).`,
          remedyEn: 'Have every violation record handled first, then apply again.',
        }
      : null,
};

export const belowFullScore: Rule<ReduceFacts> = {
  code: 'POINTS_AT_FULL_SCORE',
  legalBasis: `${R163} 第二十五条`,
  requires: [licenceFound],
  check: (f) =>
    f.points >= FULL_SCORE
      ? {
          message: `本记分周期累积记分已达 ${f.points} 分，不能通过学法减分扣减`,
          remedy: '累积记分满12分的，应参加满分学习和考试',
          messageEn: `The driver has ${f.points} points in this cycle; points at 12 or more cannot be reduced by study.`,
          remedyEn: 'A driver with 12 points or more must attend the full-score study and exam.',
        }
      : null,
};

export const hasPoints: Rule<ReduceFacts> = {
  code: 'NO_POINTS_TO_REDUCE',
  legalBasis: `${R163} 第二十五条`,
  requires: [belowFullScore],
  check: (f) =>
    f.points === 0
      ? {
          message: '本记分周期没有可以扣减的记分',
          remedy: '学法减分只能扣减已有的记分，不能预先扣减',
          messageEn: 'There are no points in this cycle to reduce.',
          remedyEn: 'Only existing points can be reduced; points cannot be credited in advance.',
        }
      : null,
};

export const capLeft: Rule<ReduceFacts> = {
  code: 'REDUCTION_CAP_REACHED',
  legalBasis: `${R163} 第二十五条`,
  requires: [hasPoints, policySet],
  check: (f) =>
    f.policy.cap !== null && f.reducedThisCycle >= f.policy.cap
      ? {
          message: `本记分周期已扣减 ${f.reducedThisCycle} 分，达到上限 ${f.policy.cap} 分`,
          remedy: '请在下一个记分周期再申请',
          messageEn: `${f.reducedThisCycle} points have already been reduced in this cycle, the limit of ${f.policy.cap}.`,
          remedyEn: 'Apply again in the next cycle.',
        }
      : null,
};

export const longEnough: Rule<ReduceFacts> = {
  code: 'STUDY_TOO_SHORT',
  legalBasis: `${R163} 第二十七条`,
  requires: [policySet],
  check: (f) =>
    f.policy.minutes !== null && f.minutes < f.policy.minutes
      ? {
          message: `${METHOD_ZH[f.method]}时长 ${f.minutes} 分钟，不足 ${f.policy.minutes} 分钟`,
          remedy: `请完成不少于 ${f.policy.minutes} 分钟的${METHOD_ZH[f.method]}后再申请`,
          messageEn: `${f.minutes} minutes of ${METHOD_EN[f.method]} is less than the ${f.policy.minutes} minutes required.`,
          remedyEn: `Complete at least ${f.policy.minutes} minutes of ${METHOD_EN[f.method]}, then apply again.`,
        }
      : null,
};

export const examPassed: Rule<ReduceFacts> = {
  code: 'EXAM_NOT_PASSED',
  legalBasis: `${R163} 第二十七条`,
  check: (f) =>
    f.method !== 'public-welfare' && !f.examPassed
      ? {
          message: `${METHOD_ZH[f.method]}后须参加考试并合格`,
          remedy: '请参加道路交通安全法律法规和相关知识考试，合格后再申请',
          messageEn: `After ${METHOD_EN[f.method]}, the exam must be taken and passed.`,
          remedyEn:
            'Take the exam on road traffic safety laws and regulations and apply again once passed.',
        }
      : null,
};

// ---- R163 §26: not accepted (不予受理), one item each ----------------------------------------

export const notTwiceFullScore: Rule<ReduceFacts> = {
  code: 'EXCLUDED_FULL_SCORE_RECORDS',
  legalBasis: ART26('一'),
  requires: [licenceFound],
  check: (f) =>
    f.recentFullScores >= 2
      ? {
          message: `本记分周期或者上一个记分周期内有 ${f.recentFullScores} 次满分教育记录`,
          remedy: '有二次以上满分教育记录的，本周期和下一周期不予受理学法减分',
          messageEn: `The driver has ${f.recentFullScores} full-score education records in this or the previous cycle.`,
          remedyEn:
            'With two or more full-score records, point reduction is not available in this cycle or the next.',
        }
      : null,
};

export const noSeriousViolation: Rule<ReduceFacts> = {
  code: 'EXCLUDED_SERIOUS_VIOLATION',
  legalBasis: ART26('二'),
  requires: [licenceFound],
  check: (f) =>
    f.seriousViolations.length
      ? {
          message: `最近三个记分周期内有${f.seriousViolations.map((c) => SERIOUS_ZH[c] ?? c).join('、')}记录`,
          remedy: '最近三个记分周期内有上述记录的，不予受理学法减分',
          messageEn: `In the last three cycles the driver has a record of ${f.seriousViolations.map((c) => SERIOUS_EN[c] ?? c).join(', ')}.`,
          remedyEn:
            'With such a record in the last three cycles, point reduction is not available.',
        }
      : null,
};

export const noPointTrading: Rule<ReduceFacts> = {
  code: 'EXCLUDED_POINT_TRADING',
  legalBasis: ART26('二'),
  requires: [licenceFound],
  check: (f) =>
    f.pointTrading
      ? {
          message: '最近三个记分周期内因买卖、代替接受记分（买分卖分）受过处罚',
          remedy: '最近三个记分周期内有买分卖分处罚记录的，不予受理学法减分',
          messageEn:
            'In the last three cycles the driver was penalised for trading points (taking or selling penalties for others).',
          remedyEn:
            'With such a penalty in the last three cycles, point reduction is not available.',
        }
      : null,
};

export const notInProbation: Rule<ReduceFacts> = {
  code: 'EXCLUDED_PROBATION',
  legalBasis: ART26('三'),
  requires: [licenceFound],
  check: (f) =>
    f.licence?.probationUntil && f.licence.probationUntil >= f.today
      ? {
          message: `驾驶证处于实习期内（至 ${f.licence.probationUntil}）`,
          remedy: '实习期内的驾驶人不能申请学法减分',
          messageEn: `The licence is in its probation period (until ${f.licence.probationUntil}).`,
          remedyEn: 'Drivers in probation cannot reduce points by study.',
        }
      : null,
};

export const reviewDone: Rule<ReduceFacts> = {
  code: 'EXCLUDED_REVIEW_OVERDUE',
  legalBasis: ART26('三'),
  requires: [licenceFound],
  check: (f) =>
    f.reviewOverdueSince
      ? {
          message: `驾驶证逾期未审验（应于 ${f.reviewOverdueSince} 前审验）`,
          remedy: '请先到车管所办理驾驶证审验',
          messageEn: `The licence is overdue for its review (due by ${f.reviewOverdueSince}).`,
          remedyEn: 'Have the licence reviewed at a vehicle administration office first.',
        }
      : null,
};

export const notDetained: Rule<ReduceFacts> = {
  code: 'EXCLUDED_LICENCE_DETAINED',
  legalBasis: ART26('三'),
  requires: [licenceFound],
  check: (f) =>
    f.licence?.status === 'full-score' || f.licence?.status === 'suspended'
      ? {
          message: `驾驶证被${f.licence.status === 'suspended' ? '暂扣' : '扣留'}`,
          remedy: '驾驶证被扣留、暂扣期间不能申请学法减分',
          messageEn: `The licence is ${f.licence.status === 'suspended' ? 'suspended' : 'detained'}.`,
          remedyEn: 'Points cannot be reduced while the licence is detained or suspended.',
        }
      : null,
};

export const noInspectionOverdue: Rule<ReduceFacts> = {
  code: 'EXCLUDED_VEHICLE_INSPECTION_OVERDUE',
  legalBasis: ART26('四'),
  requires: [licenceFound],
  check: (f) =>
    f.inspectionOverdue.length
      ? {
          message: `名下机动车 ${f.inspectionOverdue.join('、')} 逾期未检验`,
          remedy: '请先为名下机动车办理安全技术检验，领取检验合格标志',
          messageEn: `The driver's vehicle ${f.inspectionOverdue.join(', ')} is overdue for inspection.`,
          remedyEn: 'Have the vehicle inspected and obtain its inspection mark first.',
        }
      : null,
};

export const noScrapOverdue: Rule<ReduceFacts> = {
  code: 'EXCLUDED_VEHICLE_SCRAP_OVERDUE',
  legalBasis: ART26('四'),
  requires: [licenceFound],
  check: (f) =>
    f.scrapOverdue.length
      ? {
          message: `名下机动车 ${f.scrapOverdue.join('、')} 已达报废标准，逾期未办理注销`,
          remedy: '请将达到报废标准的机动车交售报废机动车回收企业并办理注销登记',
          messageEn: `The driver's vehicle ${f.scrapOverdue.join(', ')} has reached the scrapping standard and was not deregistered in time.`,
          remedyEn:
            'Hand the vehicle to a licensed end-of-life vehicle recycler and have it deregistered first.',
        }
      : null,
};

export const noEducationFraud: Rule<ReduceFacts> = {
  code: 'EXCLUDED_EDUCATION_FRAUD',
  legalBasis: ART26('五'),
  requires: [licenceFound],
  check: (f) =>
    f.educationFraud
      ? {
          message: '最近三个记分周期内在学法减分、满分教育或者审验教育中有弄虚作假、冒名顶替记录',
          remedy: '有上述记录的，不予受理学法减分',
          messageEn:
            'In the last three cycles the driver cheated or was impersonated in point-reduction, full-score or review education.',
          remedyEn: 'With such a record, point reduction is not available.',
        }
      : null,
};

export const POINTS_REDUCE_RULES: readonly Rule<ReduceFacts>[] = [
  licenceFound,
  nameMatches,
  licenceInForce,
  policySet,
  allHandled,
  belowFullScore,
  hasPoints,
  capLeft,
  longEnough,
  examPassed,
  notTwiceFullScore,
  noSeriousViolation,
  noPointTrading,
  notInProbation,
  reviewDone,
  notDetained,
  noInspectionOverdue,
  noScrapOverdue,
  noEducationFraud,
];
