import { sql, type Insertable, type Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { FraudCasesTable, FraudCaseStepsTable } from '../db/types.ts';

export type CaseRow = Selectable<FraudCasesTable>;
export type StepRow = Selectable<FraudCaseStepsTable>;

export async function insertCase(
  tx: Tx,
  row: Insertable<FraudCasesTable>,
  findingIds: readonly string[],
) {
  await tx.insertInto('fraud_cases').values(row).execute();
  await tx
    .insertInto('fraud_case_findings')
    .values(findingIds.map((f) => ({ city_code: row.city_code, case_id: row.id, finding_id: f })))
    .execute();
}

export async function insertStep(tx: Tx, row: Insertable<FraudCaseStepsTable>) {
  await tx.insertInto('fraud_case_steps').values(row).execute();
}

/** A case of a city, locked for a change when `tx` is given for update. */
export async function findCase(db: DbOrTx, cityCode: string, id: string, forUpdate = false) {
  let q = db
    .selectFrom('fraud_cases')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return await q.executeTakeFirst();
}

export async function updateCase(
  tx: Tx,
  c: { cityCode: string; id: string; status: CaseRow['status']; outcome: string | null; at: Date },
) {
  await tx
    .updateTable('fraud_cases')
    .set({ status: c.status, outcome: c.outcome, updated_at: c.at })
    .where('city_code', '=', c.cityCode)
    .where('id', '=', c.id)
    .execute();
}

/**
 * A page of the cases of a city (and county), newest first: opening instant then id, both
 * descending, so the keyset is one row comparison along fraud_cases_city_list / _county_list.
 */
export async function caseRows(
  db: DbOrTx,
  f: { cityCode: string; countyCode?: string; after?: { at: Date; id: string }; limit: number },
) {
  let q = db.selectFrom('fraud_cases').selectAll().where('city_code', '=', f.cityCode);
  if (f.countyCode) q = q.where('county_code', '=', f.countyCode);
  if (f.after) q = q.where(sql<boolean>`(created_at, id) < (${f.after.at}, ${f.after.id}::uuid)`);
  return await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

/** The findings of some cases, by case. */
export async function caseFindingIds(db: DbOrTx, cityCode: string, caseIds: readonly string[]) {
  if (!caseIds.length) return new Map<string, string[]>();
  const rows = await db
    .selectFrom('fraud_case_findings')
    .select(['case_id', 'finding_id'])
    .where('city_code', '=', cityCode)
    .where('case_id', 'in', [...caseIds])
    .orderBy('finding_id')
    .execute();
  const byCase = new Map<string, string[]>();
  for (const r of rows) byCase.set(r.case_id, [...(byCase.get(r.case_id) ?? []), r.finding_id]);
  return byCase;
}

export async function stepRows(db: DbOrTx, cityCode: string, caseId: string) {
  return await db
    .selectFrom('fraud_case_steps')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute();
}
