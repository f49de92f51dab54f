import { addCalendarDays, addMonths, addYears } from '#shared/dates.ts';
import {
  LICENCE_CLASS_INFO,
  permittedClasses,
  type LicenceClass,
  type LicenceStatus,
} from '#shared/licences.ts';
import type { Rule } from '../applications/handler.ts';
import { applicantNameRule } from './licence-file.rules.ts';
import {
  CERTIFICATE_RULES,
  certificateFit,
  type CertificateFacts,
} from './medical-certificate.rules.ts';
import type { RevocationBar } from './revocation.ts';
import { UPGRADE_PATHS } from './upgrade.ts';

/**
 * The last day of a learner permit issued on `issuedOn` (R162 §41): `months` calendar months (3
 * years), to the day before the same day, but never past the age up to which the class may be
 * applied for (the day before the birthday after it), when the class has one.
 */
export function learnerPermitUntil(
  issuedOn: string,
  months: number,
  cls: LicenceClass,
  birthDate: string | null,
): string {
  const end = addCalendarDays(addMonths(issuedOn, months), -1);
  const max = LICENCE_CLASS_INFO[cls].maxAge;
  if (max === null || birthDate === null) return end;
  const aged = addCalendarDays(addYears(birthDate, max + 1), -1);
  return aged < end ? aged : end;
}

/** 初次申领/增加准驾车型 (R162 §§14–17, 22): the class asked for and the applicant as on file. */
export type ApplyFacts = CertificateFacts & {
  class: LicenceClass;
  age: number;
  /** The applicant already has a licence application in its exams. */
  inProgress: boolean;
  applicantName: string;
  licence: {
    status: LicenceStatus;
    classes: LicenceClass[];
    classSince: Partial<Record<LicenceClass, string>>;
    name: string;
  } | null;
  /**
   * The application restores a licence cancelled for being over a year overdue (R162 §79 第三款,
   * licence-restore.ts): `in-time` by subject 1 alone, `too-late` past the two years.
   */
  restoration: 'in-time' | 'too-late' | null;
  /** The name on the licence an `in-time` restoration brings back; null otherwise. */
  restoredName: string | null;
  /**
   * The licence was revoked (吊销): it is held no more, and a new (first) application waits out
   * the bar of R162 §15 (revocation.ts); null when it was not.
   */
  revoked: RevocationBar | null;
  /** The certificate's memory, judgment and reaction test (R162 §14(二)9), if one was taken. */
  cognitiveTest: 'pass' | 'fail' | null;
  /** Full scores in the cycles an upgrade must be clean of, and how many cycles that is. */
  fullScores: number;
  cleanCycles: number;
};

const R162 = '机动车驾驶证申领和使用规定';
const info = (f: ApplyFacts) => LICENCE_CLASS_INFO[f.class];

export const notInProgress: Rule<ApplyFacts> = {
  code: 'APPLICATION_IN_PROGRESS',
  legalBasis: `${R162} 第二十二条`,
  check: (f) =>
    f.inProgress
      ? {
          message: '申请人已有正在考试中的驾驶证申请',
          remedy: '请完成或撤回正在办理的申请后再申请',
          messageEn: 'The applicant already has a licence application in its exams.',
          remedyEn: 'Finish or withdraw that application first.',
        }
      : null,
};

export const oldEnough: Rule<ApplyFacts> = {
  code: 'AGE_BELOW_MINIMUM',
  legalBasis: `${R162} 第十四条`,
  check: (f) =>
    f.age < info(f).minAge
      ? {
          message: `申请 ${f.class} 准驾车型应年满 ${info(f).minAge} 周岁，申请人 ${f.age} 周岁`,
          remedy: `请在年满 ${info(f).minAge} 周岁后申请`,
          messageEn: `Class ${f.class} requires an age of at least ${info(f).minAge}; the applicant is ${f.age}.`,
          remedyEn: `Apply once aged ${info(f).minAge}.`,
        }
      : null,
};

export const youngEnough: Rule<ApplyFacts> = {
  code: 'AGE_ABOVE_MAXIMUM',
  legalBasis: `${R162} 第十四条（公安部令第172号修改）`,
  check: (f) => {
    const max = info(f).maxAge;
    return max !== null && f.age > max
      ? {
          message: `申请 ${f.class} 准驾车型的年龄上限为 ${max} 周岁，申请人 ${f.age} 周岁`,
          remedy: '请选择无年龄上限的准驾车型（如 C1、C2）',
          messageEn: `Class ${f.class} may be applied for up to the age of ${max}; the applicant is ${f.age}.`,
          remedyEn: 'Choose a class without an age limit (such as C1 or C2).',
        }
      : null;
  },
};

