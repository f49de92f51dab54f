import type { OpeningHours } from '#shared/schemas/network.ts';
import { dayKindOf, sessions } from '../network/opening-hours.ts';

/**
 * The appointment slots of an outlet on a day (pure): each session of the day, read as the
 * bulletins read it (network/opening-hours.ts), cut into slots of `minutes`, a slot being its
 * start time 'HH:MM'.
 */
export function slotsOf(
  hours: OpeningHours,
  date: string,
  calendar: 'holiday' | 'workday' | null,
  minutes: number,
): string[] {
  const slots: string[] = [];
  for (const p of sessions(hours, dayKindOf(date, calendar))) {
    const close = toMinutes(p.close);
    for (let start = toMinutes(p.open); start + minutes <= close; start += minutes) {
      slots.push(toClock(start));
    }
  }
  return [...new Set(slots)].sort();
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

const toClock = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
