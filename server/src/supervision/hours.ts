import type { OpeningHours } from '#shared/schemas/network.ts';
import { dayKind, sessions, type DayKind, type Session } from '../network/opening-hours.ts';

/**
 * `dayKind` remembered per day, for a pass that asks about the same days over and over (a
 * year's outlet-days ask about 365 days 20,000 times).
 */
export function dayKinds(exceptions: ReadonlyMap<string, 'holiday' | 'workday'>) {
  const kinds = new Map<string, DayKind>();
  return (day: string) => {
    let kind = kinds.get(day);
    if (!kind) {
      kind = dayKind(day, exceptions);
      kinds.set(day, kind);
    }
    return kind;
  };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The ordinary sessions of a day: weekday sessions on working days, nothing otherwise. */
const ordinary = (hours: OpeningHours, kind: DayKind): Session[] =>
  kind === 'workday' ? hours.weekdays : [];

/** Whether the quarter of an hour `quarter` (0–95) overlaps any of the slots. */
const overlaps = (slots: Session[], quarter: number) =>
  slots.some((s) => quarter * 15 < minutes(s.close) && quarter * 15 + 15 > minutes(s.open));

/**
 * Where business in a quarter of an hour falls for an outlet: inside its ordinary hours,
 * inside its extended, weekend or holiday sessions, or when it was closed. A quarter that
 * touches a session counts as inside it, so a boundary never raises a false alarm.
 */
export function classifyQuarter(
  hours: OpeningHours | null,
  kind: DayKind,
  quarter: number,
): 'ordinary' | 'extended' | 'closed' {
  if (!hours) return 'ordinary';
  if (overlaps(ordinary(hours, kind), quarter)) return 'ordinary';
  return overlaps(sessions(hours, kind), quarter) ? 'extended' : 'closed';
}

/** The quarter of an hour (0–95) of an instant, Beijing time. */
export function quarterOf(at: Date): number {
  const local = new Date(at.getTime() + 8 * 3600_000);
  return local.getUTCHours() * 4 + Math.floor(local.getUTCMinutes() / 15);
}

const KINDS: readonly DayKind[] = ['workday', 'saturday', 'sunday', 'holiday'];

/** Per outlet and kind of day, 96 characters: '1' for a quarter of an hour a mask marks. */
export type QuarterMasks = ReadonlyMap<string, Readonly<Record<DayKind, string>>>;
/** When each outlet is closed: '1' for a closed quarter. */
export type ClosedQuarters = QuarterMasks;

type Place = ReturnType<typeof classifyQuarter>;

/**
 * Every outlet's quarters whose place (`classifyQuarter`) is `marked` (outlets without hours
 * have none: all their business is ordinary), and the bounds of the bands of quarters inside
 * which no outlet's mark changes on any kind of day: counting business per band tells exactly
 * how much of it fell in marked quarters.
 */
function quarterMasks(
  outlets: Iterable<{ code: string; hours: OpeningHours | null }>,
  marked: (place: Place) => boolean,
) {
  const masks = new Map<string, Record<DayKind, string>>();
  // Outlets share a few sets of hours: each set is classified once.
  const byHours = new Map<string, Record<DayKind, string>>();
  for (const o of outlets) {
    if (!o.hours) continue;
    const key = JSON.stringify(o.hours);
    let m = byHours.get(key);
    if (!m) {
      const hours = o.hours;
      m = Object.fromEntries(
        KINDS.map((kind) => [
          kind,
          Array.from({ length: 96 }, (_, q) =>
            marked(classifyQuarter(hours, kind, q)) ? '1' : '0',
          ).join(''),
        ]),
      ) as Record<DayKind, string>;
      byHours.set(key, m);
    }
    masks.set(o.code, m);
  }
  const bounds = [0];
  for (let q = 1; q < 96; q++) {
    const changes = [...byHours.values()].some((m) => KINDS.some((k) => m[k][q] !== m[k][q - 1]));
    if (changes) bounds.push(q);
  }
  bounds.push(96);
  return { masks: masks as QuarterMasks, bounds };
}

/** Every outlet's closed quarters, and the bands that keep them apart (`quarterMasks`). */
export const closedQuarters = (outlets: Iterable<{ code: string; hours: OpeningHours | null }>) =>
  quarterMasks(outlets, (place) => place === 'closed');

/**
 * Every outlet's quarters outside its ordinary hours (extended, weekend and holiday sessions,
 * and when closed: a bulletin's "outside ordinary hours"), and the bands that keep them apart.
 */
export const extraQuarters = (outlets: Iterable<{ code: string; hours: OpeningHours | null }>) =>
  quarterMasks(outlets, (place) => place !== 'ordinary');
