import { addDays, weekday } from '../platform/time.ts';

export type BulletinPeriod = 'daily' | 'weekly' | 'monthly' | 'annual';

/** The period of a kind that contains a date: the day, its Monday–Sunday week, month or year. */
export function periodContaining(kind: BulletinPeriod, date: string): { from: string; to: string } {
  if (kind === 'daily') return { from: date, to: date };
  if (kind === 'weekly') {
    const from = addDays(date, -((weekday(date) + 6) % 7));
    return { from, to: addDays(from, 6) };
  }
  if (kind === 'monthly') {
    const from = `${date.slice(0, 7)}-01`;
    const next = addDays(`${date.slice(0, 7)}-28`, 4);
    return { from, to: addDays(`${next.slice(0, 7)}-01`, -1) };
  }
  return { from: `${date.slice(0, 4)}-01-01`, to: `${date.slice(0, 4)}-12-31` };
}
