import type { OpeningHours } from '#shared/schemas/network.ts';

/**
 * The appointment slots of an outlet on a day (pure): each period of the day's hours cut into
 * slots of `minutes`, a slot being its start time 'HH:MM'. The day's periods are the weekday's,
 * Saturday's or Sunday's; a public holiday has the weekday periods only where the outlet serves
 * on holidays, and a working weekend day (调休) has the weekday periods.
 */
export function slotsOf(
  hours: OpeningHours,
  date: string,
  calendar: 'holiday' | 'workday' | null,
  minutes: number,
): string[] {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  const periods =
    calendar === 'holiday'
      ? hours.holidays
        ? hours.weekdays
        : []
      : calendar === 'workday' || (day >= 1 && day <= 5)
        ? hours.weekdays
        : day === 6
          ? hours.saturday
          : hours.sunday;
  const slots: string[] = [];
  for (const p of periods) {
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
