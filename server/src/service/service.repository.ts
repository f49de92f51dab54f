import { sql, type Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { CallbacksTable } from '../db/types.ts';

// Ratings ---------------------------------------------------------------------------------------

export async function insertRating(
  tx: Tx,
  r: {
    cityCode: string;
    applicationId: string;
    outletCode: string;
    score: number;
    comment: string | null;
    source: 'citizen' | 'device';
    ratedBy: string;
    at: Date;
  },
) {
  await tx
    .insertInto('ratings')
    .values({
      city_code: r.cityCode,
      application_id: r.applicationId,
      outlet_code: r.outletCode,
      score: r.score,
      comment: r.comment,
      source: r.source,
      rated_by: r.ratedBy,
      created_at: r.at,
    })
    .execute();
}

// Call-backs ------------------------------------------------------------------------------------

export interface CallbackRecord {
  cityCode: string;
  id: string;
  applicationId: string;
  outletCode: string;
  countyCode: string;
  reason: 'rating' | 'sample';
  dueAt: Date;
  status: 'open' | 'done';
  reached: boolean | null;
  satisfied: boolean | null;
  note: string | null;
  doneAt: Date | null;
}

const toCallback = (r: Selectable<CallbacksTable>): CallbackRecord => ({
  cityCode: r.city_code,
  id: r.id,
  applicationId: r.application_id,
  outletCode: r.outlet_code,
  countyCode: r.county_code,
  reason: r.reason,
  dueAt: r.due_at,
  status: r.status,
  reached: r.reached,
  satisfied: r.satisfied,
  note: r.note,
  doneAt: r.done_at,
});

/** Opens a call-back unless the application has one for the reason already; true when opened. */
export async function insertCallback(
  tx: Tx,
  c: Omit<CallbackRecord, 'status' | 'reached' | 'satisfied' | 'note' | 'doneAt'> & { at: Date },
) {
  const res = await tx
    .insertInto('callbacks')
    .values({
      city_code: c.cityCode,
      id: c.id,
      application_id: c.applicationId,
      outlet_code: c.outletCode,
      county_code: c.countyCode,
      reason: c.reason,
      due_at: c.dueAt,
      status: 'open',
      created_at: c.at,
    })
    .onConflict((oc) => oc.columns(['city_code', 'application_id', 'reason']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The call-backs some applications of a city have already: application id and reason. */
export async function callbacksOfApplications(db: DbOrTx, cityCode: string, ids: string[]) {
  if (!ids.length) return [];
  return await db
    .selectFrom('callbacks')
    .select(['application_id', 'reason'])
    .where('city_code', '=', cityCode)
    .where('application_id', 'in', ids)
    .execute();
}

interface CallbackFilter {
  cityCode: string;
  countyCode?: string;
  outletCode?: string;
  /** Keyset: the page starts after this row (due instant, then id). */
  after?: { at: Date; id: string };
  limit: number;
}

/** One status's page, read along its scope's index (callbacks_city_due, _county_due, _outlet_due). */
async function callbackPageOf(db: DbOrTx, status: CallbackRecord['status'], f: CallbackFilter) {
  let q = db
    .selectFrom('callbacks')
    .selectAll()
    .where('city_code', '=', f.cityCode)
    .where('status', '=', status);
  if (f.countyCode) q = q.where('county_code', '=', f.countyCode);
  if (f.outletCode) q = q.where('outlet_code', '=', f.outletCode);
  if (f.after) q = q.where(sql<boolean>`(due_at, id) > (${f.after.at}, ${f.after.id}::uuid)`);
  const rows = await q.orderBy('due_at').orderBy('id').limit(f.limit).execute();
  return rows.map(toCallback);
}

/** The order of the list: due instant, then id (PostgreSQL orders uuids as their hex text). */
const byDueThenId = (a: CallbackRecord, b: CallbackRecord) =>
  a.dueAt.getTime() - b.dueAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A page of the call-backs of a scope, soonest due first (keyset, never OFFSET). Both statuses
 * together are two pages merged, as the SLA breaches are: each status is a range of its index,
 * where one query over both would sort the scope's whole history of call-backs.
 */
export async function listCallbacks(
  db: DbOrTx,
  f: CallbackFilter & { status?: CallbackRecord['status'] },
) {
  if (f.status) return await callbackPageOf(db, f.status, f);
  const open = await callbackPageOf(db, 'open', f);
  const done = await callbackPageOf(db, 'done', f);
  return [...open, ...done].sort(byDueThenId).slice(0, f.limit);
}

export async function lockCallback(tx: Tx, cityCode: string, id: string) {
  const row = await tx
    .selectFrom('callbacks')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? toCallback(row) : null;
}

export async function closeCallback(
  tx: Tx,
  c: {
    cityCode: string;
    id: string;
    reached: boolean;
    satisfied: boolean | null;
    note: string;
    by: string;
    at: Date;
  },
) {
  await tx
    .updateTable('callbacks')
    .set({
      status: 'done',
      reached: c.reached,
      satisfied: c.satisfied,
      note: c.note,
      done_by: c.by,
      done_at: c.at,
    })
    .where('city_code', '=', c.cityCode)
    .where('id', '=', c.id)
    .execute();
}

// The days sampled for call-backs -------------------------------------------------------------

/**
 * Marks a city's day as sampled (opened 0 until `setSampleDayOpened`); false when it was already.
 * A second transaction marking the same day waits for the first and then finds it marked.
 */
export async function claimSampleDay(tx: Tx, cityCode: string, day: string, at: Date) {
  const row = await tx
    .insertInto('callback_sample_days')
    .values({ city_code: cityCode, day, opened: 0, sampled_at: at })
    .onConflict((oc) => oc.columns(['city_code', 'day']).doNothing())
    .returning('day')
    .executeTakeFirst();
  return row !== undefined;
}

export async function setSampleDayOpened(tx: Tx, cityCode: string, day: string, opened: number) {
  await tx
    .updateTable('callback_sample_days')
    .set({ opened })
    .where('city_code', '=', cityCode)
    .where('day', '=', day)
    .execute();
}

/** The days of [from, to] already sampled in a city. */
export async function sampledDaysBetween(db: DbOrTx, cityCode: string, from: string, to: string) {
  const rows = await db
    .selectFrom('callback_sample_days')
    .select('day')
    .where('city_code', '=', cityCode)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
  return rows.map((r) => r.day);
}

// Roster draws ----------------------------------------------------------------------------------

export interface RosterDrawRecord {
  cityCode: string;
  id: string;
  outletCode: string;
  from: string;
  to: string;
  seed: string;
  frame: { code: string; weight: number }[];
  assignments: { date: string; window: number; staffId: string }[];
}

/**
 * Serialises the roster draws of one outlet until the transaction ends: two overlapping periods
 * drawn at once would each find no earlier draw and both be kept (the unique key only catches
 * the very same period).
 */
export async function lockOutletDraws(tx: Tx, cityCode: string, outletCode: string) {
  const key = `roster-draw|${cityCode}|${outletCode}`;
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(tx);
}

/** A draw of an outlet whose period overlaps [from, to], if any. */
export async function overlappingDraw(
  db: DbOrTx,
  cityCode: string,
  outletCode: string,
  from: string,
  to: string,
) {
  return await db
    .selectFrom('roster_draws')
    .select('id')
    .where('city_code', '=', cityCode)
    .where('outlet_code', '=', outletCode)
    .where('period_from', '<=', to)
    .where('period_to', '>=', from)
    .executeTakeFirst();
}

/** A draw of the city by id (the primary key), or undefined. */
export async function drawOfCity(
  db: DbOrTx,
  cityCode: string,
  id: string,
): Promise<RosterDrawRecord | undefined> {
  const r = await db
    .selectFrom('roster_draws')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    cityCode: r.city_code,
    id: r.id,
    outletCode: r.outlet_code,
    from: r.period_from,
    to: r.period_to,
    seed: r.seed,
    frame: r.frame,
    assignments: r.assignments,
  };
}

export async function insertDraw(tx: Tx, d: RosterDrawRecord & { by: string; at: Date }) {
  await tx
    .insertInto('roster_draws')
    .values({
      city_code: d.cityCode,
      id: d.id,
      outlet_code: d.outletCode,
      period_from: d.from,
      period_to: d.to,
      seed: d.seed,
      frame: JSON.stringify(d.frame),
      assignments: JSON.stringify(d.assignments),
      created_by: d.by,
      created_at: d.at,
    })
    .execute();
}
