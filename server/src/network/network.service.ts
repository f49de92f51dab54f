import type { z } from 'zod';
import type { OutletCategory } from '#shared/catalog.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { ActorOutlet, Actor } from '../platform/actor.ts';
import { referenceCache } from '../platform/cache.ts';
import { forbidden, notFound } from '../platform/errors.ts';
import { beijingInstant } from '../platform/time.ts';
import { networkReadScope } from './network.policy.ts';
import {
  activeOutletsOf,
  internetOutletRow,
  outletHoursRow,
  updateOutletHours,
  agreementsOfOutlet,
  closeSuspension,
  countAgreements,
  countOutlets,
  findJurisdiction,
  findOutlet,
  insertNetworkRows,
  jurisdictionByPlatePrefix,
  listAgreements,
  listJurisdictions,
  listOrganisations,
  listOutlets,
  listRegions,
  lockOutletRow,
  openSuspension,
  outletDirectoryRows,
  outletNameRows,
  outletStandingRow,
  outletSummaryRow,
  suspensionHistory,
} from './network.repository.ts';
import { referenceJurisdiction } from './jurisdiction-reference.ts';
import type {
  agreementListQuerySchema,
  NetworkInput,
  OpeningHours,
  outletListQuerySchema,
} from './network.schema.ts';

type OutletRow = Awaited<ReturnType<typeof listOutlets>>[number];

const presentOutlet = (o: OutletRow) => ({
  code: o.code,
  name: o.name,
  category: o.category,
  parentCode: o.parent_code,
  status: o.status,
  countyCode: o.county_code,
  cityCode: o.city_code,
  kindLabel: o.kind_label,
  address: o.address,
  phone: o.phone,
  suspension: o.suspension_reason
    ? { reason: o.suspension_reason, since: o.suspended_at ? beijingInstant(o.suspended_at) : null }
    : null,
});

export async function listOutletsFor(
  db: DbOrTx,
  actor: Actor,
  query: z.infer<typeof outletListQuerySchema>,
) {
  const rows = await listOutlets(db, {
    category: query.category,
    countyCode: query.county,
    status: query.status,
    q: query.q,
    scope: networkReadScope(actor),
    after: query.after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(presentOutlet),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.code ?? null) : null,
  };
}

const presentAgreement = (a: Awaited<ReturnType<typeof agreementsOfOutlet>>[number]) => ({
  code: a.code,
  partnerName: a.partner_name,
  kind: a.kind,
  signedOn: a.signed_on,
  validFrom: a.valid_from,
  validUntil: a.valid_until,
  businessTypes: a.business_types,
});

/** Throws unless the outlet exists and lies within the reader's jurisdiction and county. */
function requireOutletInScope<O extends { city_code: string; county_code: string }>(
  scope: { cityCode: string; countyCode?: string },
  outlet: O | undefined,
): O {
  // Another city's outlet does not exist for this reader.
  if (!outlet || outlet.city_code !== scope.cityCode) throw notFound('网点');
  if (scope.countyCode && outlet.county_code !== scope.countyCode) {
    throw forbidden('该网点不在您的辖区内');
  }
  return outlet;
}

export async function getOutletFor(db: DbOrTx, actor: Actor, code: string) {
  const outlet = requireOutletInScope(networkReadScope(actor), await findOutlet(db, code));
  const agreements = await agreementsOfOutlet(db, code);
  return {
    ...presentOutlet(outlet),
    organisationCode: outlet.organisation_code,
    hours: outlet.hours,
    agreements: agreements.map(presentAgreement),
  };
}

/** Throws unless the reader's scope covers the outlet (for other areas' outlet sub-resources). */
export async function requireOutletReadable(db: DbOrTx, actor: Actor, code: string) {
  requireOutletInScope(networkReadScope(actor), await outletSummaryRow(db, code));
}

/** The reader's jurisdiction: its regions, organisations and outlet counts. */
export async function networkSummaryFor(db: DbOrTx, actor: Actor) {
  const scope = networkReadScope(actor);
  const [counts, regions, organisations, agreements] = await Promise.all([
    countOutlets(db, scope),
    listRegions(db, scope.cityCode),
    listOrganisations(db, scope.cityCode),
    countAgreements(db, scope),
  ]);
  const county = scope.countyCode;
  return {
    regions: regions
      .filter((r) => !county || r.code === county || r.parent_code === null)
      .map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en, parentCode: r.parent_code })),
    organisations: organisations
      .filter((o) => !county || o.county_code === county || o.kind === 'detachment')
      .map((o) => ({
        code: o.code,
        name: o.name,
        kind: o.kind,
        countyCode: o.county_code,
        parentCode: o.parent_code,
      })),
    counts: counts.map((c) => ({
      category: c.category,
      countyCode: c.county_code,
      total: c.total,
      suspended: c.suspended,
    })),
    agreements: agreements.map((a) => ({ kind: a.kind, total: a.total })),
  };
}

