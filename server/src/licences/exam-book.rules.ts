import { addCalendarDays } from '#shared/dates.ts';
import { LICENCE_CLASS_INFO, LICENCE_CLASSES, type LicenceClass } from '#shared/licences.ts';
import type { Rule } from '../applications/handler.ts';
import { applicantNameRule } from './licence-file.rules.ts';

/** 考试预约 (R162 §§39, 43–47): what the candidate's file says about booking a subject. */
export interface BookFacts {
  subject: number;
  today: string;
  preferredDates: string[];
  candidate: {
    class: LicenceClass;
    status: 'theory' | 'skills';
    permitIssuedOn: string | null;
    permitValidUntil: string | null;
  } | null;
  passed: number[];
  /** Bookings of this subject used within the permit (subjects 2 and 3), and the cap. */
  bookings: number;
  maxBookings: number | null;
  /** Subject 3 has an open booking (subject 4 may then be booked to be taken the same day). */
  subject3Booked: boolean;
  /** The subject's last booking ended failed on this day (R162 §47: rebook after 10 days). */
  lastFailedOn: string | null;
  /** The candidate already holds a car-class licence (R162 §44: an upgrade waits less). */
  holdsCarLicence: boolean;
  applicantName: string;
  /** The name on the driver's file (the licence, or the licence application); null when none. */
  registeredName: string | null;
  hasOpenBooking: boolean;
  /**
   * The applicant's licence is detained for a full score (满分): its exam (R163 §§21–22) is no
   * licence application's, so the refusal says where it is taken instead.
   */
  fullScore?: boolean;
  /** The exam site named, as the network knows it; null when the candidate named none. */
  examSite: { code: string; standing: 'open' | 'suspended' | 'unknown' } | null;
  /** The city's exam sites taking candidates, named when the one booked is not among them. */
  openSites: { code: string; name: string }[];
}

const R162 = '机动车驾驶证申领和使用规定';
/** The subjects' names, by number (subject 4 is 科目三's safe and civil driving part). */
export const SUBJECT_ZH = ['', '科目一', '科目二', '科目三', '科目三安全文明驾驶常识'];
export const SUBJECT_EN = [
  '',
  'subject 1',
  'subject 2',
  'subject 3',
  'subject 4 (safe and civil driving)',
];
/** R162 §47: after a failed booking of subject 2 or 3, the next one from the 10th day on. */
export const REBOOK_WAIT_DAYS = 10;

/**
 * The car classes (汽车类, every A, B and C class of R162 附件1): a holder adding a large class
 * waits 30 days for subject 3, not 40.
 */
export const CAR_CLASSES: readonly LicenceClass[] = LICENCE_CLASSES.filter((c) => /^[ABC]/.test(c));

/**
 * Days after the learner permit before subjects 2 and 3 may be taken (R162 §§43–44): subject 3
 * of a large class waits 40 days, or 30 for a candidate who already holds a car-class licence.
 */
export function waitDays(subject: number, cls: LicenceClass, holdsCarLicence = false): number {
  const large = LICENCE_CLASS_INFO[cls].large;
  if (subject === 2) return large || cls === 'C6' ? 20 : 10;
  if (subject === 3) {
    if (large) return holdsCarLicence ? 30 : 40;
    return ['C2', 'C5', 'C3', 'C4'].includes(cls) ? 20 : 30;
  }
  return 0;
}

/**
 * The first day the law lets a subject be taken, whatever today is: subjects 2 and 3 wait after
 * the learner permit (R162 §§43–44) and, after a failed booking, 10 more days (§47); null when
 * nothing makes the candidate wait. The booking and the exam site's result both ask it.
 */
export function lawfulFrom(w: {
  subject: number;
  class: LicenceClass;
  permitIssuedOn: string | null;
  lastFailedOn: string | null;
  holdsCarLicence: boolean;
}): string | null {
  if (w.subject !== 2 && w.subject !== 3) return null;
  const wait = waitDays(w.subject, w.class, w.holdsCarLicence);
  const days = [
    w.permitIssuedOn && addCalendarDays(w.permitIssuedOn, wait),
    w.lastFailedOn && addCalendarDays(w.lastFailedOn, REBOOK_WAIT_DAYS),
  ].filter((d): d is string => Boolean(d));
  return days.sort().at(-1) ?? null;
}

