import type { Db } from '../db/database.ts';
import { addWorkingDays, type CalendarExceptions } from './calendar.ts';
import { calendarExceptions } from './catalog.repository.ts';

/**
 * The calendar exceptions are a few dozen rows a year and change once a year, so each database
 * handle keeps them in memory for a minute instead of reading them on every application. Keyed
 * by the pool handle (not a transaction), so edits through the service can forget them.
 */
const TTL_MS = 60_000;
const cache = new WeakMap<object, { loadedAt: number; exceptions: CalendarExceptions }>();

async function exceptionsFor(db: Db): Promise<CalendarExceptions> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.loadedAt < TTL_MS) return hit.exceptions;
  const rows = await calendarExceptions(db, '2000-01-01', '2100-12-31');
  const exceptions = new Map(rows.map((r) => [r.day, r.kind] as const));
  cache.set(db, { loadedAt: Date.now(), exceptions });
  return exceptions;
}

export function forgetCalendar(db: Db) {
  cache.delete(db);
}

export async function dueDate(db: Db, start: string, workingDays: number): Promise<string> {
  return addWorkingDays(start, workingDays, await exceptionsFor(db));
}
