import { compiledQuery } from '../db/compiled-query.ts';
import type { DbOrTx, Tx } from '../db/database.ts';

const standingHold = compiledQuery((db, v: { cityCode: string; idNumber: string }) =>
  db
    .selectFrom('substitute_holds')
    .select(['case_id', 'application_id', 'since'])
    .where('city_code', '=', v.cityCode)
    .where('id_number', '=', v.idNumber)
    .where('lifted_at', 'is', null),
);

/** The standing hold on a person's substitute handling in a city, if any. */
export async function holdOf(db: DbOrTx, cityCode: string, idNumber: string) {
  return toHold(await standingHold(db, { cityCode, idNumber }));
}

function toHold([row]: Awaited<ReturnType<typeof standingHold>>) {
  return row ? { caseId: row.case_id, applicationId: row.application_id, since: row.since } : null;
}

export async function insertHold(
  tx: Tx,
  h: {
    cityCode: string;
    idNumber: string;
    applicationId: string;
    caseId: string;
    reason: string;
    since: Date;
  },
) {
  await tx
    .insertInto('substitute_holds')
    .values({
      city_code: h.cityCode,
      id_number: h.idNumber,
      application_id: h.applicationId,
      case_id: h.caseId,
      reason: h.reason,
      since: h.since,
    })
    .execute();
}

/** A hold by the application that took it, locked for its lifting. */
export async function lockHold(tx: Tx, cityCode: string, applicationId: string) {
  return await tx
    .selectFrom('substitute_holds')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('application_id', '=', applicationId)
    .forUpdate()
    .executeTakeFirst();
}

/** The standing holds a case took, locked for their ending with it. */
export async function lockStandingHoldsOfCase(tx: Tx, cityCode: string, caseId: string) {
  return await tx
    .selectFrom('substitute_holds')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('case_id', '=', caseId)
    .where('lifted_at', 'is', null)
    .orderBy('since')
    .forUpdate()
    .execute();
}

export async function markHoldLifted(
  tx: Tx,
  f: { cityCode: string; applicationId: string; at: Date; by: string; reason: string },
) {
  await tx
    .updateTable('substitute_holds')
    .set({ lifted_at: f.at, lifted_by: f.by, lift_reason: f.reason })
    .where('city_code', '=', f.cityCode)
    .where('application_id', '=', f.applicationId)
    .execute();
}
