import { addDays, weekday } from '../platform/time.ts';

/**
 * Working days under R164 §92 and R162 §110: Monday to Friday, except public holidays, plus
 * the weekend days that the State Council turns into workdays (调休). Exceptions are data
 * (calendar_days), so a new year's schedule is an insert, not a release.
 */
export type CalendarExceptions = ReadonlyMap<string, 'holiday' | 'workday'>;

export function isWorkingDay(date: string, exceptions: CalendarExceptions): boolean {
  const exception = exceptions.get(date);
  if (exception) return exception === 'workday';
  const day = weekday(date);
  return day !== 0 && day !== 6;
}

/**
 * The day by which something taking `n` working days is due, counting from the day after
 * `start` ("一日" = by the end of the next working day); n = 0 means the same day.
 */
export function addWorkingDays(start: string, n: number, exceptions: CalendarExceptions): string {
  let date = start;
  for (let left = n; left > 0;) {
    date = addDays(date, 1);
    if (isWorkingDay(date, exceptions)) left--;
  }
  return date;
}
