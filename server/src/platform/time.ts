/**
 * Dates in this domain are Beijing dates (Asia/Shanghai, UTC+8, no daylight saving), whatever
 * the server's own time zone: a temporary plate issued at 07:00 Beijing time on the 1st is
 * valid from the 1st, although it is still the 31st in UTC.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** The Beijing calendar date of an instant, 'YYYY-MM-DD'. */
export function beijingDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** ISO 8601 with the +08:00 offset, as CONTRACT.md wants instants. */
export function beijingInstant(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().replace('Z', '+08:00');
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Days from one date to another (YYYY-MM-DD): `addDays(from, daysBetween(from, to)) === to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}
