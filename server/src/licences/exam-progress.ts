import { LICENCE_CLASS_INFO, type LicenceClass } from '#shared/licences.ts';
import { beijingDate } from '#shared/dates.ts';

/**
 * Where a candidate stands in the exams (R162 §§38, 46–47), pure. Pass marks: 90 for subjects
 * 1, 3 and 4 (安全文明驾驶常识); subject 2 is 90 for large classes and C6, 80 for the others. A
 * booking is one test and one free retake: it ends at a pass, or after two fails (a no-show is a
 * fail). Within a learner permit subjects 2 and 3 may each be booked at most 5 times; failing the
 * 5th booking voids every passed subject.
 */
export function passMark(subject: number, cls: LicenceClass): number {
  return subject === 2 ? LICENCE_CLASS_INFO[cls].subject2PassMark : 90;
}

export interface Attempt {
  subject: number;
  passed: boolean;
}

export interface Progress {
  passed: number[];
  /** Bookings used of subjects 2 and 3. */
  bookings: Record<2 | 3, number>;
  /** The last allowed booking of subject 2 or 3 ended in a fail. */
  voided: boolean;
}

/** Bookings used by a subject's attempts in order, and whether it has been passed. */
export function bookingsOf(attempts: readonly Attempt[]): {
  bookings: number;
  passed: boolean;
  lastFailed: boolean;
} {
  let bookings = 0;
  let open = 0;
  let passed = false;
  let lastFailed = false;
  for (const a of attempts) {
    if (passed) break;
    if (open === 0) {
      bookings += 1;
      lastFailed = false;
    }
    open += 1;
    if (a.passed) {
      passed = true;
      open = 0;
    } else if (open === 2) {
      open = 0;
      lastFailed = true;
    }
  }
  return { bookings, passed, lastFailed };
}

/** The skills stage from the attempts since the learner permit, in time order. */
export function progressOf(attempts: readonly Attempt[], maxBookings: number): Progress {
  const of = (subject: number) => bookingsOf(attempts.filter((a) => a.subject === subject));
  const s2 = of(2);
  const s3 = of(3);
  const voided = [s2, s3].some((s) => s.bookings >= maxBookings && s.lastFailed && !s.passed);
  return {
    passed: [2, 3, 4].filter((s) => of(s).passed),
    bookings: { 2: s2.bookings, 3: s3.bookings },
    voided,
  };
}

/**
 * The day a subject's last booking ended failed when the next attempt opens a new booking (R162
 * §47: subjects 2 and 3 are rebooked from the 10th day after), from its attempts in time order;
 * null while a booking is open or none failed.
 */
export function lastFailedOn(attempts: readonly (Attempt & { started_at: Date })[]): string | null {
  const last = attempts.at(-1);
  return last && bookingsOf(attempts).lastFailed ? beijingDate(last.started_at) : null;
}