/** The first day the subject may be booked for: tomorrow at the earliest. */
export function earliestOn(f: BookFacts): string {
  const tomorrow = addCalendarDays(f.today, 1);
  const c = f.candidate;
  const lawful =
    c &&
    lawfulFrom({
      subject: f.subject,
      lastFailedOn: f.lastFailedOn,
      holdsCarLicence: f.holdsCarLicence,
      ...c,
    });
  return lawful && lawful > tomorrow ? lawful : tomorrow;
}

export const hasCandidacy: Rule<BookFacts> = {
  code: 'NO_LICENCE_APPLICATION',
  legalBasis: `${R162} 第三十九条`,
  check: (f) =>
    f.candidate
      ? null
      : f.fullScore
        ? {
            message:
              '申请人没有正在办理的驾驶证申请，不能预约驾驶证考试；驾驶证因记分满12分被扣留，应参加满分教育学习和考试',
            remedy:
              '满分教育学习期满后到考试场参加道路交通安全法律、法规和相关知识考试（道路交通安全违法行为记分管理办法 第二十一条），成绩由考试场提交，考试合格并缴清罚款后发还驾驶证',
            messageEn:
              'The applicant has no licence application in progress, so cannot book a licence exam; the licence is detained for reaching 12 points and the full-score study and exam are owed.',
            remedyEn:
              'After the full-score study, take the road-safety law exam at an exam site (R163 Article 21), which posts the result; the licence is returned once it is passed and the fines are paid.',
          }
        : {
            message: '申请人没有正在办理的驾驶证申请，不能预约考试',
            remedy: '请先申请初次领取驾驶证或增加准驾车型，受理后再预约考试',
            messageEn:
              'The applicant has no licence application in progress, so cannot book an exam.',
            remedyEn: 'Apply for a licence or an added class first; book once it is accepted.',
          },
};

/** What subject 4 still waits for (R162 §39): subject 2 passed, subject 3 passed or booked. */
function subject4Owes(f: BookFacts): { zh: string[]; en: string[] } {
  const owes = { zh: [] as string[], en: [] as string[] };
  if (!f.passed.includes(2)) {
    owes.zh.push('科目二尚未考试合格');
    owes.en.push('subject 2 is not passed');
  }
  if (!f.passed.includes(3) && !f.subject3Booked) {
    owes.zh.push('科目三道路驾驶技能考试尚未合格或预约');
    owes.en.push('subject 3 is neither passed nor booked');
  }
  return owes;
}

export const subjectInOrder: Rule<BookFacts> = {
  code: 'SUBJECT_NOT_YET',
  legalBasis: `${R162} 第三十九条`,
  requires: [hasCandidacy],
  check: (f) => {
    if (f.candidate?.status === 'theory' && f.subject > 1) {
      return {
        message: `科目一考试合格、取得学习驾驶证明后，方可预约${SUBJECT_ZH[f.subject]}`,
        remedy: '请先预约并通过科目一考试',
        messageEn: `${SUBJECT_EN[f.subject]} can be booked once subject 1 is passed and the learner permit issued.`,
        remedyEn: 'Book and pass subject 1 first.',
      };
    }
    const owes = f.subject === 4 ? subject4Owes(f) : { zh: [], en: [] };
    return owes.zh.length
      ? {
          message: `科目二考试合格、科目三道路驾驶技能考试合格或已预约后，方可预约科目三安全文明驾驶常识（${owes.zh.join('；')}）`,
          remedy: '请先通过科目二考试，并通过或预约科目三道路驾驶技能考试（可同日考试）',
          messageEn: `Subject 4 (safe and civil driving) can be booked once subject 2 is passed and subject 3 passed or booked (${owes.en.join('; ')}).`,
          remedyEn:
            'Pass subject 2 and pass or book subject 3 first (both may be taken the same day).',
        }
      : null;
  },
};

export const notPassed: Rule<BookFacts> = {
  code: 'SUBJECT_ALREADY_PASSED',
  legalBasis: `${R162} 第三十九条`,
  requires: [hasCandidacy],
  check: (f) =>
    f.passed.includes(f.subject) || (f.subject === 1 && f.candidate?.status === 'skills')
      ? {
          message: `${SUBJECT_ZH[f.subject]}已考试合格`,
          remedy: '请预约尚未合格的科目',
          messageEn: `${SUBJECT_EN[f.subject]} has already been passed.`,
          remedyEn: 'Book a subject not yet passed.',
        }
      : null,
};

export const noOpenBooking: Rule<BookFacts> = {
  code: 'BOOKING_IN_PROGRESS',
  legalBasis: `${R162} 第三十九条`,
  requires: [hasCandidacy],
  check: (f) =>
    f.hasOpenBooking
      ? {
          message: `${SUBJECT_ZH[f.subject]}已有未完成的考试预约`,
          remedy: '请参加已预约的考试，或取消后再预约',
          messageEn: `There is already an open booking for ${SUBJECT_EN[f.subject]}.`,
          remedyEn: 'Take the booked exam, or cancel it before booking again.',
        }
      : null,
};

