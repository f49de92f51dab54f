import type { OpeningHours } from '#shared/schemas/network.ts';
import { weekday } from '../platform/time.ts';

/**
 * An outlet's opening hours read for a day (pure), one reading for every area: the citizens'
 * appointment slots, and supervision's business done outside ordinary hours, so that no booked
 * slot counts there as business done while closed.
 */

/** A Beijing day as the calendar has it: a working day, a weekend day or a public holiday. */
export type DayKind = 'workday' | 'saturday' | 'sunday' | 'holiday';

/** A session of opening hours, 'HH:MM' to 'HH:MM'. */
export type Session = { open: string; close: string };

/** The kind of a day, given its calendar exception if it has one (a holiday, a 调休 workday). */
export function dayKindOf(day: string, exception: 'holiday' | 'workday' | null): DayKind {
  if (exception) return exception;
  const d = weekday(day);
  return d === 6 ? 'saturday' : d === 0 ? 'sunday' : 'workday';
}

/** The kind of a day, given the calendar's exceptions (holidays on weekdays, 调休 workdays). */
export const dayKind = (day: string, exceptions: ReadonlyMap<string, 'holiday' | 'workday'>) =>
  dayKindOf(day, exceptions.get(day) ?? null);

/**
 * Every session of a day: the ordinary ones stretched to `extendedUntil` (错时延时), Saturday and
 * Sunday sessions, and on a public holiday the Sunday sessions when the outlet serves holidays.
 */
export function sessions(hours: OpeningHours, kind: DayKind): Session[] {
  if (kind === 'workday') {
    const last = hours.weekdays.at(-1);
    if (!last || !hours.extendedUntil || hours.extendedUntil <= last.close) return hours.weekdays;
    return [...hours.weekdays.slice(0, -1), { open: last.open, close: hours.extendedUntil }];
  }
  if (kind === 'saturday') return hours.saturday;
  if (kind === 'sunday') return hours.sunday;
  return hours.holidays ? hours.sunday : [];
}
