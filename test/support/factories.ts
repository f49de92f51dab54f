import type { OutletCategory } from '#shared/catalog.ts';
import {
  computeIdNumberCheckCharacter,
  computeUsccCheckCharacter,
  withVinCheckDigit,
} from '#shared/validators/index.ts';
import { hashPassword } from '../../server/src/auth/password.ts';
import type { Db } from '../../server/src/db/database.ts';
import { DEFAULT_CATEGORY_GRANTS } from '../../server/src/delegation/default-grants.ts';
import { seedCategoryGrants } from '../../server/src/delegation/delegation.service.ts';
import { cityOf, type Role } from '../../server/src/platform/actor.ts';

/**
 * Factories that create their own parents (city, county, organisation, outlet) so a test states
 * only what matters to it. Unique values come from a per-process counter.
 */
let counter = 0;
const next = () => ++counter + (process.pid % 1000) * 10_000;
const pad = (n: number, w: number) => String(n % 10 ** w).padStart(w, '0');

export const FACTORY_PASSWORD = 'factory-password-1';
let passwordHash: Promise<string> | undefined;

/** The demo's city, and the second city the jurisdiction tests use (贵阳, plates 贵A). */
export const ZUNYI = { cityCode: '520300', countyCode: '520302', prefix: '贵C' } as const;
export const GUIYANG = { cityCode: '520100', countyCode: '520102', prefix: '贵A' } as const;

export function idNumber(county = '520302', birth = '19880615'): string {
  const first17 = `${county}${birth}${pad(next(), 3)}`;
  return first17 + computeIdNumberCheckCharacter(first17);
}

/** A valid unified social credit code (GB 32100) of an enterprise registered in a county. */
export function orgCode(county = '520302'): string {
  const first17 = `91${county}MA${pad(next(), 6)}X`;
  return first17 + computeUsccCheckCharacter(first17);
}

/** A valid VIN; `modelYear` is its position-10 code (T = 2026). */
export function vin(modelYear = 'T'): string {
  return withVinCheckDigit(`LFT${pad(next(), 5)}*${modelYear}A${pad(next(), 6)}`);
}

/**
 * A free ordinary plate under a prefix (贵C by default): two letters and three digits, a shape
 * that random number selection never draws, so a registration in a test cannot take it first.
 */
export function plate(prefix: string = ZUNYI.prefix): string {
  const n = next();
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  return `${prefix}${letters[Math.floor(n / 1000) % 24]}${letters[Math.floor(n / 24_000) % 24]}${pad(n, 3)}`;
}

export const zunyiPlate = () => plate(ZUNYI.prefix);

/**
 * A jurisdiction (city office) with its plate prefix, one brigade, and the reform's default
 * category grants, unless it exists already.
 */
export async function ensureCity(db: Db, c: { cityCode: string; prefix?: string }) {
  const exists = await db
    .selectFrom('jurisdictions')
    .select('city_code')
    .where('city_code', '=', c.cityCode)
    .executeTakeFirst();
  if (exists) return;
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('regions')
      .values({
        code: c.cityCode,
        name: `市${c.cityCode}`,
        name_en: `City ${c.cityCode}`,
        parent_code: null,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await tx
      .insertInto('jurisdictions')
      .values({
        city_code: c.cityCode,
        name: `市${c.cityCode}`,
        name_en: `City ${c.cityCode}`,
        province_abbr: c.prefix?.slice(0, 1) ?? '',
        plate_prefixes: c.prefix ? [c.prefix] : [],
        office_code: c.cityCode,
        office_name: `市${c.cityCode}车辆管理所`,
        office_name_en: `City ${c.cityCode} Vehicle Administration Office`,
        seat_county_code: c.cityCode,
      })
      .execute();
    await seedCategoryGrants(tx, c.cityCode, DEFAULT_CATEGORY_GRANTS);
  });
}

