import { LICENCE_CLASS_INFO, type LicenceClass } from '#shared/licences.ts';
import { beijingDate } from '#shared/dates.ts';

/**
 * Where a candidate stands in the exams (R162 §§38, 46–47), pure. Pass marks: 90 for subjects
 * 1, 3 and 4 (安全文明驾驶常识); subject 2 is 90 for large classes and C6, 80 for the others. A
 * booking is one test and one free retake on its exam day: it ends at a pass, after two fails, after
 * a no-show (a fail), or with its day. Within a learner permit subjects 2 and 3 may each be booked at most 5 times; failing the
 * 5th booking voids every passed subject.
 */
export function passMark(subject: number, cls: LicenceClass): number {
  return subject === 2 ? LICENCE_CLASS_INFO[cls].subject2PassMark : 90;
}

export interface Attempt {
  subject: number;
  passed: boolean;
  /** A no-show (缺考): a fail that also ends its booking, as nobody came to take the retake. */
  absent: boolean;
  started_at: Date;
}

export interface Progress {
  passed: number[];
  /** Bookings used of subjects 2 and 3. */
  bookings: Record<2 | 3, number>;
  /** The last allowed booking of subject 2 or 3 ended in a fail. */
  voided: boolean;
}

/**
 * Bookings used by a subject's attempts in time order, and whether it has been passed, as of
 * `today`. A booking is the attempts of one exam day: the ranking gives a booking one session,
 * the subject's only one that day, and a candidate holds one booking of a subject at a time. It
 * ends failed after two fails, after a no-show, or when its day has passed without a pass (the
 * retake not taken, R162 §47), so a single fail is a whole booking once the day is over.
 */
export function bookingsOf(
  attempts: readonly Attempt[],
  today: string,
): { bookings: number; passed: boolean; lastFailed: boolean; lastDay: string | null } {
  const days: { day: string; fails: number; absent: boolean; passed: boolean }[] = [];
  for (const a of attempts) {
    const day = beijingDate(a.started_at);
    let booking = days.at(-1);
    if (booking?.day !== day) {
      booking = { day, fails: 0, absent: false, passed: false };
      days.push(booking);
    }
    if (a.passed) booking.passed = true;
    else booking.fails += 1;
    if (a.absent) booking.absent = true;
  }
  const upToPass = days.findIndex((b) => b.passed);
  const used = upToPass === -1 ? days : days.slice(0, upToPass + 1);
  const last = used.at(-1);
  const lastFailed = !!last && !last.passed && (last.fails >= 2 || last.absent || last.day < today);
  return {
    bookings: used.length,
    passed: upToPass !== -1,
    lastFailed,
    lastDay: last?.day ?? null,
  };
}

/**
 * Attempts with each exam day that passed with no result posted (缺考) as a no-show on
 * that day, in time order: the law makes a no-show a fail (R162 §46) whether or not the exam site
 * reports it, so it ends its booking, counts as one and makes subjects 2 and 3 wait (§47).
 */
export function withUnpostedDays(
  attempts: readonly Attempt[],
  days: readonly { subject: number; day: string }[],
): Attempt[] {
  const absent = days.map(({ subject, day }): Attempt => ({
    subject,
    passed: false,
    absent: true,
    started_at: new Date(`${day}T12:00:00+08:00`),
  }));
  return [...attempts, ...absent].sort((a, b) => a.started_at.getTime() - b.started_at.getTime());
}

/** The skills stage from the attempts since the learner permit, in time order. */
export function progressOf(
  attempts: readonly Attempt[],
  maxBookings: number,
  today: string,
): Progress {
  const of = (subject: number) =>
    bookingsOf(
      attempts.filter((a) => a.subject === subject),
      today,
    );
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
 * The day a subject's last booking ended failed (R162 §47: subjects 2 and 3 are rebooked from the
 * 10th day after), from its attempts in time order as of `today`; null while that booking is still
 * open (its retake may follow the same day) or none failed.
 */
export function lastFailedOn(attempts: readonly Attempt[], today: string): string | null {
  const b = bookingsOf(attempts, today);
  return b.lastFailed ? b.lastDay : null;
}
