import type { Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { SlaEscalationsTable } from '../db/types.ts';

export type EscalationRow = Selectable<SlaEscalationsTable>;

/** Escalates a breach unless it was escalated before; true when this call escalated it. */
export async function insertEscalation(
  tx: Tx,
  e: Omit<EscalationRow, 'escalated_at'> & { escalated_at: Date },
) {
  const res = await tx
    .insertInto('sla_escalations')
    .values(e)
    .onConflict((oc) => oc.columns(['city_code', 'application_id']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The escalations of some applications of a city. */
export async function escalationsOf(db: DbOrTx, cityCode: string, ids: readonly string[]) {
  if (!ids.length) return [];
  return await db
    .selectFrom('sla_escalations')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('application_id', 'in', [...ids])
    .execute();
}
