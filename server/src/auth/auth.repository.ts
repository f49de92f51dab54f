import { sql } from 'kysely';
import { compiledQuery } from '../db/compiled-query.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { Role } from '../platform/actor.ts';

/** A stored user; the acting `Actor` is built from it by the auth service. */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  outletCode: string | null;
  scope: { level: 'outlet' | 'county' | 'city'; code: string };
  passwordHash: string;
  active: boolean;
  /** Citizen accounts: the holder's identity number (a second login name). */
  idNumber: string | null;
  /** Moved on by a password reset or a change of `active`: the tokens issued before are void. */
  credentialVersion: number;
}

type UserRow = Awaited<ReturnType<ReturnType<typeof selectUsers>['executeTakeFirstOrThrow']>>;

const toRecord = (row: UserRow): UserRecord => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  roles: row.roles as Role[],
  outletCode: row.outlet_code,
  scope: { level: row.scope_level, code: row.scope_code },
  passwordHash: row.password_hash,
  active: row.active,
  idNumber: row.id_number,
  credentialVersion: row.credential_version,
});

function selectUsers(db: DbOrTx) {
  return db
    .selectFrom('users as u')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.password_hash',
      'u.roles',
      'u.scope_level',
      'u.scope_code',
      'u.active',
      'u.outlet_code',
      'u.id_number',
      'u.credential_version',
    ]);
}

/** A user by username, or a citizen by the identity number it may log in with too. */
export async function findUserByUsername(db: DbOrTx, username: string) {
  const row = await selectUsers(db)
    .where((eb) => eb.or([eb('u.username', '=', username), eb('u.id_number', '=', username)]))
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** Whether a login name (a phone or an identity number) is taken by any account. */
export async function loginNameTaken(db: DbOrTx, name: string) {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb.or([eb('username', '=', name), eb('id_number', '=', name)]))
    .executeTakeFirst();
  return row !== undefined;
}

// The token → user look-up (when the user's cache entry is stale): built and compiled once.
const userById = compiledQuery((db, v: { id: string }) => selectUsers(db).where('u.id', '=', v.id));

export async function findUserById(db: DbOrTx, id: string) {
  const [row] = await userById(db, { id });
  return row ? toRecord(row) : undefined;
}

export interface NewUser {
  cityCode: string;
  username: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
  outletCode: string | null;
  scopeLevel: 'outlet' | 'county' | 'city';
  scopeCode: string;
  idNumber?: string | null;
}

export async function insertUser(db: DbOrTx, u: NewUser): Promise<string> {
  const row = await db
    .insertInto('users')
    .values({
      city_code: u.cityCode,
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      roles: u.roles,
      outlet_code: u.outletCode,
      scope_level: u.scopeLevel,
      scope_code: u.scopeCode,
      id_number: u.idNumber ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function getSetting(db: DbOrTx, key: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('system_settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value;
}

export async function putSetting(db: DbOrTx, key: string, value: string) {
  await db
    .insertInto('system_settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export async function deleteSetting(db: DbOrTx, key: string) {
  await db.deleteFrom('system_settings').where('key', '=', key).execute();
}

export async function throttleRows(db: DbOrTx, keys: string[]) {
  const rows = await db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
  return new Map(
    rows.map((r) => [
      r.key,
      { failures: r.failures, lastFailureAt: r.last_failure_at, blockedUntil: r.blocked_until },
    ]),
  );
}

/**
 * Serialises login attempts on these counters for this transaction. Locked in one order (sorted,
 * one after another in a single statement), so that no two attempts each wait for the other.
 */
export async function lockThrottles(tx: Tx, keys: string[]) {
  const sorted = [...keys].sort();
  await sql`SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0)))
            FROM unnest(${sorted}::text[]) AS k`.execute(tx);
}

export async function saveThrottles(
  db: DbOrTx,
  rows: { key: string; failures: number; lastFailureAt: Date; blockedUntil: Date | null }[],
) {
  await db
    .insertInto('login_throttle')
    .values(
      rows.map((r) => ({
        key: r.key,
        failures: r.failures,
        last_failure_at: r.lastFailureAt,
        blocked_until: r.blockedUntil,
      })),
    )
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        failures: eb.ref('excluded.failures'),
        last_failure_at: eb.ref('excluded.last_failure_at'),
        blocked_until: eb.ref('excluded.blocked_until'),
      })),
    )
    .execute();
}

export async function clearThrottles(db: DbOrTx, keys: string[]) {
  await db.deleteFrom('login_throttle').where('key', 'in', keys).execute();
}

export async function isKnownAddress(db: DbOrTx, username: string, address: string, since: Date) {
  const row = await db
    .selectFrom('login_known_addresses')
    .select('username')
    .where('username', '=', username)
    .where('address', '=', address)
    .where('last_success_at', '>=', since)
    .executeTakeFirst();
  return row !== undefined;
}

export async function rememberAddress(db: DbOrTx, username: string, address: string, at: Date) {
  await db
    .insertInto('login_known_addresses')
    .values({ username, address, last_success_at: at })
    .onConflict((oc) => oc.columns(['username', 'address']).doUpdateSet({ last_success_at: at }))
    .execute();
}
