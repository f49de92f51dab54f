import type { LicenceClass } from '#shared/licences.ts';
import type { Rule } from '../applications/handler.ts';
import { lawfulFrom, SUBJECT_EN, SUBJECT_ZH } from './exam-book.rules.ts';

/**
 * Whether an exam site's result counts for the candidate's licence application (R162 §§39,
 * 41, 43–47, 93): the result is always recorded, but only one the law allows on its day moves the
 * application on. Each failing rule says why it did not count.
 */
export interface ResultFacts {
  subject: number;
  class: LicenceClass;
  passed: boolean;
  faceMatch: 'pass' | 'fail' | 'manual';
  /** The day the exam was taken (Beijing time), and where. */
  examDay: string;
  examSiteCode: string;
  candidate: {
    class: LicenceClass;
    status: string;
    permitIssuedOn: string | null;
    permitValidUntil: string | null;
  } | null;
  /** The subjects already passed in results that counted. */
  passedSubjects: number[];
  /** The subject's last booking ended failed on this day, and this result opens a new one. */
  lastFailedOn: string | null;
  /** The candidate already holds a car-class licence (R162 §44: an upgrade waits less). */
  holdsCarLicence: boolean;
  /**
   * The candidate's booking of the subject allocated to this exam site's session on the exam day,
   * with the results already counted in it; null when there is none.
   */
  booking: { attempts: number; passed: boolean } | null;
}

const R162 = '机动车驾驶证申领和使用规定';
const REMEDY = '成绩已记录但不计入驾驶证申请，请按规定预约后重新考试';
const REMEDY_EN =
  'The result is recorded but does not count; book and take the exam as the law allows.';

export const resultHasCandidacy: Rule<ResultFacts> = {
  code: 'RESULT_NO_APPLICATION',
  legalBasis: `${R162} 第三十九条`,
  check: (f) =>
    f.candidate
      ? null
      : {
          message: '考生没有正在办理的驾驶证申请',
          remedy: REMEDY,
          messageEn: 'The candidate has no licence application in progress.',
          remedyEn: REMEDY_EN,
        },
};

export const resultClassMatches: Rule<ResultFacts> = {
  code: 'RESULT_CLASS_MISMATCH',
  legalBasis: `${R162} 第三十九条`,
  requires: [resultHasCandidacy],
  check: (f) =>
    f.candidate && f.candidate.class !== f.class
      ? {
          message: `考生申请的准驾车型为 ${f.candidate.class}，成绩的车型为 ${f.class}`,
          remedy: REMEDY,
          messageEn: `The candidate applied for class ${f.candidate.class}; the result is for ${f.class}.`,
          remedyEn: REMEDY_EN,
        }
      : null,
};

/** R162 §39: the exam is held at the site and time the ranking allocated to a booking. */
export const resultBooked: Rule<ResultFacts> = {
  code: 'RESULT_NOT_BOOKED',
  legalBasis: `${R162} 第三十九条`,
  requires: [resultHasCandidacy],
  check: (f) =>
    f.booking
      ? null
      : {
          message: `考生没有分配到考试场 ${f.examSiteCode} ${f.examDay} ${SUBJECT_ZH[f.subject]}考试场次的预约`,
          remedy: REMEDY,
          messageEn: `The candidate holds no booking allocated to the ${SUBJECT_EN[f.subject]} session of exam site ${f.examSiteCode} on ${f.examDay}.`,
          remedyEn: REMEDY_EN,
        },
};

/** R162 §47: a booking is one test and one retake, and ends at a pass. */
export const resultAttemptLeft: Rule<ResultFacts> = {
  code: 'RESULT_BOOKING_USED',
  legalBasis: `${R162} 第四十七条`,
  requires: [resultBooked],
  check: (f) => {
    const b = f.booking;
    if (!b || (!b.passed && b.attempts < 2)) return null;
    return b.passed
      ? {
          message: `本次预约的${SUBJECT_ZH[f.subject]}考试已合格`,
          remedy: REMEDY,
          messageEn: `${SUBJECT_EN[f.subject]} was already passed in this booking.`,
          remedyEn: REMEDY_EN,
        }
      : {
          message: `本次预约的${SUBJECT_ZH[f.subject]}已考试一次并补考一次，预约已结束`,
          remedy: REMEDY,
          messageEn: `This booking of ${SUBJECT_EN[f.subject]} has had its test and its one retake, so it has ended.`,
          remedyEn: REMEDY_EN,
        };
  },
};

/** A pass without a face match proves nothing about who sat the exam (R162 §93). */
export const resultFaceMatched: Rule<ResultFacts> = {
  code: 'RESULT_FACE_MISMATCH',
  legalBasis: `${R162} 第九十三条`,
  check: (f) =>
    f.passed && f.faceMatch === 'fail'
      ? {
          message: '考生身份比对未通过，合格成绩不予认定',
          remedy: '请核实考生身份后重新考试',
          messageEn: 'The face match failed, so the pass cannot be credited.',
          remedyEn: 'Verify the candidate and examine again.',
        }
      : null,
};

