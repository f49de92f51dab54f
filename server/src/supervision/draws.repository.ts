import { sql, type Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { SpotCheckDrawsTable, SpotCheckPartiesTable } from '../db/types.ts';

export type DrawRow = Selectable<SpotCheckDrawsTable>;
export type PartyRow = Selectable<SpotCheckPartiesTable>;

export async function insertDraw(
  tx: Tx,
  d: Omit<DrawRow, 'seed' | 'selected' | 'completed_at' | 'status'>,
) {
  await tx
    .insertInto('spot_check_draws')
    .values({ ...d, status: 'committing', seed: null, selected: null, completed_at: null })
    .execute();
  await tx
    .insertInto('spot_check_parties')
    .values(d.parties.map((party) => ({ city_code: d.city_code, draw_id: d.id, party })))
    .execute();
}

/** A draw by id, whichever city made it (ids are unique; `spot_check_draws_id`). */
export async function findDraw(db: DbOrTx, id: string) {
  return await db
    .selectFrom('spot_check_draws')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function lockDraw(tx: Tx, cityCode: string, id: string) {
  return await tx
    .selectFrom('spot_check_draws')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function partiesOf(db: DbOrTx, cityCode: string, drawIds: string[]) {
  if (!drawIds.length) return [];
  return await db
    .selectFrom('spot_check_parties')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('draw_id', 'in', drawIds)
    .execute();
}

export async function setCommitment(
  tx: Tx,
  p: { cityCode: string; drawId: string; party: string; commitment: string; at: Date },
) {
  await tx
    .updateTable('spot_check_parties')
    .set({ commitment: p.commitment, committed_at: p.at })
    .where('city_code', '=', p.cityCode)
    .where('draw_id', '=', p.drawId)
    .where('party', '=', p.party)
    .execute();
}

export async function setShare(
  tx: Tx,
  p: { cityCode: string; drawId: string; party: string; share: string; at: Date },
) {
  await tx
    .updateTable('spot_check_parties')
    .set({ share: p.share, revealed_at: p.at })
    .where('city_code', '=', p.cityCode)
    .where('draw_id', '=', p.drawId)
    .where('party', '=', p.party)
    .execute();
}

export async function setDrawState(
  tx: Tx,
  d: {
    cityCode: string;
    id: string;
    status: DrawRow['status'];
    seed?: string;
    selected?: string[];
    completedAt?: Date;
  },
) {
  await tx
    .updateTable('spot_check_draws')
    .set({
      status: d.status,
      ...(d.seed ? { seed: d.seed, selected: d.selected ?? [], completed_at: d.completedAt } : {}),
    })
    .where('city_code', '=', d.cityCode)
    .where('id', '=', d.id)
    .execute();
}

/** Draws newest first by keyset (created_at, id), all cities or one. */
export async function listDraws(
  db: DbOrTx,
  f: { cityCode?: string; after?: { createdAt: Date; id: string }; limit: number },
) {
  let q = db.selectFrom('spot_check_draws').selectAll();
  if (f.cityCode) q = q.where('city_code', '=', f.cityCode);
  if (f.after) {
    q = q.where(sql<boolean>`(created_at, id) < (${f.after.createdAt}, ${f.after.id}::uuid)`);
  }
  return await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

/** When each outlet of a city was last selected by a completed draw (its last check). */
export async function lastChecks(db: DbOrTx, cityCode: string) {
  const { rows } = await sql<{ code: string; at: Date }>`
    SELECT code, max(completed_at) AS at
      FROM spot_check_draws, unnest(selected) AS code
     WHERE city_code = ${cityCode} AND status = 'complete'
     GROUP BY code`.execute(db);
  return new Map(rows.map((r) => [r.code, r.at]));
}
