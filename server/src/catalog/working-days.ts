import type { DbOrTx } from '../db/database.ts';
import { referenceCache } from '../platform/cache.ts';
import { addWorkingDays, type CalendarExceptions } from './calendar.ts';
import { calendarExceptions } from './catalog.repository.ts';

/**
 * The calendar exceptions are a few dozen rows a year and change once a year, so they are kept
 * for a minute per database (`owner`, the pool handle) instead of being read for every
 * application. A miss reads them through `db`, the caller's transaction where one is open, so a
 * use case never needs a second connection while it holds one.
 */
const calendars = referenceCache<'all', CalendarExceptions>(60_000);

async function exceptionsFor(owner: object, db: DbOrTx): Promise<CalendarExceptions> {
  return await calendars.get(owner, 'all', async () => {
    const rows = await calendarExceptions(db, '2000-01-01', '2100-12-31');
    return new Map(rows.map((r) => [r.day, r.kind] as const));
  });
}

export function forgetCalendar(owner: object) {
  calendars.forget(owner);
}

/** The day by which something of `workingDays` is due when it starts on `start`. */
export async function dueDate(
  owner: object,
  db: DbOrTx,
  start: string,
  workingDays: number,
): Promise<string> {
  return addWorkingDays(start, workingDays, await exceptionsFor(owner, db));
}