export async function listAgreementsFor(
  db: DbOrTx,
  actor: Actor,
  query: z.infer<typeof agreementListQuerySchema>,
) {
  const rows = await listAgreements(db, networkReadScope(actor), {
    after: query.after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((a) => ({ ...presentAgreement(a), outletCodes: a.outlet_codes })),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.code ?? null) : null,
  };
}

// ---- What other areas ask of the network ---------------------------------------------------

/** A city's jurisdiction: codes, names, plate prefixes, office and local rules. */
export interface Jurisdiction {
  cityCode: string;
  name: string;
  nameEn: string;
  provinceAbbr: string;
  platePrefixes: string[];
  officeCode: string;
  officeName: string;
  officeNameEn: string;
  seatCountyCode: string;
  localRules: Record<string, string>;
}

type JurisdictionRow = NonNullable<Awaited<ReturnType<typeof findJurisdiction>>>;
const toJurisdiction = (r: JurisdictionRow): Jurisdiction => ({
  cityCode: r.city_code,
  name: r.name,
  nameEn: r.name_en,
  provinceAbbr: r.province_abbr,
  platePrefixes: r.plate_prefixes,
  officeCode: r.office_code,
  officeName: r.office_name,
  officeNameEn: r.office_name_en,
  seatCountyCode: r.seat_county_code,
  localRules: r.local_rules,
});

const jurisdictions = referenceCache<string, Jurisdiction | null>(60_000);
const outlets = referenceCache<string, ActorOutlet | null>(30_000);

/**
 * The jurisdiction of a city. Reference data, kept a minute per database (`owner`, the pool);
 * a miss reads through `db`, the caller's transaction where one is open.
 */
export async function jurisdictionOf(
  owner: object,
  db: DbOrTx,
  cityCode: string,
): Promise<Jurisdiction> {
  const found = await jurisdictions.get(owner, cityCode, async () => {
    const row = await findJurisdiction(db, cityCode);
    return row ? toJurisdiction(row) : null;
  });
  if (!found) throw notFound('辖区');
  return found;
}

/** The jurisdiction that issues plates with this plate's prefix (贵C → 遵义), if any. */
export async function jurisdictionOfPlate(
  owner: object,
  db: DbOrTx,
  plate: string,
): Promise<Jurisdiction | null> {
  const prefix = plate.slice(0, 2);
  return await jurisdictions.get(owner, `plate:${prefix}`, async () => {
    const row = await jurisdictionByPlatePrefix(db, prefix);
    return row ? toJurisdiction(row) : null;
  });
}

/** Drops cached jurisdictions after an edit (or in tests that add a city). */
export function forgetJurisdictions(owner: object) {
  jurisdictions.forget(owner);
}

type SummaryRow = NonNullable<Awaited<ReturnType<typeof outletSummaryRow>>>;
const toActorOutlet = (row: SummaryRow | undefined): ActorOutlet | null =>
  row
    ? {
        code: row.code,
        name: row.name,
        category: row.category as OutletCategory,
        countyCode: row.county_code,
        cityCode: row.city_code,
      }
    : null;

/** Code, name, category, county and city of an outlet (cached half a minute). */
export async function outletSummary(owner: object, db: DbOrTx, code: string) {
  return await outlets.get(owner, code, async () =>
    toActorOutlet(await outletSummaryRow(db, code)),
  );
}

/** Status, open suspension and agreements of an outlet, read fresh (suspensions act at once). */
export async function outletStanding(db: DbOrTx, code: string) {
  const row = await outletStandingRow(db, code);
  if (!row) return null;
  return {
    code: row.code,
    category: row.category as OutletCategory,
    countyCode: row.county_code,
    cityCode: row.city_code,
    status: row.status,
    suspensionReason: row.suspension_reason,
    agreements: row.agreements.map((a) => ({
      validFrom: a.valid_from,
      validUntil: a.valid_until,
      businessTypes: a.business_types,
    })),
  };
}

/** Locks an outlet for the rest of a transaction; null when there is no such outlet. */
export async function lockOutlet(tx: Tx, code: string) {
  const row = await lockOutletRow(tx, code);
  return row
    ? {
        code: row.code,
        category: row.category as OutletCategory,
        status: row.status,
        countyCode: row.county_code,
        cityCode: row.city_code,
      }
    : null;
}

/**
 * Suspends an outlet (status and history), inside the caller's transaction, dated by the
 * platform's clock like the audit record beside it.
 */
export async function markSuspended(
  tx: Tx,
  s: { code: string; reason: string; by: string; at: Date },
) {
  await openSuspension(tx, { outletCode: s.code, reason: s.reason, by: s.by, at: s.at });
}

/** Restores a suspended outlet, inside the caller's transaction, dated as `markSuspended`. */
export async function markRestored(
  tx: Tx,
  r: { code: string; by: string; note: string | null; at: Date },
) {
  await closeSuspension(tx, { outletCode: r.code, by: r.by, note: r.note, at: r.at });
}

export async function suspensionsOf(db: DbOrTx, code: string) {
  return await suspensionHistory(db, code);
}