export const resultStage: Rule<ResultFacts> = {
  code: 'RESULT_SUBJECT_STAGE',
  legalBasis: `${R162} 第三十九条`,
  requires: [resultClassMatches],
  check: (f) => {
    const theory = f.candidate?.status === 'theory';
    if (f.subject === 1 && !theory) {
      return {
        message: '科目一已考试合格',
        remedy: REMEDY,
        messageEn: 'Subject 1 has already been passed.',
        remedyEn: REMEDY_EN,
      };
    }
    return f.subject > 1 && theory
      ? {
          message: `科目一考试合格、取得学习驾驶证明后，方可参加${SUBJECT_ZH[f.subject]}考试`,
          remedy: REMEDY,
          messageEn: `${SUBJECT_EN[f.subject]} may be taken once subject 1 is passed and the learner permit issued.`,
          remedyEn: REMEDY_EN,
        }
      : null;
  },
};

export const resultNotTooEarly: Rule<ResultFacts> = {
  code: 'RESULT_TOO_EARLY',
  legalBasis: `${R162} 第四十三条、第四十四条、第四十七条`,
  requires: [resultStage],
  check: (f) => {
    const c = f.candidate;
    const from =
      c &&
      lawfulFrom({
        subject: f.subject,
        lastFailedOn: f.lastFailedOn,
        holdsCarLicence: f.holdsCarLicence,
        ...c,
      });
    return from && f.examDay < from
      ? {
          message: `${SUBJECT_ZH[f.subject]}最早可于 ${from} 考试，考试日期 ${f.examDay} 早于该日期`,
          remedy: REMEDY,
          messageEn: `${SUBJECT_EN[f.subject]} may be taken from ${from} on; the exam was on ${f.examDay}.`,
          remedyEn: REMEDY_EN,
        }
      : null;
  },
};

/** R162 §39: 安全文明驾驶常识 once both road-skill subjects are passed (the same day at the earliest). */
export const resultSubject4Last: Rule<ResultFacts> = {
  code: 'RESULT_SUBJECT_NOT_YET',
  legalBasis: `${R162} 第三十九条`,
  requires: [resultStage],
  check: (f) =>
    f.subject === 4 && !(f.passedSubjects.includes(2) && f.passedSubjects.includes(3))
      ? {
          message: '科目二、科目三道路驾驶技能考试均合格后，方可参加科目三安全文明驾驶常识考试',
          remedy: REMEDY,
          messageEn:
            'Subject 4 (safe and civil driving) may be taken once subjects 2 and 3 are both passed.',
          remedyEn: REMEDY_EN,
        }
      : null,
};

export const resultWithinPermit: Rule<ResultFacts> = {
  code: 'RESULT_AFTER_PERMIT',
  legalBasis: `${R162} 第四十一条`,
  requires: [resultStage],
  check: (f) => {
    const until = f.candidate?.permitValidUntil;
    return f.subject > 1 && until && f.examDay > until
      ? {
          message: `学习驾驶证明有效期至 ${until}，考试日期 ${f.examDay} 已超出`,
          remedy: REMEDY,
          messageEn: `The learner permit was valid until ${until}; the exam was on ${f.examDay}.`,
          remedyEn: REMEDY_EN,
        }
      : null;
  },
};

export const EXAM_RESULT_RULES: readonly Rule<ResultFacts>[] = [
  resultHasCandidacy,
  resultClassMatches,
  resultFaceMatched,
  resultStage,
  resultNotTooEarly,
  resultSubject4Last,
  resultWithinPermit,
  resultBooked,
  resultAttemptLeft,
];

/**
 * A result of a driver detained for a full score, with no licence application, is the full
 * score's exam (R163 §§21–23): it counts for no application, and the exam site is told what it
 * did instead of being sent to book again.
 */
export const resultForFullScore: Rule<{
  fullScore: 'full-score-released' | 'full-score-exams-passed';
}> = {
  code: 'RESULT_FULL_SCORE_EXAM',
  legalBasis: '道路交通安全违法行为记分管理办法 第二十三条',
  check: (f) =>
    f.fullScore === 'full-score-released'
      ? {
          message: '成绩计入满分教育考试，不计入驾驶证申请：考试合格，记分已清除，驾驶证已发还',
          remedy: '无需重新考试',
          messageEn:
            'The result counts for the full-score exam, not a licence application: passed, the points are cleared and the licence is returned.',
          remedyEn: 'No further exam is needed.',
        }
      : {
          message:
            '成绩计入满分教育考试，不计入驾驶证申请：考试合格，缴清罚款后记分清除、发还驾驶证',
          remedy: '无需重新考试；请驾驶人缴清罚款',
          messageEn:
            'The result counts for the full-score exam, not a licence application: passed; the points are cleared and the licence returned once the fines are paid.',
          remedyEn: 'No further exam is needed; the driver pays the fines.',
        },
};