export const firstTimeClass: Rule<ApplyFacts> = {
  code: 'CLASS_UPGRADE_ONLY',
  legalBasis: `${R162} 第十六条`,
  check: (f) =>
    !f.licence && !f.restoration && !info(f).firstTime
      ? {
          message: `${f.class}（${info(f).nameZh}）准驾车型不能初次申请，只能增加准驾车型`,
          remedy: '初次申请可选 A3、B2、C1、C2、C3、C4、C5、D、E、F、M、N、P',
          messageEn: `Class ${f.class} (${info(f).nameEn}) cannot be a first licence; it can only be added to one.`,
          remedyEn: 'A first licence may be A3, B2, C1, C2, C3, C4, C5, D, E, F, M, N or P.',
        }
      : null,
};

export const restoredInTime: Rule<ApplyFacts> = {
  code: 'RESTORATION_PERIOD_OVER',
  legalBasis: `${R162} 第七十九条第三款`,
  check: (f) =>
    f.restoration === 'too-late' && !info(f).firstTime
      ? {
          message: `驾驶证因超过有效期一年以上未换证被注销已超过二年，不能恢复驾驶资格，${f.class} 准驾车型也不能初次申请`,
          remedy: '请申请可初次申领的准驾车型（如 C1），取得驾驶证后再申请增加准驾车型',
          messageEn: `The licence was cancelled more than two years ago for not being renewed, so it cannot be restored, and class ${f.class} cannot be a first licence.`,
          remedyEn:
            'Apply for a class a first licence may have (such as C1), then add the class to that licence.',
        }
      : null,
};

/** The unknown cause's words: the general bar applies, and the refusal says why. */
const unknownCause = (b: RevocationBar) =>
  b.cause === null
    ? {
        zh: '；吊销原因未记载，按其他情形被吊销未满二年不得申请的规定办理',
        en: ' The cause is not on file, so the general two-year bar applies.',
      }
    : { zh: '', en: '' };

export const revocationBarOver: Rule<ApplyFacts> = {
  code: 'REVOCATION_BAR',
  legalBasis: `${R162} 第十五条`,
  check: (f) => {
    const b = f.revoked;
    if (!b || (b.applyFrom !== null && f.today >= b.applyFrom)) return null;
    if (b.applyFrom === null) {
      return {
        message: `驾驶证于 ${b.revokedOn} 因${b.causeZh}被吊销，终生不得申请机动车驾驶证`,
        remedy: '不能申请机动车驾驶证',
        messageEn: `The licence was revoked on ${b.revokedOn} for ${b.causeEn}, which bars a new licence for life.`,
        remedyEn: 'No driving licence may be applied for.',
      };
    }
    const u = unknownCause(b);
    return {
      message: `驾驶证于 ${b.revokedOn} 被吊销（${b.causeZh}），吊销未满 ${b.years} 年不得申请机动车驾驶证${u.zh}`,
      remedy: `请于 ${b.applyFrom} 起重新申请（初次申领）`,
      messageEn: `The licence was revoked on ${b.revokedOn} (${b.causeEn}); no licence may be applied for within ${b.years} years of it.${u.en}`,
      remedyEn: `Apply anew (as a first application) from ${b.applyFrom}.`,
    };
  },
};

export const notHeld: Rule<ApplyFacts> = {
  code: 'CLASS_ALREADY_HELD',
  legalBasis: `${R162} 第十七条`,
  check: (f) =>
    f.licence && permittedClasses(f.licence.classes).includes(f.class)
      ? {
          message: `申请人的驾驶证（${f.licence.classes.join('、')}）已准予驾驶 ${f.class} 车型`,
          remedy: '无需申请该准驾车型',
          messageEn: `The applicant's licence (${f.licence.classes.join(', ')}) already allows class ${f.class}.`,
          remedyEn: 'There is no need to apply for this class.',
        }
      : null,
};

export const licenceInForce: Rule<ApplyFacts> = {
  code: 'LICENCE_NOT_IN_FORCE',
  legalBasis: `${R162} 第十七条`,
  requires: [notHeld],
  check: (f) =>
    f.licence && f.licence.status !== 'valid'
      ? {
          message: '申请增加准驾车型时，现有驾驶证不在有效状态',
          remedy: '请先处理现有驾驶证（换证、领回或恢复驾驶资格）后再申请',
          messageEn: 'To add a class, the licence held must be in force, and it is not.',
          remedyEn: 'Renew, collect or restore the licence first, then apply.',
        }
      : null,
};

