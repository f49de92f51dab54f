import { describe, expect, it } from 'vitest';
import { fullScoreDuty } from './full-score.ts';

const SMALL = { baseDays: 7, maxDays: 60 };
const LARGE = { baseDays: 30, maxDays: 120 };

describe('full-score study and exams (R163 §§18, 19, 22)', () => {
  it('is 7 days and subject 1 the first time, 30 days for large classes', () => {
    expect(fullScoreDuty(1, 12, false, SMALL)).toEqual({
      studyDays: 7,
      onsiteOnlineDays: 5,
      onsiteDays: 2,
      subjects: [1],
    });
    expect(fullScoreDuty(1, 12, true, LARGE)).toMatchObject({
      studyDays: 30,
      onsiteOnlineDays: 10,
      onsiteDays: 5,
    });
  });

  it('adds as much again per further full score or 12 points, up to the cap', () => {
    expect(fullScoreDuty(2, 12, false, SMALL)).toMatchObject({ studyDays: 14, subjects: [1, 3] });
    expect(fullScoreDuty(1, 24, false, SMALL)).toMatchObject({ studyDays: 14, subjects: [1, 3] });
    expect(fullScoreDuty(1, 23, false, SMALL)).toMatchObject({ studyDays: 7, subjects: [1] });
    expect(fullScoreDuty(3, 12, false, SMALL)).toMatchObject({
      studyDays: 21,
      subjects: [1, 2, 3],
    });
    expect(fullScoreDuty(1, 36, false, SMALL).subjects).toEqual([1, 2, 3]);
    expect(fullScoreDuty(8, 12, false, SMALL).studyDays).toBe(56);
    expect(fullScoreDuty(9, 12, false, SMALL).studyDays).toBe(60);
    expect(fullScoreDuty(4, 12, true, LARGE).studyDays).toBe(120);
    expect(fullScoreDuty(5, 12, true, LARGE).studyDays).toBe(120);
  });
});
