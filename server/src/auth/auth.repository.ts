import type { DbOrTx } from '../db/database.ts';
import type { OutletCategory } from '#shared/catalog.ts';
import type { Actor, Role } from './actor.ts';

export interface UserRecord {
  actor: Actor;
  passwordHash: string;
  active: boolean;
}

const toRecord = (row: {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  scope_level: 'outlet' | 'county' | 'city';
  scope_code: string;
  active: boolean;
  outlet_code: string | null;
  outlet_name: string | null;
  outlet_category: string | null;
  outlet_county: string | null;
}): UserRecord => ({
  passwordHash: row.password_hash,
  active: row.active,
  actor: {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles as Role[],
    scope: { level: row.scope_level, code: row.scope_code },
    outlet:
      row.outlet_code && row.outlet_name && row.outlet_category && row.outlet_county
        ? {
            code: row.outlet_code,
            name: row.outlet_name,
            category: row.outlet_category as OutletCategory,
            countyCode: row.outlet_county,
          }
        : null,
  },
});

function selectUsers(db: DbOrTx) {
  return db
    .selectFrom('users as u')
    .leftJoin('outlets as o', 'o.code', 'u.outlet_code')
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
      'o.name as outlet_name',
      'o.category as outlet_category',
      'o.county_code as outlet_county',
    ]);
}

export async function findUserByUsername(db: DbOrTx, username: string) {
  const row = await selectUsers(db).where('u.username', '=', username).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function findUserById(db: DbOrTx, id: string) {
  const row = await selectUsers(db).where('u.id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
  outletCode: string | null;
  scopeLevel: 'outlet' | 'county' | 'city';
  scopeCode: string;
}

export async function insertUser(db: DbOrTx, u: NewUser): Promise<string> {
  const row = await db
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      roles: u.roles,
      outlet_code: u.outletCode,
      scope_level: u.scopeLevel,
      scope_code: u.scopeCode,
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

/** Stores the value unless one exists; returns the value in force either way. */
export async function putSettingOnce(db: DbOrTx, key: string, value: string): Promise<string> {
  await db
    .insertInto('system_settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await getSetting(db, key)) ?? value;
}
