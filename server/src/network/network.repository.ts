import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.ts';

export interface OutletFilter {
  category?: string;
  countyCode?: string;
  q?: string;
  status?: 'active' | 'suspended';
  /** Restrict to this county (county-scoped readers). */
  scopeCounty?: string;
  limit: number;
  offset: number;
}

/** Outlets with their open suspension, if any. */
const outletsWithSuspension = (db: DbOrTx) =>
  db
    .selectFrom('outlets as o')
    .leftJoin('outlet_suspensions as s', (j) =>
      j.onRef('s.outlet_code', '=', 'o.code').on('s.restored_at', 'is', null),
    );

/** What every outlet listing shows. */
const OUTLET_COLUMNS = [
  'o.code',
  'o.name',
  'o.category',
  'o.kind_label',
  'o.parent_code',
  'o.county_code',
  'o.address',
  'o.phone',
  'o.status',
  's.reason as suspension_reason',
  's.suspended_at',
] as const;

export async function listOutlets(db: DbOrTx, f: OutletFilter) {
  let query = outletsWithSuspension(db).select([
    ...OUTLET_COLUMNS,
    sql<number>`count(*) over ()::int`.as('total'),
  ]);
  if (f.category) query = query.where('o.category', '=', f.category);
  if (f.countyCode) query = query.where('o.county_code', '=', f.countyCode);
  if (f.scopeCounty) query = query.where('o.county_code', '=', f.scopeCounty);
  if (f.status) query = query.where('o.status', '=', f.status);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('o.name', 'like', like), eb('o.code', 'like', like)]));
  }
  return await query.orderBy('o.code').limit(f.limit).offset(f.offset).execute();
}

export async function findOutlet(db: DbOrTx, code: string) {
  return await outletsWithSuspension(db)
    .select([...OUTLET_COLUMNS, 'o.organisation_code', 'o.hours', 's.suspended_by'])
    .where('o.code', '=', code)
    .executeTakeFirst();
}

export async function agreementsOfOutlet(db: DbOrTx, code: string) {
  return await db
    .selectFrom('agreements as a')
    .innerJoin('agreement_outlets as ao', 'ao.agreement_code', 'a.code')
    .selectAll('a')
    .where('ao.outlet_code', '=', code)
    .orderBy('a.code')
    .execute();
}

export async function listAgreements(db: DbOrTx, scopeCounty?: string) {
  let query = db
    .selectFrom('agreements as a')
    .leftJoin('agreement_outlets as ao', 'ao.agreement_code', 'a.code')
    .leftJoin('outlets as o', 'o.code', 'ao.outlet_code')
    .select([
      'a.code',
      'a.partner_name',
      'a.kind',
      'a.signed_on',
      'a.valid_from',
      'a.valid_until',
      'a.business_types',
      sql<
        string[]
      >`coalesce(array_agg(ao.outlet_code ORDER BY ao.outlet_code) FILTER (WHERE ao.outlet_code IS NOT NULL), '{}')`.as(
        'outlet_codes',
      ),
    ])
    .groupBy('a.code');
  if (scopeCounty) query = query.where('o.county_code', '=', scopeCounty);
  return await query.orderBy('a.code').execute();
}

/** Outlet counts by category and county, for the network overview. */
export async function countOutlets(db: DbOrTx, scopeCounty?: string) {
  let query = db
    .selectFrom('outlets')
    .select([
      'category',
      'county_code',
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(*) FILTER (WHERE status = 'suspended')::int`.as('suspended'),
    ])
    .groupBy(['category', 'county_code']);
  if (scopeCounty) query = query.where('county_code', '=', scopeCounty);
  return await query.execute();
}

export async function listRegions(db: DbOrTx) {
  return await db.selectFrom('regions').selectAll().orderBy('code').execute();
}

export async function listOrganisations(db: DbOrTx) {
  return await db.selectFrom('organisations').selectAll().orderBy('code').execute();
}

export async function outletCount(db: DbOrTx): Promise<number> {
  const row = await db
    .selectFrom('outlets')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** The jurisdiction of a clean install: regions (the city before its counties) and organisations. */
export async function insertRegions(
  db: DbOrTx,
  regions: { code: string; name: string; nameEn: string; parentCode: string | null }[],
) {
  await db
    .insertInto('regions')
    .values(
      regions.map((r) => ({
        code: r.code,
        name: r.name,
        name_en: r.nameEn,
        parent_code: r.parentCode,
      })),
    )
    .execute();
}

export async function insertOrganisations(
  db: DbOrTx,
  organisations: {
    code: string;
    name: string;
    kind: 'detachment' | 'brigade';
    countyCode: string | null;
    parentCode: string | null;
  }[],
) {
  await db
    .insertInto('organisations')
    .values(
      organisations.map((o) => ({
        code: o.code,
        name: o.name,
        kind: o.kind,
        county_code: o.countyCode,
        parent_code: o.parentCode,
      })),
    )
    .execute();
}

/** What an outlet import checks its lines against, loaded once for the whole file. */
export async function importReferences(
  db: DbOrTx,
  codes: { counties: string[]; organisations: string[]; outlets: string[] },
) {
  const [regions, organisations, outlets] = await Promise.all([
    codes.counties.length
      ? db
          .selectFrom('regions')
          .select(['code', 'parent_code'])
          .where('code', 'in', codes.counties)
          .execute()
      : [],
    codes.organisations.length
      ? db
          .selectFrom('organisations')
          .select('code')
          .where('code', 'in', codes.organisations)
          .execute()
      : [],
    codes.outlets.length
      ? db.selectFrom('outlets').select('code').where('code', 'in', codes.outlets).execute()
      : [],
  ]);
  return {
    cityOfCounty: new Map(regions.map((r) => [r.code, r.parent_code])),
    organisations: new Set(organisations.map((o) => o.code)),
    outlets: new Set(outlets.map((o) => o.code)),
  };
}

/** Inserts new outlets (parents before children); returns the codes actually inserted. */
export async function insertOutlets(
  db: DbOrTx,
  outlets: {
    code: string;
    name: string;
    category: string;
    countyCode: string;
    organisationCode: string;
    parentCode: string | null;
    address: string;
    phone: string;
    kindLabel: string | null;
  }[],
): Promise<Set<string>> {
  if (!outlets.length) return new Set();
  const rows = await db
    .insertInto('outlets')
    .values(
      outlets.map((o) => ({
        code: o.code,
        name: o.name,
        category: o.category,
        county_code: o.countyCode,
        organisation_code: o.organisationCode,
        parent_code: o.parentCode,
        address: o.address,
        phone: o.phone,
        kind_label: o.kindLabel,
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .execute();
  return new Set(rows.map((r) => r.code));
}
