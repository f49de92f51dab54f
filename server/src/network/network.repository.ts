import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { compiledQuery } from '../db/compiled-query.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { OutletCategory } from '#shared/catalog.ts';
import type { NetworkInput } from './network.schema.ts';

/** What a reader of the network sees: a city's, or one county's (network.policy.ts). */
type NetworkScope = { cityCode: string; countyCode?: string };

export interface OutletFilter {
  category?: OutletCategory;
  countyCode?: string;
  q?: string;
  status?: 'active' | 'suspended';
  /** The reader's scope: always a city, a county where the reader's scope is one. */
  scope: NetworkScope;
  /** Keyset pagination: outlets after this code. */
  after?: string;
  limit: number;
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
  'o.city_code',
  'o.address',
  'o.phone',
  'o.status',
  's.reason as suspension_reason',
  's.suspended_at',
] as const;

export async function listOutlets(db: DbOrTx, f: OutletFilter) {
  let query = outletsWithSuspension(db)
    .select(OUTLET_COLUMNS)
    .where('o.city_code', '=', f.scope.cityCode);
  if (f.category) query = query.where('o.category', '=', f.category);
  if (f.countyCode) query = query.where('o.county_code', '=', f.countyCode);
  if (f.scope.countyCode) query = query.where('o.county_code', '=', f.scope.countyCode);
  if (f.after) query = query.where('o.code', '>', f.after);
  if (f.status) query = query.where('o.status', '=', f.status);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('o.name', 'like', like), eb('o.code', 'like', like)]));
  }
  return await query.orderBy('o.code').limit(f.limit).execute();
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

/** Each agreement's row with each of its outlets in scope (a city's, or one county's). */
function agreementOutletsInScope(db: DbOrTx, scope: NetworkScope) {
  const query = db
    .selectFrom('agreements as a')
    .innerJoin('agreement_outlets as ao', 'ao.agreement_code', 'a.code')
    .innerJoin('outlets as o', 'o.code', 'ao.outlet_code')
    .where('o.city_code', '=', scope.cityCode);
  return scope.countyCode ? query.where('o.county_code', '=', scope.countyCode) : query;
}

/** A page of the agreements with an outlet in scope, in code order, from after `after`. */
export async function listAgreements(
  db: DbOrTx,
  scope: NetworkScope,
  page: { after?: string; limit: number },
) {
  let query = agreementOutletsInScope(db, scope)
    .select([
      'a.code',
      'a.partner_name',
      'a.kind',
      'a.signed_on',
      'a.valid_from',
      'a.valid_until',
      'a.business_types',
      sql<string[]>`array_agg(ao.outlet_code ORDER BY ao.outlet_code)`.as('outlet_codes'),
    ])
    .groupBy('a.code');
  if (page.after !== undefined) query = query.where('a.code', '>', page.after);
  return await query.orderBy('a.code').limit(page.limit).execute();
}

/**
 * The agreements with an outlet in scope, counted by kind (the agreements screen's figures, which
 * its pages alone could not give once there is more than one).
 */
export async function countAgreements(db: DbOrTx, scope: NetworkScope) {
  return await agreementOutletsInScope(db, scope)
    .select(['a.kind', sql<number>`count(DISTINCT a.code)::int`.as('total')])
    .groupBy('a.kind')
    .execute();
}

