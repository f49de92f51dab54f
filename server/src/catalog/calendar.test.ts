import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay } from './calendar.ts';

// The 2026 National Day week as data: 1–7 Oct off (1–4 falls partly on a weekend),
// Sunday 20 Sep and Saturday 10 Oct adjusted workdays.
const exceptions = new Map<string, 'holiday' | 'workday'>([
  ['2026-09-20', 'workday'],
  ['2026-09-25', 'holiday'],
  ['2026-10-01', 'holiday'],
  ['2026-10-02', 'holiday'],
  ['2026-10-05', 'holiday'],
  ['2026-10-06', 'holiday'],
  ['2026-10-07', 'holiday'],
  ['2026-10-10', 'workday'],
]);

describe('working-day calendar', () => {
  it('treats Monday to Friday as working days and weekends as rest days', () => {
    expect(isWorkingDay('2026-11-26', exceptions)).toBe(true); // Thursday
    expect(isWorkingDay('2026-11-28', exceptions)).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-29', exceptions)).toBe(false); // Sunday
  });

  it('honours public holidays on weekdays and adjusted workdays on weekends', () => {
    expect(isWorkingDay('2026-10-01', exceptions)).toBe(false);
    expect(isWorkingDay('2026-09-20', exceptions)).toBe(true); // Sunday, 调休
    expect(isWorkingDay('2026-10-10', exceptions)).toBe(true); // Saturday, 调休
  });

  it('counts a one-day SLA to the next working day', () => {
    expect(addWorkingDays('2026-11-26', 1, exceptions)).toBe('2026-11-27');
    expect(addWorkingDays('2026-11-27', 1, exceptions)).toBe('2026-11-30'); // over the weekend
  });

  it('skips a whole holiday week and stops on an adjusted Saturday workday', () => {
    expect(addWorkingDays('2026-09-30', 1, exceptions)).toBe('2026-10-08');
    expect(addWorkingDays('2026-10-09', 1, exceptions)).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-24', 2, exceptions)).toBe('2026-09-29'); // 25th off, weekend
  });

  it('returns the same day for a zero-day SLA and counts starts on rest days correctly', () => {
    expect(addWorkingDays('2026-11-28', 0, exceptions)).toBe('2026-11-28');
    expect(addWorkingDays('2026-11-28', 1, exceptions)).toBe('2026-11-30');
  });
});
