/**
 * Calendar arithmetic on 'YYYY-MM-DD' dates for periods counted in months and years (licence
 * validity, points cycles, learner permits, medical certificates). A period that lands on a day
 * the month does not have ends on the month's last day (民法典 第二百零三条): 2024-02-29 plus one
 * year is 2025-02-28. Pure; dates are compared as strings.
 *
 * Integer arithmetic on the proleptic Gregorian calendar, without `Date` objects or string
 * splitting: every licence read computes its points cycle through here (a dozen dates), and the
 * `Date` round trips were a seventh of that read's server time on the city-year.
 */

/** Year, month (1–12) and day of a 'YYYY-MM-DD' date. */
interface Ymd {
  y: number;
  m: number;
  d: number;
}

/**
 * The number the digits of `s` write from position `from` up to `to`, by character codes (the
 * caller knows they are digits): a date's fields, an identity number's birth date.
 */
export function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

function parse(date: string): Ymd {
  if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    return { y: digitsAt(date, 0, 4), m: digitsAt(date, 5, 7), d: digitsAt(date, 8, 10) };
  }
  // Anything else (a year past 9999, a missing part) as the calendar's general reading.
  const [y, m, d] = date.split('-').map(Number);
  return { y: y ?? 0, m: m ?? 1, d: d ?? 1 };
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/** 0–99 in two digits (months, days, hours, minutes, seconds). */
export const twoDigits = (n: number) => TWO_DIGITS[n]!;

function format(y: number, m: number, d: number): string {
  const year = y >= 1000 && y <= 9999 ? String(y) : String(y).padStart(4, '0');
  return `${year}-${TWO_DIGITS[m]}-${TWO_DIGITS[d]}`;
}

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in month `m` (1–12) of year `y`. */
export const daysInMonth = (y: number, m: number) =>
  m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1]!;

/**
 * Days from 1970-01-01 to a date, and back (the era-of-400-years method: a Gregorian era has
 * 146,097 days; counting years from March puts the leap day at a year's end).
 */
function dayNumber(y: number, m: number, d: number): number {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The 'YYYY-MM-DD' date `days` after 1970-01-01. */
export function dateOfDayNumber(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const d = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return format(yearOfEra + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

/** China Standard Time: UTC+8, without daylight saving since 1991. */
export const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 86_400_000;

/** The Beijing calendar date of an instant, 'YYYY-MM-DD', whatever the host's time zone. */
export const beijingDate = (at: Date): string =>
  dateOfDayNumber(Math.floor((at.getTime() + BEIJING_OFFSET_MS) / DAY_MS));

/** Days from 1970-01-01 to a 'YYYY-MM-DD' date. */
export function daysOfDate(date: string): number {
  const { y, m, d } = parse(date);
  return dayNumber(y, m, d);
}

export function addMonths(date: string, months: number): string {
  const { y, m, d } = parse(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

export const addYears = (date: string, years: number) => addMonths(date, years * 12);

export const addCalendarDays = (date: string, days: number): string =>
  dateOfDayNumber(daysOfDate(date) + days);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => daysOfDate(to) - daysOfDate(from);

/** Age in whole years on a day (a birthday on 02-29 counts from 02-28 in other years). */
export function ageOn(birthDate: string, day: string): number {
  let age = parse(day).y - parse(birthDate).y;
  if (addYears(birthDate, age) > day) age -= 1;
  return age;
}
