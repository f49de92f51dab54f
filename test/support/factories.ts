import { computeIdNumberCheckCharacter, withVinCheckDigit } from '#shared/validators/index.ts';
import { hashPassword } from '../../server/src/auth/password.ts';
import type { Role } from '../../server/src/auth/actor.ts';
import type { Db } from '../../server/src/db/database.ts';

/**
 * Factories that create their own parents (region, organisation, outlet) so a test states only
 * what matters to it. Unique values come from a per-process counter.
 */
let counter = 0;
const next = () => ++counter + (process.pid % 1000) * 10_000;
const pad = (n: number, w: number) => String(n % 10 ** w).padStart(w, '0');

export const FACTORY_PASSWORD = 'factory-password-1';
let passwordHash: Promise<string> | undefined;

export function idNumber(county = '520302', birth = '19880615'): string {
  const first17 = `${county}${birth}${pad(next(), 3)}`;
  return first17 + computeIdNumberCheckCharacter(first17);
}

export function vin(): string {
  return withVinCheckDigit(`LFT${pad(next(), 5)}*TA${pad(next(), 6)}`);
}

export function zunyiPlate(): string {
  const n = next();
  return `贵C${'ABCDEFGHJK'[n % 10]}${pad(n, 4)}`;
}

async function ensureCounty(db: Db, countyCode: string) {
  const city = `${countyCode.slice(0, 4)}00`;
  await db
    .insertInto('regions')
    .values([{ code: city, name: `市${city}`, name_en: `City ${city}`, parent_code: null }])
    .onConflict((oc) => oc.doNothing())
    .execute();
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
  o: { category: string; countyCode?: string; name?: string },
): Promise<{ code: string; countyCode: string }> {
  const countyCode = o.countyCode ?? '520302';
  const organisation = await ensureCounty(db, countyCode);
  const code = `T${pad(next(), 6)}`;
  await db
    .insertInto('outlets')
    .values({
      code,
      name: o.name ?? `测试网点${code}`,
      category: o.category,
      county_code: countyCode,
      organisation_code: organisation,
      parent_code: null,
      kind_label: null,
      hours: '{}',
    })
    .execute();
  return { code, countyCode };
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
      : { level: 'city' as const, code: '520300' });
  await db
    .insertInto('users')
    .values({
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
export async function createClerk(db: Db, category: string, countyCode?: string) {
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

export async function createVehicle(
  db: Db,
  v: Partial<{
    status: string;
    plate: string;
    vin: string;
    ownerIdNumber: string;
    countyCode: string;
  }> = {},
): Promise<VehicleSeed> {
  const seed: VehicleSeed = {
    vin: v.vin ?? vin(),
    plate: v.plate ?? zunyiPlate(),
    ownerIdNumber: v.ownerIdNumber ?? idNumber(),
    ownerName: '测试车主',
  };
  await db
    .insertInto('vehicles')
    .values({
      city_code: '520300',
      county_code: v.countyCode ?? '520302',
      vin: seed.vin,
      plate: seed.plate,
      vehicle_type: 'small-car',
      use_nature: 'non-operating',
      seats: 5,
      brand: '测试',
      model: 'T1',
      owner_id_number: seed.ownerIdNumber,
      owner_name: seed.ownerName,
      owner_phone: null,
      status: v.status ?? 'normal',
      registered_on: '2020-05-01',
      manufactured_on: '2020-01-01',
      inspection_valid_until: '2027-05-31',
    })
    .execute();
  return seed;
}
