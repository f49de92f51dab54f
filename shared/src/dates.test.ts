import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addMonths,
  addYears,
  ageOn,
  dateOfDayNumber,
  daysBetween,
  daysInMonth,
  daysOfDate,
} from './dates.ts';

// The calendar through JavaScript's own Date (UTC), the reference the integer arithmetic must
// agree with on every day.
const viaDate = {
  addDays(date: string, days: number) {
    const t = new Date(`${date}T00:00:00Z`);
    t.setUTCDate(t.getUTCDate() + days);
    return t.toISOString().slice(0, 10);
  },
  daysInMonth: (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate(),
  epochDays: (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000,
};

/** Every day from 1899-01-01 to 2101-12-31. */
function everyDay(): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(1899, 0, 1); t <= Date.UTC(2101, 11, 31); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

describe('calendar arithmetic', () => {
  const days = everyDay();

  it('numbers every day from 1899 to 2101 as Date does, and back', () => {
    for (const day of days) {
      const n = daysOfDate(day);
      if (n !== viaDate.epochDays(day)) expect(n).toBe(viaDate.epochDays(day));
      if (dateOfDayNumber(n) !== day) expect(dateOfDayNumber(n)).toBe(day);
    }
  });

  it('adds days as Date does, across months, leap days and centuries', () => {
    const offsets = [-36_525, -366, -365, -29, -1, 0, 1, 28, 30, 59, 365, 366, 3_652, 36_524];
    for (let i = 0; i < days.length; i += 7) {
      for (const k of offsets) {
        const got = addCalendarDays(days[i]!, k);
        if (got !== viaDate.addDays(days[i]!, k)) {
          expect(`${days[i]} + ${k}: ${got}`).toBe(
            `${days[i]} + ${k}: ${viaDate.addDays(days[i]!, k)}`,
          );
        }
      }
    }
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addCalendarDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(addCalendarDays('1970-01-01', -1)).toBe('1969-12-31');
  });

  it('counts the days between two dates, the inverse of adding them', () => {
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-03-01', '2026-02-01')).toBe(-28);
    for (let i = 0; i < days.length; i += 97) {
      const from = days[i]!;
      const to = days[(i * 7919) % days.length]!;
      expect(addCalendarDays(from, daysBetween(from, to))).toBe(to);
    }
  });

  it('knows the days of every month of two centuries', () => {
    for (let y = 1899; y <= 2101; y++) {
      for (let m = 1; m <= 12; m++) expect(daysInMonth(y, m)).toBe(viaDate.daysInMonth(y, m));
    }
  });

  it('ends a period of months on the last day the month has (民法典 第二百零三条)', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2025-01-15', -1)).toBe('2024-12-15');
    expect(addMonths('2025-12-31', 2)).toBe('2026-02-28');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2019-03-15', 7)).toBe('2026-03-15');
    expect(addYears('0999-06-01', 1)).toBe('1000-06-01');
  });

  it('moves every day of two centuries by months as the calendar does', () => {
    for (let i = 0; i < days.length; i += 3) {
      const day = days[i]!;
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      for (const k of [-25, -12, -1, 1, 6, 11, 12, 72, 120]) {
        const index = y * 12 + m - 1 + k;
        const year = Math.floor(index / 12);
        const month = index - year * 12 + 1;
        const expected = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, viaDate.daysInMonth(year, month))).padStart(2, '0')}`;
        const got = addMonths(day, k);
        if (got !== expected) expect(`${day} + ${k} months: ${got}`).toBe(expected);
      }
    }
  });

  it('counts an age in whole years', () => {
    expect(ageOn('1963-11-27', '2026-11-26')).toBe(62);
    expect(ageOn('1963-11-26', '2026-11-26')).toBe(63);
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(18);
    expect(ageOn('2000-02-29', '2018-02-27')).toBe(17);
  });
});
