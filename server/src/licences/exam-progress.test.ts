import { describe, expect, it } from 'vitest';
import { bookingsOf, passMark, progressOf, type Attempt } from './exam-progress.ts';

const fail = (subject: number): Attempt => ({ subject, passed: false });
const pass = (subject: number): Attempt => ({ subject, passed: true });
const times = (n: number, a: Attempt) => Array.from({ length: n }, () => a);

describe('exam progress (R162 §§38, 46–47)', () => {
  it('has the pass marks of §38', () => {
    expect(passMark(1, 'C1')).toBe(90);
    expect(passMark(2, 'C1')).toBe(80);
    expect(passMark(2, 'B2')).toBe(90);
    expect(passMark(2, 'C6')).toBe(90);
    expect(passMark(3, 'C1')).toBe(90);
    expect(passMark(4, 'C2')).toBe(90);
  });

  it('counts one test and one free retake as one booking', () => {
    expect(bookingsOf([fail(2)])).toEqual({ bookings: 1, passed: false, lastFailed: false });
    expect(bookingsOf([fail(2), fail(2)])).toEqual({
      bookings: 1,
      passed: false,
      lastFailed: true,
    });
    expect(bookingsOf([fail(2), pass(2)])).toEqual({
      bookings: 1,
      passed: true,
      lastFailed: false,
    });
    expect(bookingsOf([fail(2), fail(2), fail(2)]).bookings).toBe(2);
  });

  it('voids everything when the 5th booking fails, not before', () => {
    expect(progressOf(times(9, fail(2)), 5)).toMatchObject({ voided: false, bookings: { 2: 5 } });
    expect(progressOf(times(10, fail(2)), 5)).toMatchObject({ voided: true });
    expect(progressOf([...times(9, fail(3)), pass(3)], 5)).toMatchObject({
      voided: false,
      passed: [3],
    });
    // Subject 4 (安全文明) has no booking limit and its fails keep the road result.
    expect(progressOf([pass(3), ...times(12, fail(4))], 5)).toMatchObject({
      voided: false,
      passed: [3],
    });
  });

  it('is done when subjects 2, 3 and 4 are passed', () => {
    expect(progressOf([pass(2), fail(3), pass(3), pass(4)], 5).passed).toEqual([2, 3, 4]);
  });
});
