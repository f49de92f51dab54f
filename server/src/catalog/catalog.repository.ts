import { sql } from 'kysely';
import { compiledQuery, isAnyOf } from '../db/compiled-query.ts';
import type { DbOrTx } from '../db/database.ts';
import type { BusinessTypesTable } from '../db/types.ts';

export async function upsertBusinessTypes(db: DbOrTx, rows: BusinessTypesTable[]) {
  await db
    .insertInto('business_types')
    .values(rows)
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name_zh: eb.ref('excluded.name_zh'),
        name_en: eb.ref('excluded.name_en'),
        subject: eb.ref('excluded.subject'),
        sla_working_days: eb.ref('excluded.sla_working_days'),
        agent_allowed: eb.ref('excluded.agent_allowed'),
        legal_basis: eb.ref('excluded.legal_basis'),
        implemented: eb.ref('excluded.implemented'),
      })),
    )
    .execute();
}

/**
 * The value of each key in force in a city on `date`: the city's own latest version effective on
 * or before it, or else the latest national one.
 */
export async function policyValuesOn(
  db: DbOrTx,
  keys: readonly string[],
  date: string,
  cityCode: string,
) {
  if (!keys.length) return [];
  return await policyValues(db, { keys, date, cityCode });
}
// Most business reads its policy in its transaction: built and compiled once (the keys are one
// array parameter, so any number of them shares the statement).
const policyValues = compiledQuery(
  (db, v: { keys: readonly string[]; date: string; cityCode: string }) =>
    db
      .selectFrom('policy_values')
      .select(['key', 'value', 'effective_from', 'city_code'])
      .distinctOn('key')
      .where(isAnyOf('key', v.keys))
      .where('effective_from', '<=', v.date)
      .where((eb) => eb.or([eb('city_code', 'is', null), eb('city_code', '=', v.cityCode)]))
      .orderBy('key')
      .orderBy(sql`city_code IS NULL`)
      .orderBy('effective_from', 'desc'),
);

/** The version `policyValuesOn` picks for each key, with its basis and note instead of its value. */
export async function policySourceRows(
  db: DbOrTx,
  keys: readonly string[],
  date: string,
  cityCode: string,
) {
  if (!keys.length) return [];
  return await db
    .selectFrom('policy_values')
    .select(['key', 'city_code', 'effective_from', 'legal_basis', 'note'])
    .distinctOn('key')
    .where('key', 'in', keys)
    .where('effective_from', '<=', date)
    .where((eb) => eb.or([eb('city_code', 'is', null), eb('city_code', '=', cityCode)]))
    .orderBy('key')
    .orderBy(sql`city_code IS NULL`)
    .orderBy('effective_from', 'desc')
    .execute();
}

/** National versions and a city's own, newest first per key. */
export async function listPolicyValues(db: DbOrTx, cityCode: string) {
  return await db
    .selectFrom('policy_values')
    .selectAll()
    .where((eb) => eb.or([eb('city_code', 'is', null), eb('city_code', '=', cityCode)]))
    .orderBy('key')
    .orderBy('effective_from', 'desc')
    .execute();
}

export async function insertPolicyValue(
  db: DbOrTx,
  v: {
    cityCode: string | null;
    key: string;
    value: unknown;
    effectiveFrom: string;
    legalBasis: string;
    note: string;
    createdBy: string;
  },
) {
  const row = await db
    .insertInto('policy_values')
    .values({
      city_code: v.cityCode,
      key: v.key,
      value: JSON.stringify(v.value),
      effective_from: v.effectiveFrom,
      legal_basis: v.legalBasis,
      note: v.note,
      created_by: v.createdBy,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function calendarExceptions(db: DbOrTx, from: string, to: string) {
  return await db
    .selectFrom('calendar_days')
    .selectAll()
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .execute();
}

export async function upsertCalendarDay(
  db: DbOrTx,
  d: { day: string; kind: 'holiday' | 'workday'; name: string },
) {
  await db
    .insertInto('calendar_days')
    .values(d)
    .onConflict((oc) => oc.column('day').doUpdateSet({ kind: d.kind, name: d.name }))
    .execute();
}

export async function deleteCalendarDay(db: DbOrTx, day: string) {
  const r = await db.deleteFrom('calendar_days').where('day', '=', day).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The keys that already have at least one national (city-less) version. */
export async function nationalPolicyKeys(db: DbOrTx): Promise<Set<string>> {
  const rows = await db
    .selectFrom('policy_values')
    .select('key')
    .distinct()
    .where('city_code', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.key));
}

export async function implementedCodes(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .selectFrom('business_types')
    .select('code')
    .where('implemented', '=', true)
    .execute();
  return rows.map((r) => r.code);
}
