import { sql, type Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { RectificationsTable } from '../db/types.ts';

export type RectificationRow = Selectable<RectificationsTable>;

export async function insertRectification(
  tx: Tx,
  r: Pick<
    RectificationRow,
    | 'city_code'
    | 'id'
    | 'application_id'
    | 'outlet_code'
    | 'county_code'
    | 'score'
    | 'complaint'
    | 'due_on'
  > & { created_at: Date },
) {
  await tx
    .insertInto('rectifications')
    .values({ ...r, status: 'open' })
    .execute();
}

/** A keyset page of rectifications in a scope, soonest due first. */
export async function listRectifications(
  db: DbOrTx,
  f: {
    cityCode: string;
    countyCode?: string;
    outletCode?: string;
    status?: RectificationRow['status'];
    after?: { dueOn: string; id: string };
    limit: number;
  },
) {
  let q = db.selectFrom('rectifications').selectAll().where('city_code', '=', f.cityCode);
  if (f.countyCode) q = q.where('county_code', '=', f.countyCode);
  if (f.outletCode) q = q.where('outlet_code', '=', f.outletCode);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.after) {
    q = q.where(sql<boolean>`(due_on, id) > (${f.after.dueOn}::date, ${f.after.id}::uuid)`);
  }
  return await q.orderBy('due_on').orderBy('id').limit(f.limit).execute();
}

export async function lockRectification(tx: Tx, cityCode: string, id: string) {
  return await tx
    .selectFrom('rectifications')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function recordRectification(
  tx: Tx,
  r: { cityCode: string; id: string; action: string; by: string; at: Date },
) {
  await tx
    .updateTable('rectifications')
    .set({ status: 'done', action: r.action, done_by: r.by, done_at: r.at })
    .where('city_code', '=', r.cityCode)
    .where('id', '=', r.id)
    .execute();
}

/** Open rectifications of a city whose last day was before `today`, locked for escalation. */
export async function lockOverdueRectifications(tx: Tx, cityCode: string, today: string) {
  return await tx
    .selectFrom('rectifications')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('status', '=', 'open')
    .where('due_on', '<', today)
    .orderBy('due_on')
    .forUpdate()
    .skipLocked()
    .limit(1000)
    .execute();
}

export async function markEscalated(
  tx: Tx,
  r: { cityCode: string; id: string; level: 'brigade' | 'detachment'; at: Date },
) {
  await tx
    .updateTable('rectifications')
    .set({ status: 'escalated', level: r.level, escalated_at: r.at })
    .where('city_code', '=', r.cityCode)
    .where('id', '=', r.id)
    .where('status', '=', 'open')
    .execute();
}
