/**
 * Dates in this domain are Beijing dates (Asia/Shanghai, UTC+8, no daylight saving), whatever
 * the server's own time zone: a temporary plate issued at 07:00 Beijing time on the 1st is
 * valid from the 1st, although it is still the 31st in UTC.
 */
import {
  addCalendarDays,
  BEIJING_OFFSET_MS,
  DAY_MS,
  daysOfDate,
  dateOfDayNumber,
  twoDigits,
} from '#shared/dates.ts';

export { addCalendarDays as addDays, beijingDate, daysBetween } from '#shared/dates.ts';

/** The instant a Beijing day begins (its midnight, UTC+8). */
export const beijingMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) dates.push(d);
  return dates;
}

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** ISO 8601 with the +08:00 offset, as CONTRACT.md wants instants. */
export function beijingInstant(at: Date): string {
  // By integers, as beijingDate (shared/dates.ts): every instant of every answer is written here.
  const ms = at.getTime() + BEIJING_OFFSET_MS;
  const days = Math.floor(ms / DAY_MS);
  const t = ms - days * DAY_MS;
  const hms = `${twoDigits(Math.floor(t / 3_600_000))}:${twoDigits(Math.floor(t / 60_000) % 60)}:${twoDigits(Math.floor(t / 1000) % 60)}`;
  return `${dateOfDayNumber(days)}T${hms}.${pad3(t % 1000)}+08:00`;
}

const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(date: string): number {
  return (((daysOfDate(date) + 4) % 7) + 7) % 7;
}
