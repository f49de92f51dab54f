import type { OpeningHours } from '#shared/schemas/network.ts';

type Period = { open: string; close: string };

/**
 * The sessions an outlet keeps on a day, read as the bulletins read them for business done
 * outside ordinary hours (supervision/hours.ts#sessions), so that no booked slot counts there as
 * business done while closed: on a working day (a weekday, or a weekend day made one, 调休) the
 * weekday periods with the last stretched to `extendedUntil` (错时延时); Saturday's or Sunday's
 * sessions; on a public holiday the Sunday sessions where the outlet serves on holidays.
 */
function sessionsOf(
  hours: OpeningHours,
  date: string,
  calendar: 'holiday' | 'workday' | null,
): Period[] {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (calendar === 'holiday') return hours.holidays ? hours.sunday : [];
  if (calendar === 'workday' || (day >= 1 && day <= 5)) {
    const last = hours.weekdays.at(-1);
    if (!last || !hours.extendedUntil || hours.extendedUntil <= last.close) return hours.weekdays;
    return [...hours.weekdays.slice(0, -1), { open: last.open, close: hours.extendedUntil }];
  }
  return day === 6 ? hours.saturday : hours.sunday;
}

/**
 * The appointment slots of an outlet on a day (pure): each session of the day (`sessionsOf`)
 * cut into slots of `minutes`, a slot being its start time 'HH:MM'.
 */
export function slotsOf(
  hours: OpeningHours,
  date: string,
  calendar: 'holiday' | 'workday' | null,
  minutes: number,
): string[] {
  const slots: string[] = [];
  for (const p of sessionsOf(hours, date, calendar)) {
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
