import type { DbOrTx, Tx } from '../db/database.ts';

/** The hold on a person's substitute handling in a city, if any. */
export async function holdOf(db: DbOrTx, cityCode: string, idNumber: string) {
  const row = await db
    .selectFrom('substitute_holds')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('id_number', '=', idNumber)
    .executeTakeFirst();
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