/** Outlet counts by category and county, for the network overview. */
export async function countOutlets(db: DbOrTx, scope: NetworkScope) {
  let query = db
    .selectFrom('outlets')
    .select([
      'category',
      'county_code',
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(*) FILTER (WHERE status = 'suspended')::int`.as('suspended'),
    ])
    .where('city_code', '=', scope.cityCode)
    .groupBy(['category', 'county_code']);
  if (scope.countyCode) query = query.where('county_code', '=', scope.countyCode);
  return await query.execute();
}

/** A city and its counties. */
export async function listRegions(db: DbOrTx, cityCode: string) {
  return await db
    .selectFrom('regions')
    .selectAll()
    .where((eb) => eb.or([eb('code', '=', cityCode), eb('parent_code', '=', cityCode)]))
    .orderBy('code')
    .execute();
}

export async function listOrganisations(db: DbOrTx, cityCode: string) {
  return await db
    .selectFrom('organisations')
    .selectAll()
    .where('city_code', '=', cityCode)
    .orderBy('code')
    .execute();
}

export async function outletCount(db: DbOrTx): Promise<number> {
  const row = await db
    .selectFrom('outlets')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function findJurisdiction(db: DbOrTx, cityCode: string) {
  return await db
    .selectFrom('jurisdictions')
    .selectAll()
    .where('city_code', '=', cityCode)
    .executeTakeFirst();
}

export async function listJurisdictions(db: DbOrTx) {
  return await db.selectFrom('jurisdictions').selectAll().orderBy('city_code').execute();
}

/** The jurisdiction whose plates begin with this prefix (province + authority letter). */
export async function jurisdictionByPlatePrefix(db: DbOrTx, prefix: string) {
  return await db
    .selectFrom('jurisdictions')
    .selectAll()
    .where(sql<boolean>`${prefix} = ANY(plate_prefixes)`)
    .executeTakeFirst();
}

// The actor's outlet, read whenever it is not remembered (auth): compiled once.
const outletSummaryQuery = compiledQuery((db, v: { code: string }) =>
  db
    .selectFrom('outlets')
    .select(['code', 'name', 'category', 'county_code', 'city_code'])
    .where('code', '=', v.code),
);

export async function outletSummaryRow(db: DbOrTx, code: string) {
  const [row] = await outletSummaryQuery(db, { code });
  return row;
}

// Every application runs it (the delegation step): built and compiled once.
const outletStanding = compiledQuery((db, v: { code: string }) =>
  outletsWithSuspension(db)
    .select((eb) => [
      'o.code',
      'o.category',
      'o.county_code',
      'o.city_code',
      'o.status',
      's.reason as suspension_reason',
      jsonArrayFrom(
        eb
          .selectFrom('agreements as a')
          .innerJoin('agreement_outlets as ao', 'ao.agreement_code', 'a.code')
          .select(['a.valid_from', 'a.valid_until', 'a.business_types'])
          .whereRef('ao.outlet_code', '=', 'o.code'),
      ).as('agreements'),
    ])
    .where('o.code', '=', v.code),
);

/**
 * An outlet's standing for the delegation step, in one statement: its status with the open
 * suspension's reason, and its agreements ("4").
 */
export async function outletStandingRow(db: DbOrTx, code: string) {
  const [row] = await outletStanding(db, { code });
  return row;
}

/** Locks an outlet row for the rest of the transaction (suspension, grants). */
export async function lockOutletRow(tx: Tx, code: string) {
  return await tx
    .selectFrom('outlets')
    .select(['code', 'category', 'status', 'county_code', 'city_code'])
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst();
}

export async function openSuspension(
  tx: Tx,
  s: { outletCode: string; reason: string; by: string; at: Date },
) {
  await tx
    .insertInto('outlet_suspensions')
    .values({ outlet_code: s.outletCode, reason: s.reason, suspended_by: s.by, suspended_at: s.at })
    .execute();
  await tx
    .updateTable('outlets')
    .set({ status: 'suspended' })
    .where('code', '=', s.outletCode)
    .execute();
}

export async function closeSuspension(
  tx: Tx,
  r: { outletCode: string; by: string; note: string | null; at: Date },
) {
  await tx
    .updateTable('outlet_suspensions')
    .set({ restored_at: r.at, restored_by: r.by, restore_note: r.note })
    .where('outlet_code', '=', r.outletCode)
    .where('restored_at', 'is', null)
    .execute();
  await tx
    .updateTable('outlets')
    .set({ status: 'active' })
    .where('code', '=', r.outletCode)
    .execute();
}

export async function suspensionHistory(db: DbOrTx, outletCode: string) {
  return await db
    .selectFrom('outlet_suspensions')
    .selectAll()
    .where('outlet_code', '=', outletCode)
    .orderBy('suspended_at', 'desc')
    .execute();
}

/** Active outlets of some categories in a county (or the city), in the categories' order. */
export async function activeOutletsOf(
  db: DbOrTx,
  f: { cityCode: string; countyCode: string | null; categories: OutletCategory[]; limit: number },
) {
  if (!f.categories.length) return [];
  let q = db
    .selectFrom('outlets')
    .select(['code', 'name', 'category'])
    .where('status', '=', 'active')
    .where('city_code', '=', f.cityCode)
    .where('category', 'in', f.categories);
  if (f.countyCode) q = q.where('county_code', '=', f.countyCode);
  return await q
    .orderBy(sql`array_position(${[...f.categories]}::text[], category::text)`)
    .orderBy('code')
    .limit(f.limit)
    .execute();
}

export async function outletNameRows(db: DbOrTx, codes: string[]) {
  if (!codes.length) return [];
  return await db
    .selectFrom('outlets')
    .select(['code', 'name', 'county_code', 'city_code'])
    .where('code', 'in', codes)
    .execute();
}

const CATEGORY_ORDER = ['city-office', 'branch-office', 'county-office', 'internet'];

/**
 * Writes a whole network (regions and jurisdiction first, then parents before children) in the
 * caller's transaction.
 */
export async function insertNetworkRows(tx: Tx, network: NetworkInput) {
  const { jurisdiction: city, counties } = network;
  const cityCode = city.cityCode;
  await tx
    .insertInto('regions')
    .values([
      { code: cityCode, name: city.name, name_en: city.nameEn, parent_code: null },
      ...counties.map((c) => ({
        code: c.code,
        name: c.name,
        name_en: c.nameEn,
        parent_code: cityCode,
      })),
    ])
    .execute();
  await tx
    .insertInto('jurisdictions')
    .values({
      city_code: cityCode,
      name: city.name,
      name_en: city.nameEn,
      province_abbr: city.provinceAbbr,
      plate_prefixes: city.platePrefixes,
      office_code: city.officeCode,
      office_name: city.officeName,
      office_name_en: city.officeNameEn,
      seat_county_code: city.seatCountyCode,
      local_rules: JSON.stringify(city.localRules),
    })
    .execute();
  const orgs = [...network.organisations].sort(
    (a, b) => Number(a.parentCode !== null) - Number(b.parentCode !== null),
  );
  await tx
    .insertInto('organisations')
    .values(
      orgs.map((o) => ({
        code: o.code,
        city_code: cityCode,
        name: o.name,
        kind: o.kind,
        county_code: o.countyCode,
        parent_code: o.parentCode,
      })),
    )
    .execute();
  const rank = (c: string) => {
    const i = CATEGORY_ORDER.indexOf(c);
    return i === -1 ? CATEGORY_ORDER.length : i;
  };
  const outlets = [...network.outlets].sort((a, b) => rank(a.category) - rank(b.category));
  for (let i = 0; i < outlets.length; i += 200) {
    await tx
      .insertInto('outlets')
      .values(
        outlets.slice(i, i + 200).map((o) => ({
          code: o.code,
          city_code: cityCode,
          name: o.name,
          category: o.category,
          kind_label: o.kindLabel ?? null,
          parent_code: o.parentCode,
          county_code: o.countyCode,
          organisation_code: o.organisationCode,
          address: o.address,
          phone: o.phone,
          hours: JSON.stringify(o.hours),
        })),
      )
      .execute();
  }
  if (!network.agreements.length) return;
  await tx
    .insertInto('agreements')
    .values(
      network.agreements.map((a) => ({
        code: a.code,
        partner_name: a.partnerName,
        kind: a.kind,
        signed_on: a.signedOn,
        valid_from: a.validFrom,
        valid_until: a.validUntil,
        business_types: a.businessTypes,
      })),
    )
    .execute();
  const links = network.agreements.flatMap((a) =>
    a.outletCodes.map((o) => ({ agreement_code: a.code, outlet_code: o })),
  );
  for (let i = 0; i < links.length; i += 500) {
    await tx
      .insertInto('agreement_outlets')
      .values(links.slice(i, i + 500))
      .execute();
  }
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
    cityCode: string;
    name: string;
    category: OutletCategory;
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
        city_code: o.cityCode,
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

/** Every outlet of a city with its category, county, status and hours (supervision's map). */
export async function outletDirectoryRows(db: DbOrTx, cityCode: string) {
  return await db
    .selectFrom('outlets')
    .select(['code', 'name', 'category', 'county_code', 'address', 'status', 'hours'])
    .where('city_code', '=', cityCode)
    .orderBy('code')
    .execute();
}

/** The active internet outlet of a city (its online service platform), if any. */
export async function internetOutletRow(db: DbOrTx, cityCode: string) {
  return await db
    .selectFrom('outlets')
    .select(['code', 'name', 'category', 'county_code', 'city_code'])
    .where('city_code', '=', cityCode)
    .where('category', '=', 'internet')
    .where('status', '=', 'active')
    .orderBy('code')
    .executeTakeFirst();
}

/** An outlet's place and weekly hours. */
export async function outletHoursRow(db: DbOrTx, code: string) {
  return await db
    .selectFrom('outlets')
    .select(['code', 'city_code', 'county_code', 'category', 'status', 'hours'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function updateOutletHours(tx: Tx, code: string, hours: unknown) {
  await tx
    .updateTable('outlets')
    .set({ hours: JSON.stringify(hours) })
    .where('code', '=', code)
    .execute();
}
