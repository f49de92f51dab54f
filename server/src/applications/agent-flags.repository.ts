import type { Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { AgentReviewFlagsTable } from '../db/types.ts';

export type AgentFlagRow = Selectable<AgentReviewFlagsTable>;

export async function insertAgentFlag(tx: Tx, row: AgentFlagRow) {
  await tx.insertInto('agent_review_flags').values(row).execute();
}

/** The flag on a person standing on `day` (not lifted, day within its period), if any. */
export async function standingAgentFlag(
  db: DbOrTx,
  f: { cityCode: string; idNumber: string; day: string },
) {
  return await db
    .selectFrom('agent_review_flags')
    .selectAll()
    .where('city_code', '=', f.cityCode)
    .where('id_number', '=', f.idNumber)
    .where('lifted_at', 'is', null)
    .where('valid_from', '<=', f.day)
    .where('valid_until', '>=', f.day)
    .orderBy('valid_until', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The flag a measure's application set, locked for a change. */
export async function lockAgentFlag(tx: Tx, cityCode: string, applicationId: string) {
  return await tx
    .selectFrom('agent_review_flags')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('application_id', '=', applicationId)
    .forUpdate()
    .executeTakeFirst();
}

export async function markAgentFlagLifted(
  tx: Tx,
  f: { cityCode: string; applicationId: string; at: Date; by: string; reason: string },
) {
  await tx
    .updateTable('agent_review_flags')
    .set({ lifted_at: f.at, lifted_by: f.by, lift_reason: f.reason })
    .where('city_code', '=', f.cityCode)
    .where('application_id', '=', f.applicationId)
    .execute();
}
