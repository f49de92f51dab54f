import { describe, expect, it } from 'vitest';
import { bookingsOf, lastFailedOn, passMark, progressOf, type Attempt } from './exam-progress.ts';

/** An attempt on a day (Beijing time, mid-morning), a no-show when `absent`. */
const at = (day: string, subject: number, passed: boolean, absent = false): Attempt => ({
  subject,
  passed,
  absent,
  started_at: new Date(`${day}T10:00:00+08:00`),
});
const fail = (day: string, subject = 2) => at(day, subject, false);
const pass = (day: string, subject = 2) => at(day, subject, true);
/** Two fails on each of n days, ten days apart: n bookings that ended failed. */
const failedBookings = (n: number, subject = 2) =>
  Array.from({ length: n }, (_, i) => {
    const day = `2027-0${1 + Math.floor(i / 2)}-${i % 2 ? '20' : '05'}`;
    return [fail(day, subject), fail(day, subject)];
  }).flat();
const LATER = '2027-12-31';

describe('exam progress (R162 §§38, 46–47)', () => {
  it('has the pass marks of §38', () => {
    expect(passMark(1, 'C1')).toBe(90);
    expect(passMark(2, 'C1')).toBe(80);
    expect(passMark(2, 'B2')).toBe(90);
    expect(passMark(2, 'C6')).toBe(90);
    expect(passMark(3, 'C1')).toBe(90);
    expect(passMark(4, 'C2')).toBe(90);
  });

  it('counts one test and one free retake on the exam day as one booking', () => {
    const day = '2027-01-05';
    // On the day, after one fail, the retake may still follow.
    expect(bookingsOf([fail(day)], day)).toMatchObject({ bookings: 1, lastFailed: false });
    expect(bookingsOf([fail(day), fail(day)], day)).toMatchObject({
      bookings: 1,
      passed: false,
      lastFailed: true,
    });
    expect(bookingsOf([fail(day), pass(day)], day)).toMatchObject({
      bookings: 1,
      passed: true,
      lastFailed: false,
    });
    expect(bookingsOf([fail(day), fail(day), fail('2027-01-16')], LATER).bookings).toBe(2);
  });

  it('ends a booking with a no-show, or with its day when the retake was not taken', () => {
    const noShow = at('2027-01-05', 2, false, true);
    expect(bookingsOf([noShow], '2027-01-05')).toMatchObject({ bookings: 1, lastFailed: true });
    expect(lastFailedOn([noShow], '2027-01-05')).toBe('2027-01-05');
    expect(bookingsOf([fail('2027-01-05')], '2027-01-06')).toMatchObject({ lastFailed: true });
    // A no-show's booking and the next booking's test and retake are two bookings, not one and a
    // half: the next booking's retake is its own, and the next one opens a third.
    const attempts = [noShow, fail('2027-01-16'), fail('2027-01-16')];
    expect(bookingsOf(attempts, '2027-01-16')).toMatchObject({ bookings: 2, lastFailed: true });
    expect(lastFailedOn(attempts, '2027-01-16')).toBe('2027-01-16');
  });

  it('voids everything when the 5th booking fails, not before', () => {
    expect(progressOf(failedBookings(4), 5, LATER)).toMatchObject({
      voided: false,
      bookings: { 2: 4 },
    });
    const fifth = [...failedBookings(4), fail('2027-03-20')];
    expect(progressOf(fifth, 5, '2027-03-20')).toMatchObject({ voided: false, bookings: { 2: 5 } });
    expect(progressOf([...fifth, fail('2027-03-20')], 5, '2027-03-20')).toMatchObject({
      voided: true,
    });
    // A no-show as one of the five counts as a booking that failed.
    const withNoShow = [...failedBookings(4), at('2027-03-20', 2, false, true)];
    expect(progressOf(withNoShow, 5, '2027-03-20')).toMatchObject({ voided: true });
    expect(progressOf([...failedBookings(4, 3), pass('2027-03-20', 3)], 5, LATER)).toMatchObject({
      voided: false,
      passed: [3],
    });
    // Subject 4 (安全文明) has no booking limit and its fails keep the road result.
    const fours = Array.from({ length: 12 }, (_, i) => fail(`2027-02-${10 + i}`, 4));
    expect(progressOf([pass('2027-02-01', 3), ...fours], 5, LATER)).toMatchObject({
      voided: false,
      passed: [3],
    });
  });

  it('is done when subjects 2, 3 and 4 are passed', () => {
    const day = '2027-02-01';
    const attempts = [pass(day, 2), fail(day, 3), pass(day, 3), pass(day, 4)];
    expect(progressOf(attempts, 5, day).passed).toEqual([2, 3, 4]);
  });
});