/** Up to `limit` active outlets of some categories in a county (or the city), for "请到…办理". */
export async function activeOutletsIn(
  db: DbOrTx,
  f: { cityCode: string; countyCode: string | null; categories: OutletCategory[]; limit: number },
) {
  return await activeOutletsOf(db, f);
}

/** Names and places of some outlets, by code. */
export async function outletNames(db: DbOrTx, codes: string[]) {
  const rows = await outletNameRows(db, [...new Set(codes)]);
  return new Map(
    rows.map((r) => [r.code, { name: r.name, countyCode: r.county_code, cityCode: r.city_code }]),
  );
}

/** Loads a whole jurisdiction's network in the caller's transaction (new installation, demo). */
export async function createNetwork(tx: Tx, network: NetworkInput) {
  await insertNetworkRows(tx, network);
}

/** Whether no jurisdiction exists yet: an installation's first start. */
export async function networkIsEmpty(db: DbOrTx) {
  return (await listJurisdictions(db)).length === 0;
}

/**
 * Creates a jurisdiction from its reference data (server/reference): the office, counties and
 * organisations, with no outlets (a clean install imports those), in the caller's transaction.
 */
export async function createReferenceNetwork(tx: Tx, cityCode: string) {
  await insertNetworkRows(tx, referenceJurisdiction(cityCode));
}

/** A city's reference data (office, counties, organisations), to build a network on. */
export const referenceNetwork = (cityCode: string) => referenceJurisdiction(cityCode);

/** The county codes of a city. */
export async function countiesOf(db: DbOrTx, cityCode: string): Promise<string[]> {
  const regions = await listRegions(db, cityCode);
  return regions.filter((r) => r.parent_code === cityCode).map((r) => r.code);
}

/** Every jurisdiction's city code (jobs that run per city). */
export async function cityCodes(db: DbOrTx): Promise<string[]> {
  return (await listJurisdictions(db)).map((j) => j.city_code);
}

/**
 * The city a scope lies in, or undefined when its code names no such place: a city is a
 * jurisdiction, a county a region of one, an outlet an outlet.
 */
export async function cityOfPlace(
  db: DbOrTx,
  scope: { level: 'city' | 'county' | 'outlet'; code: string },
): Promise<string | undefined> {
  if (scope.level === 'outlet') return (await outletSummaryRow(db, scope.code))?.city_code;
  if (scope.level === 'city') return (await findJurisdiction(db, scope.code))?.city_code;
  const city = `${scope.code.slice(0, 4)}00`;
  return (await countiesOf(db, city)).includes(scope.code) ? city : undefined;
}

/** The offices this installation serves, for its public pages. */
export async function installationOffices(db: DbOrTx) {
  const rows = await listJurisdictions(db);
  return {
    offices: rows.map((j) => ({
      cityCode: j.city_code,
      officeName: j.office_name,
      officeNameEn: j.office_name_en,
    })),
  };
}

/** An outlet as supervision and the bulletins see it: category, county, status and hours. */
export interface DirectoryOutlet {
  code: string;
  name: string;
  category: OutletCategory;
  countyCode: string;
  /** Its street address ('' where the import gave none). */
  address: string;
  status: 'active' | 'suspended';
  hours: OpeningHours | null;
}

/** Every outlet of a city, by code. */
export async function outletDirectory(
  db: DbOrTx,
  cityCode: string,
): Promise<Map<string, DirectoryOutlet>> {
  const rows = await outletDirectoryRows(db, cityCode);
  return new Map(
    rows.map((r) => [
      r.code,
      {
        code: r.code,
        name: r.name,
        category: r.category as OutletCategory,
        countyCode: r.county_code,
        address: r.address,
        status: r.status,
        hours: 'weekdays' in r.hours ? (r.hours as OpeningHours) : null,
      },
    ]),
  );
}

/** The internet outlet (online service platform) of a city: the outlet citizens act through. */
export async function internetOutletOf(db: DbOrTx, cityCode: string): Promise<ActorOutlet | null> {
  return toActorOutlet(await internetOutletRow(db, cityCode));
}

/** An outlet's weekly hours with its place; `{}` (never set) reads as closed every day. */
export async function outletHoursOf(db: DbOrTx, code: string) {
  const row = await outletHoursRow(db, code);
  if (!row) return null;
  const hours = row.hours as Partial<OpeningHours>;
  return {
    code: row.code,
    cityCode: row.city_code,
    countyCode: row.county_code,
    category: row.category as OutletCategory,
    suspended: row.status === 'suspended',
    hours: {
      weekdays: hours.weekdays ?? [],
      saturday: hours.saturday ?? [],
      sunday: hours.sunday ?? [],
      holidays: hours.holidays ?? false,
      ...(hours.extendedUntil ? { extendedUntil: hours.extendedUntil } : {}),
    } satisfies OpeningHours,
  };
}

/** Replaces an outlet's weekly hours, in the caller's transaction (the caller audits). */
export async function setOutletHours(tx: Tx, code: string, hours: OpeningHours) {
  await updateOutletHours(tx, code, hours);
}
