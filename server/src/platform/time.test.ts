import { describe, expect, it } from 'vitest';
import { addDays, beijingDate, beijingInstant, daysBetween, weekday } from './time.ts';

describe('Beijing dates', () => {
  it('turns the day at 16:00 UTC, whatever the host time zone', () => {
    expect(beijingDate(new Date('2026-11-30T15:59:59.999Z'))).toBe('2026-11-30');
    expect(beijingDate(new Date('2026-11-30T16:00:00.000Z'))).toBe('2026-12-01');
    expect(beijingDate(new Date('2024-02-28T16:00:00.000Z'))).toBe('2024-02-29');
    expect(beijingDate(new Date('1969-12-31T15:59:59.000Z'))).toBe('1969-12-31');
    expect(beijingDate(new Date('1969-12-31T16:00:00.000Z'))).toBe('1970-01-01');
  });

  it('agrees with the Date calendar at every hour of three years', () => {
    for (let t = Date.UTC(2023, 11, 1); t < Date.UTC(2026, 11, 1); t += 3_600_000 + 7_777) {
      const expected = new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
      const got = beijingDate(new Date(t));
      if (got !== expected) expect(`${new Date(t).toISOString()}: ${got}`).toBe(expected);
    }
  });

  it('writes every instant as Date does, with the +08:00 offset', () => {
    for (let t = Date.UTC(1969, 11, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000 * 5 + 3_601_017) {
      const expected = new Date(t + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
      if (beijingInstant(new Date(t)) !== expected)
        expect(beijingInstant(new Date(t))).toBe(expected);
    }
    expect(beijingInstant(new Date('2026-12-04T15:59:59.999Z'))).toBe(
      '2026-12-04T23:59:59.999+08:00',
    );
    expect(beijingInstant(new Date('2026-11-30T16:30:00.000Z'))).toBe(
      '2026-12-01T00:30:00.000+08:00',
    );
  });

  it('names the weekday of any date, 0 = Sunday', () => {
    expect(weekday('2026-12-04')).toBe(5);
    expect(weekday('2026-12-06')).toBe(0);
    expect(weekday('1970-01-01')).toBe(4);
    expect(weekday('1969-12-31')).toBe(3);
    expect(weekday('1900-01-01')).toBe(1);
    for (let t = Date.UTC(1950, 0, 1); t < Date.UTC(2050, 0, 1); t += 86_400_000 * 3) {
      const day = new Date(t).toISOString().slice(0, 10);
      if (weekday(day) !== new Date(t).getUTCDay())
        expect(weekday(day)).toBe(new Date(t).getUTCDay());
    }
  });

  it('adds and counts days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-12-04', '2026-12-25')).toBe(21);
  });
});
