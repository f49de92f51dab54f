import { describe, expect, it } from 'vitest';
import { lateFeeOn } from './late-fee.ts';

describe('late fee (Proc §60): 3 % a day after the deadline, never more than the fine', () => {
  it('is nothing up to the deadline and 3 % the day after', () => {
    expect(lateFeeOn(200, '2026-12-10', '2026-12-10', 3)).toEqual({ daysLate: 0, lateFee: 0 });
    expect(lateFeeOn(200, '2026-12-10', '2026-12-01', 3)).toEqual({ daysLate: 0, lateFee: 0 });
    expect(lateFeeOn(200, '2026-12-10', '2026-12-11', 3)).toEqual({ daysLate: 1, lateFee: 6 });
  });

  it('reaches the cap on the 34th day and stays there', () => {
    expect(lateFeeOn(200, '2026-12-10', '2027-01-12', 3)).toEqual({ daysLate: 33, lateFee: 198 });
    expect(lateFeeOn(200, '2026-12-10', '2027-01-13', 3)).toEqual({ daysLate: 34, lateFee: 200 });
    expect(lateFeeOn(200, '2026-12-10', '2027-06-01', 3).lateFee).toBe(200);
  });

  it('counts in cents', () => {
    expect(lateFeeOn(150, '2026-12-10', '2026-12-11', 3).lateFee).toBe(4.5);
    expect(lateFeeOn(50, '2026-12-10', '2026-12-13', 3).lateFee).toBe(4.5);
  });
});