export const noRecentFullScore: Rule<ApplyFacts> = {
  code: 'UPGRADE_FULL_SCORE',
  legalBasis: `${R162} 第十七条`,
  requires: [notHeld],
  check: (f) =>
    f.licence && f.fullScores > 0
      ? {
          message: `最近 ${f.cleanCycles} 个记分周期内有记满12分记录`,
          remedy: `请在连续 ${f.cleanCycles} 个记分周期没有记满12分后再申请增加准驾车型`,
          messageEn: `The driver reached 12 points in one of the last ${f.cleanCycles} cycles.`,
          remedyEn: `Apply to add the class after ${f.cleanCycles} consecutive cycles without 12 points.`,
        }
      : null,
};

/** The upgrade paths the applicant meets on a day. */
const pathMet = (f: ApplyFacts, today: string) =>
  (UPGRADE_PATHS[f.class]?.paths ?? []).some((p) =>
    p.from.some((c) => {
      const since = f.licence?.classSince[c];
      return since !== undefined && addYears(since, p.years) <= today;
    }),
  );

export const heldLongEnough: Rule<ApplyFacts> = {
  code: 'UPGRADE_NOT_HELD_LONG_ENOUGH',
  legalBasis: `${R162} 第十七条`,
  requires: [notHeld],
  check: (f) => {
    const upgrade = UPGRADE_PATHS[f.class];
    if (!f.licence || !upgrade || pathMet(f, f.today)) return null;
    const zh = upgrade.paths.map((p) => `${p.from.join('/')} 满 ${p.years} 年`).join('，或');
    const en = upgrade.paths
      .map((p) => `${p.from.join('/')} for ${p.years} year${p.years > 1 ? 's' : ''}`)
      .join(', or ');
    return {
      message: `增加 ${f.class} 准驾车型，应持有 ${zh}`,
      remedy: '请在持证时间满足后再申请',
      messageEn: `To add class ${f.class} the applicant must have held ${en}.`,
      remedyEn: 'Apply once the licence has been held long enough.',
    };
  },
};

/** The classes that may be applied for at 70 or more, after the test below (R172). */
const TESTED_FROM_70: readonly LicenceClass[] = ['C1', 'C2', 'C5', 'F'];

/**
 * R162 §14(二)9 as rewritten by R172: at 70 or more, a C1, C2, C5 or F applicant also passes a
 * memory, judgment and reaction test, recorded with the medical on its certificate.
 */
export const cognitiveTested: Rule<ApplyFacts> = {
  code: 'COGNITIVE_TEST_REQUIRED',
  legalBasis: `${R162} 第十四条（公安部令第172号修改）`,
  requires: [certificateFit],
  check: (f) => {
    if (f.age < 70 || !TESTED_FROM_70.includes(f.class) || f.cognitiveTest === 'pass') return null;
    const failed = f.cognitiveTest === 'fail';
    return {
      message: failed
        ? '身体条件证明记载的记忆力、判断力、反应力测试不合格'
        : `年满 70 周岁申请 ${f.class} 准驾车型，应通过记忆力、判断力、反应力测试，身体条件证明未记载该测试`,
      remedy:
        '请到县级以上医院或警医体检点进行记忆力、判断力、反应力测试，取得记载测试合格的身体条件证明',
      messageEn: failed
        ? 'The memory, judgment and reaction test on the medical certificate was failed.'
        : `At 70 or more, class ${f.class} requires a memory, judgment and reaction test, and the medical certificate records none.`,
      remedyEn:
        'Take the memory, judgment and reaction test at a county-level or higher hospital or a police–hospital exam point, and bring a certificate recording a pass.',
    };
  },
};

/**
 * An upgrade is asked for by the holder of the licence it adds to, and a restoration by the holder
 * of the licence it brings back, under the holder's name.
 */
export const applicantIsHolder = applicantNameRule<ApplyFacts>({
  basis: `${R162} 第二十二条`,
  requires: [],
  names: (f) => {
    const registered = f.licence?.name ?? f.restoredName;
    return registered === null || registered === undefined
      ? null
      : { given: f.applicantName, registered };
  },
});

export const LICENCE_APPLY_RULES: readonly Rule<ApplyFacts>[] = [
  notInProgress,
  revocationBarOver,
  applicantIsHolder,
  oldEnough,
  youngEnough,
  firstTimeClass,
  restoredInTime,
  notHeld,
  licenceInForce,
  noRecentFullScore,
  heldLongEnough,
  ...CERTIFICATE_RULES,
  cognitiveTested,
];