export const bookingsLeft: Rule<BookFacts> = {
  code: 'BOOKINGS_EXHAUSTED',
  legalBasis: `${R162} 第四十七条`,
  requires: [subjectInOrder],
  check: (f) =>
    (f.subject === 2 || f.subject === 3) && f.maxBookings !== null && f.bookings >= f.maxBookings
      ? {
          message: `学习驾驶证明有效期内${SUBJECT_ZH[f.subject]}已预约考试 ${f.bookings} 次，达到上限 ${f.maxBookings} 次`,
          remedy: '请重新申请驾驶证',
          messageEn: `${SUBJECT_EN[f.subject]} has been booked ${f.bookings} times within the learner permit, the limit of ${f.maxBookings}.`,
          remedyEn: 'Apply for a licence again.',
        }
      : null,
};

export const datesLawful: Rule<BookFacts> = {
  code: 'DATE_TOO_EARLY',
  legalBasis: `${R162} 第四十三条、第四十四条、第四十七条`,
  requires: [subjectInOrder],
  check: (f) => {
    const first = earliestOn(f);
    const early = f.preferredDates.filter((d) => d < first);
    return early.length
      ? {
          message: `${SUBJECT_ZH[f.subject]}最早可于 ${first} 考试，${early.join('、')} 早于该日期`,
          remedy: `请选择 ${first} 及以后的日期`,
          messageEn: `${SUBJECT_EN[f.subject]} may be taken from ${first} on; ${early.join(', ')} is earlier.`,
          remedyEn: `Choose dates from ${first} on.`,
        }
      : null;
  },
};

export const withinPermit: Rule<BookFacts> = {
  code: 'DATE_AFTER_PERMIT',
  legalBasis: `${R162} 第四十一条`,
  requires: [subjectInOrder],
  check: (f) => {
    const until = f.candidate?.permitValidUntil;
    const late = until ? f.preferredDates.filter((d) => d > until) : [];
    return late.length
      ? {
          message: `学习驾驶证明有效期至 ${until}，${late.join('、')} 已超出`,
          remedy: '请在学习驾驶证明有效期内预约考试',
          messageEn: `The learner permit is valid until ${until}; ${late.join(', ')} is after it.`,
          remedyEn: 'Book dates within the learner permit.',
        }
      : null;
  },
};

/**
 * R162 §39: the office holds the exam at the site and time booked, so a site named must be one of
 * the city's exam sites, and one taking candidates (a suspended site holds no sessions). Asked
 * whatever the candidacy: the notice says both when both are wrong.
 */
export const siteOpen: Rule<BookFacts> = {
  code: 'EXAM_SITE_UNKNOWN',
  legalBasis: `${R162} 第三十九条`,
  check: (f) => {
    const site = f.examSite;
    if (!site || site.standing === 'open') return null;
    const suspended = site.standing === 'suspended';
    const zh = f.openSites.map((s) => `${s.name}（${s.code}）`).join('、');
    const en = f.openSites.map((s) => s.code).join(', ');
    return {
      message: suspended
        ? `考试场 ${site.code} 已暂停业务，不能预约`
        : `${site.code} 不是本市的考试场，不能预约`,
      remedy: `请选择本市的考试场${zh ? `：${zh}` : ''}；也可不指定考试场，由考试排序分配`,
      messageEn: suspended
        ? `Exam site ${site.code} is suspended and takes no bookings.`
        : `${site.code} is not an exam site of this city.`,
      remedyEn: `Choose one of the city's exam sites${en ? ` (${en})` : ''}, or name none and let the ranking allocate one.`,
    };
  },
};

/** The candidate books under the name on file, so a number with another name books nobody's exam. */
export const applicantOnFile = applicantNameRule<BookFacts>({
  basis: `${R162} 第三十九条`,
  requires: [],
  names: (f) =>
    f.registeredName === null ? null : { given: f.applicantName, registered: f.registeredName },
  record: { zh: '驾驶人档案', en: 'driver file' },
});

export const EXAM_BOOK_RULES: readonly Rule<BookFacts>[] = [
  hasCandidacy,
  applicantOnFile,
  siteOpen,
  subjectInOrder,
  notPassed,
  noOpenBooking,
  bookingsLeft,
  datesLawful,
  withinPermit,
];
