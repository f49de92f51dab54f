import type { Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { OnsiteRequirementsTable } from '../db/types.ts';

export type OnsiteRequirementRow = Selectable<OnsiteRequirementsTable>;

export async function insertOnsiteRequirement(
  tx: Tx,
  r: Omit<OnsiteRequirementRow, 'created_at'> & { created_at: Date },
) {
  await tx.insertInto('onsite_requirements').values(r).execute();
}

/** The requirement in force on `day` for a person and business type, if any. */
export async function onsiteRequirementOn(
  db: DbOrTx,
  f: { cityCode: string; idNumber: string; businessType: string; day: string },
) {
  return await db
    .selectFrom('onsite_requirements')
    .selectAll()
    .where('city_code', '=', f.cityCode)
    .where('id_number', '=', f.idNumber)
    .where('business_type', '=', f.businessType)
    .where('valid_from', '<=', f.day)
    .where('valid_until', '>=', f.day)
    .orderBy('valid_until', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A person's requirements in a city, latest first. */
export async function onsiteRequirementsOf(db: DbOrTx, cityCode: string, idNumber: string) {
  return await db
    .selectFrom('onsite_requirements')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('id_number', '=', idNumber)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
}