async function ensureCounty(db: Db, countyCode: string) {
  const city = cityOf(countyCode);
  await ensureCity(db, {
    cityCode: city,
    prefix: city === GUIYANG.cityCode ? GUIYANG.prefix : undefined,
  });
  await db
    .insertInto('regions')
    .values({
      code: countyCode,
      name: `区县${countyCode}`,
      name_en: `County ${countyCode}`,
      parent_code: city,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const org = `TEST-DD-${countyCode}`;
  await db
    .insertInto('organisations')
    .values({
      code: org,
      city_code: city,
      name: `大队${countyCode}`,
      kind: 'brigade',
      county_code: countyCode,
      parent_code: null,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return org;
}

export async function createOutlet(
  db: Db,
  o: { category: OutletCategory; countyCode?: string; name?: string },
): Promise<{ code: string; countyCode: string; cityCode: string }> {
  const countyCode = o.countyCode ?? ZUNYI.countyCode;
  const organisation = await ensureCounty(db, countyCode);
  const code = `T${pad(next(), 6)}`;
  await db
    .insertInto('outlets')
    .values({
      code,
      city_code: cityOf(countyCode),
      name: o.name ?? `测试网点${code}`,
      category: o.category,
      county_code: countyCode,
      organisation_code: organisation,
      parent_code: null,
      kind_label: null,
      hours: '{}',
    })
    .execute();
  return { code, countyCode, cityCode: cityOf(countyCode) };
}

export async function createUser(
  db: Db,
  u: {
    roles: Role[];
    outletCode?: string;
    scope?: { level: 'outlet' | 'county' | 'city'; code: string };
  },
): Promise<{ username: string; password: string }> {
  passwordHash ??= hashPassword(FACTORY_PASSWORD);
  const username = `user.${next()}`;
  const scope =
    u.scope ??
    (u.outletCode
      ? { level: 'outlet' as const, code: u.outletCode }
      : { level: 'city' as const, code: ZUNYI.cityCode });
  await db
    .insertInto('users')
    .values({
      city_code:
        scope.level === 'city'
          ? scope.code
          : scope.level === 'county'
            ? cityOf(scope.code)
            : (
                await db
                  .selectFrom('outlets')
                  .select('city_code')
                  .where('code', '=', scope.code)
                  .executeTakeFirstOrThrow()
              ).city_code,
      username,
      display_name: username,
      password_hash: await passwordHash,
      roles: u.roles,
      outlet_code: u.outletCode ?? null,
      scope_level: scope.level,
      scope_code: scope.code,
    })
    .execute();
  return { username, password: FACTORY_PASSWORD };
}

/** A clerk at a new outlet of the category (the category's default grants apply). */
export async function createClerk(db: Db, category: OutletCategory, countyCode?: string) {
  const outlet = await createOutlet(db, { category, countyCode });
  const user = await createUser(db, { roles: ['clerk'], outletCode: outlet.code });
  return { ...user, outlet };
}

export interface VehicleSeed {
  vin: string;
  plate: string;
  ownerIdNumber: string;
  ownerName: string;
}

/** A registered vehicle in the registry (and the national VIN directory) of its county's city. */
export async function createVehicle(
  db: Db,
  v: Partial<{
    status: string;
    plate: string;
    vin: string;
    ownerIdNumber: string;
    /** The registered owner's name (a person's, or an organisation's); 测试车主 unless told. */
    ownerName: string;
    countyCode: string;
    vehicleType: string;
    useNature: string;
    seats: number;
    registeredOn: string;
    inspectionValidUntil: string;
    /** An active mortgage (the status becomes `mortgaged` unless given). */
    mortgage: { mortgageeOrgCode: string; contractNo: string };
  }> = {},
): Promise<VehicleSeed> {
  const countyCode = v.countyCode ?? ZUNYI.countyCode;
  const cityCode = cityOf(countyCode);
  await ensureCounty(db, countyCode);
  const prefix = cityCode === GUIYANG.cityCode ? GUIYANG.prefix : ZUNYI.prefix;
  const seed: VehicleSeed = {
    vin: v.vin ?? vin(),
    plate: v.plate ?? plate(prefix),
    ownerIdNumber: v.ownerIdNumber ?? idNumber(countyCode),
    ownerName: v.ownerName ?? '测试车主',
  };
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('vehicle_directory')
      .values({ vin: seed.vin, city_code: cityCode })
      .execute();
    const row = await tx
      .insertInto('vehicles')
      .values({
        city_code: cityCode,
        county_code: countyCode,
        vin: seed.vin,
        plate: seed.plate,
        vehicle_type: v.vehicleType ?? 'small-car',
        use_nature: v.useNature ?? 'non-operating',
        seats: v.seats ?? 5,
        brand: '测试',
        model: 'T1',
        owner_id_number: seed.ownerIdNumber,
        owner_name: seed.ownerName,
        owner_phone: null,
        status: v.status ?? (v.mortgage ? 'mortgaged' : 'normal'),
        registered_on: v.registeredOn ?? '2020-05-01',
        manufactured_on: '2020-01-01',
        inspection_valid_until: v.inspectionValidUntil ?? '2027-05-31',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (v.mortgage) {
      await tx
        .insertInto('mortgages')
        .values({
          city_code: cityCode,
          vehicle_id: row.id,
          mortgagee_org_code: v.mortgage.mortgageeOrgCode,
          contract_no: v.mortgage.contractNo,
          registered_on: '2024-01-01',
        })
        .execute();
    }
  });
  return seed;
}

/** `data` of a valid registration of a new small private car (R164 §§10–14), made this year. */
export function registrationData(overrides: Record<string, unknown> = {}) {
  return {
    vin: vin(),
    brand: '比亚迪',
    model: '秦PLUS',
    vehicleType: 'small-car',
    useNature: 'non-operating',
    seats: 5,
    manufacturedOn: '2026-09-01',
    insuranceValidUntil: '2027-11-25',
    invoiceNo: `FP${pad(next(), 8)}`,
    ...overrides,
  };
}

export interface LicenceSeed {
  idNumber: string;
  name: string;
  licenceNo: string;
}

/** A licence in the registry (and the national directory) of its county's city. */
export async function createLicence(
  db: Db,
  l: Partial<{
    idNumber: string;
    /** The holder's name; the drivers' test helpers apply as 测试驾驶人 unless told otherwise. */
    name: string;
    birth: string;
    classes: string[];
    firstIssuedOn: string;
    validUntil: string | null;
    validityTerm: '6y' | '10y' | 'long-term';
    status: 'valid' | 'full-score' | 'suspended' | 'revoked' | 'cancelled';
    probationUntil: string | null;
    countyCode: string;
  }> = {},
): Promise<LicenceSeed> {
  const countyCode = l.countyCode ?? ZUNYI.countyCode;
  const cityCode = cityOf(countyCode);
  await ensureCounty(db, countyCode);
  const id = l.idNumber ?? idNumber(countyCode, l.birth ?? '19880615');
  const firstIssuedOn = l.firstIssuedOn ?? '2015-03-15';
  const classes = l.classes ?? ['C1'];
  const seed = { idNumber: id, name: l.name ?? '测试驾驶人', licenceNo: id };
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('licence_directory')
      .values({ id_number: id, city_code: cityCode })
      .execute();
    await tx
      .insertInto('licences')
      .values({
        city_code: cityCode,
        county_code: countyCode,
        id_number: id,
        name: seed.name,
        licence_no: id,
        classes,
        class_since: JSON.stringify(Object.fromEntries(classes.map((c) => [c, firstIssuedOn]))),
        status: l.status ?? 'valid',
        status_since: firstIssuedOn,
        first_issued_on: firstIssuedOn,
        validity_term: l.validityTerm ?? (l.validUntil === null ? 'long-term' : '10y'),
        valid_until: l.validUntil === undefined ? '2031-03-15' : l.validUntil,
        probation_until: l.probationUntil ?? null,
      })
      .execute();
  });
  return seed;
}

let violationSerial = 0;

/** A violation record (camera feed) in its city, unhandled unless told otherwise. */
export async function createViolation(
  db: Db,
  v: {
    plate: string;
    code?: string;
    points?: number;
    fine?: number;
    occurredAt?: string;
    status?: 'unhandled' | 'handled' | 'paid';
    handledBy?: string;
    handledOn?: string;
    ownerIdNumber?: string;
    category?: string;
    cityCode?: string;
  },
): Promise<{ id: string }> {
  const cityCode = v.cityCode ?? ZUNYI.cityCode;
  const id = `V${cityCode}${pad(next(), 6)}${++violationSerial}`;
  await db
    .insertInto('violations')
    .values({
      city_code: cityCode,
      id,
      county_code: cityCode === ZUNYI.cityCode ? ZUNYI.countyCode : cityCode,
      plate: v.plate,
      code: v.code ?? '1625',
      occurred_at: v.occurredAt ?? '2026-11-20T08:15:00+08:00',
      points: v.points ?? 6,
      fine: v.fine ?? 200,
      category: v.category ?? null,
      status: v.status ?? 'unhandled',
      source: 'import',
      recorded_at: new Date(),
      handled_by: v.handledBy ?? null,
      handled_on: v.handledOn ?? null,
      handled_at: v.handledOn ? new Date(`${v.handledOn}T10:00:00+08:00`) : null,
      owner_id_number: v.ownerIdNumber ?? null,
    })
    .execute();
  return { id };
}

/** A line of a licence's points ledger (points recorded, reduced, cleared) on a day. */
export async function createPointEntry(
  db: Db,
  e: {
    idNumber: string;
    points: number;
    on: string;
    kind?: 'imported' | 'reduction' | 'full-score-cleared';
    cityCode?: string;
  },
) {
  await db
    .insertInto('point_entries')
    .values({
      city_code: e.cityCode ?? ZUNYI.cityCode,
      id_number: e.idNumber,
      kind: e.kind ?? 'imported',
      points: e.points,
      recorded_on: e.on,
    })
    .execute();
}

/** A full score (满分) on record for a driver, in the cycle starting on `cycleStart`. */
export async function createFullScore(
  db: Db,
  f: { idNumber: string; cycleStart: string; reachedOn: string; status?: 'studying' | 'released' },
) {
  await db
    .insertInto('full_score_records')
    .values({
      city_code: ZUNYI.cityCode,
      id_number: f.idNumber,
      cycle_start: f.cycleStart,
      reached_on: f.reachedOn,
      ordinal: 1,
      points: 12,
      study_days: 7,
      onsite_days: 2,
      onsite_online_days: 5,
      subjects: [1],
      status: f.status ?? 'released',
      released_on: f.status === 'studying' ? null : f.reachedOn,
    })
    .execute();
}
