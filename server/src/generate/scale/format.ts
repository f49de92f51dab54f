import { beijingDate } from '../../platform/time.ts';

/**
 * Fast dates for the generated rows: millions of rows each carry a few, and `Date#toISOString`
 * per value costs more than the rest of the row. Days are computed once and kept (a few
 * thousand at most).
 */
const DAY = 86_400_000;
const BEIJING = 8 * 3_600_000;
const utcDays = new Map<number, string>();
const beijingDays = new Map<number, string>();

/** The UTC calendar date of an instant. */
export function utcDay(ms: number): string {
  const d = Math.floor(ms / DAY);
  let day = utcDays.get(d);
  if (day === undefined) {
    day = new Date(d * DAY).toISOString().slice(0, 10);
    utcDays.set(d, day);
  }
  return day;
}

const dayStarts = new Map<string, number>();
/** The instant of an hour of a Beijing calendar day (`YYYY-MM-DD`), kept per day. */
export function beijingAt(day: string, hour: number): number {
  let start = dayStarts.get(day);
  if (start === undefined) {
    start = Date.parse(`${day}T00:00:00+08:00`);
    dayStarts.set(day, start);
  }
  return start + hour * 3_600_000;
}

/** The Beijing calendar date of an instant (the platform's `beijingDate`, kept per day). */
export function beijingDay(ms: number): string {
  const d = Math.floor((ms + BEIJING) / DAY);
  let day = beijingDays.get(d);
  if (day === undefined) {
    day = beijingDate(new Date(ms));
    beijingDays.set(d, day);
  }
  return day;
}

const HEX_BYTE = Array.from({ length: 256 }, (_, n) => n.toString(16).padStart(2, '0'));
const hexSix = (n: number) =>
  HEX_BYTE[(n >>> 16) & 255]! + HEX_BYTE[(n >>> 8) & 255]! + HEX_BYTE[n & 255]!;

/**
 * The last `w` hex digits of an integer from 0 to 2^48, as `n.toString(16)` padded would give
 * them, but from a table: an instant in ms and half the uint32s are doubles to V8, and
 * `toString(16)` of a double was 8 % of the generator's own time.
 */
export function hex(n: number, w: number): string {
  const twelve = hexSix(Math.floor(n / 0x100_0000)) + hexSix(n % 0x100_0000);
  return twelve.slice(12 - w);
}
