import type { Selectable } from 'kysely';
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

export async function listCallbacks(
  db: DbOrTx,
  f: { cityCode: string; countyCode?: string; outletCode?: string; status?: 'open' | 'done' },
) {
  let q = db.selectFrom('callbacks').selectAll().where('city_code', '=', f.cityCode);
  if (f.countyCode) q = q.where('county_code', '=', f.countyCode);
  if (f.outletCode) q = q.where('outlet_code', '=', f.outletCode);
  if (f.status) q = q.where('status', '=', f.status);
  const rows = await q.orderBy('due_at').orderBy('id').limit(500).execute();
  return rows.map(toCallback);
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
