import { describe, expect, it } from 'vitest';
import { breachOf, escalationLevel, percentile, summariseDurations } from './handling-times.ts';

describe('percentile (type 7, as percentile_cont)', () => {
  it('interpolates between the nearest ranks', () => {
    // ranks 0..3; median at rank 1.5 → 2 + 0.5 × (3 − 2); p90 at rank 2.7 → 3 + 0.7 × (4 − 3).
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 10);
    // ten values 10..100: p90 at rank 8.1 → 90 + 0.1 × 10.
    const tens = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(percentile(tens, 0.9)).toBeCloseTo(91, 10);
    expect(percentile(tens, 0.5)).toBe(55);
  });

  it('answers the value itself for one value, the ends for 0 and 1, null for none', () => {
    expect(percentile([42], 0.9)).toBe(42);
    expect(percentile([1, 5, 9], 0)).toBe(1);
    expect(percentile([1, 5, 9], 1)).toBe(9);
    expect(percentile([], 0.5)).toBeNull();
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
  });

  it('summarises unsorted durations in whole seconds', () => {
    // One hour, one day, two hours, three days, in no order: sorted 3600, 7200, 86400, 259200.
    // median = (7200 + 86400) / 2 = 46800; p90 at rank 2.7 = 86400 + 0.7 × 172800 = 207360.
    expect(summariseDurations([86_400, 3_600, 259_200, 7_200])).toEqual({
      completed: 4,
      medianSeconds: 46_800,
      p90Seconds: 207_360,
    });
    expect(summariseDurations([])).toEqual({
      completed: 0,
      medianSeconds: null,
      p90Seconds: null,
    });
  });
});

describe('SLA breaches', () => {
  const due = '2026-11-20';
  it('finds open applications past their due day and those completed on a later day', () => {
    const open = { status: 'accepted', slaDueOn: due, completedOn: null };
    expect(breachOf(open, '2026-11-20')).toBeNull();
    expect(breachOf(open, '2026-11-21')).toBe('open-overdue');
    const done = (completedOn: string) => ({ status: 'completed', slaDueOn: due, completedOn });
    expect(breachOf(done('2026-11-20'), '2026-12-01')).toBeNull();
    expect(breachOf(done('2026-11-21'), '2026-12-01')).toBe('completed-late');
  });

  it('never counts refusals, withdrawals or applications without an SLA', () => {
    expect(
      breachOf({ status: 'refused', slaDueOn: null, completedOn: '2026-12-01' }, '2027-01-01'),
    ).toBeNull();
    expect(
      breachOf({ status: 'withdrawn', slaDueOn: due, completedOn: null }, '2027-01-01'),
    ).toBeNull();
  });

  it('goes to the county brigade outside the seat county, else to the detachment', () => {
    expect(escalationLevel('520322', '520302')).toBe('brigade');
    expect(escalationLevel('520302', '520302')).toBe('detachment');
  });
});
