/**
 * Dates in this domain are Beijing dates (Asia/Shanghai, UTC+8, no daylight saving), whatever
 * the server's own time zone: a temporary plate issued at 07:00 Beijing time on the 1st is
 * valid from the 1st, although it is still the 31st in UTC.
 */
import { daysOfDate, dateOfDayNumber } from '#shared/dates.ts';

export { addCalendarDays as addDays, daysBetween } from '#shared/dates.ts';

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 86_400_000;

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** The Beijing calendar date of an instant, 'YYYY-MM-DD'. */
export function beijingDate(at: Date): string {
  return dateOfDayNumber(Math.floor((at.getTime() + OFFSET_MS) / DAY_MS));
}

/** ISO 8601 with the +08:00 offset, as CONTRACT.md wants instants. */
export function beijingInstant(at: Date): string {
  // By integers, as beijingDate: every instant of every answer is written here.
  const ms = at.getTime() + OFFSET_MS;
  const days = Math.floor(ms / DAY_MS);
  const t = ms - days * DAY_MS;
  const hms = `${pad2(Math.floor(t / 3_600_000))}:${pad2(Math.floor(t / 60_000) % 60)}:${pad2(Math.floor(t / 1000) % 60)}`;
  return `${dateOfDayNumber(days)}T${hms}.${pad3(t % 1000)}+08:00`;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(date: string): number {
  return (((daysOfDate(date) + 4) % 7) + 7) % 7;
}
