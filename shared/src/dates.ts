/**
 * Calendar arithmetic on 'YYYY-MM-DD' dates for periods counted in months and years (licence
 * validity, points cycles, learner permits, medical certificates). A period that lands on a day
 * the month does not have ends on the month's last day (民法典 第二百零三条): 2024-02-29 plus one
 * year is 2025-02-28. Pure; dates are compared as strings.
 */
const parse = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return { y: y ?? 0, m: m ?? 1, d: d ?? 1 };
};
const format = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function addMonths(date: string, months: number): string {
  const { y, m, d } = parse(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

export const addYears = (date: string, years: number) => addMonths(date, years * 12);

export function addCalendarDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Age in whole years on a day (a birthday on 02-29 counts from 02-28 in other years). */
export function ageOn(birthDate: string, day: string): number {
  let age = parse(day).y - parse(birthDate).y;
  if (addYears(birthDate, age) > day) age -= 1;
  return age;
}
