import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.ts';
import type { Role, ScopeLevel } from '../platform/actor.ts';

/**
 * Staff accounts as the administration sees them; a user belongs to its scope's city. Citizen
 * accounts (the internet channel) are not staff: they are neither listed nor managed here.
 */
function selectStaff(db: DbOrTx) {
  return db
    .selectFrom('users')
    .where('id_number', 'is', null)
    .select([
      'id',
      'username',
      'display_name',
      'roles',
      'outlet_code',
      'scope_level',
      'scope_code',
      'city_code',
      'active',
      'created_at',
    ]);
}

export type StaffRow = NonNullable<Awaited<ReturnType<typeof findStaff>>>;

export async function findStaff(db: DbOrTx, username: string) {
  return await selectStaff(db).where('username', '=', username).executeTakeFirst();
}

/** One page of a city's staff in username order (keyset: after the given username). */
export async function listStaff(
  db: DbOrTx,
  f: { city: string; after?: string; q?: string; limit: number },
) {
  let query = selectStaff(db).where('city_code', '=', f.city);
  if (f.after) query = query.where('username', '>', f.after);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb('username', 'like', like), eb('display_name', 'like', like)]),
    );
  }
  return await query.orderBy('username').limit(f.limit).execute();
}

export async function updateStaff(
  db: DbOrTx,
  id: string,
  u: {
    cityCode: string;
    displayName: string;
    roles: Role[];
    outletCode: string | null;
    scopeLevel: ScopeLevel;
    scopeCode: string;
  },
) {
  await db
    .updateTable('users')
    .set({
      city_code: u.cityCode,
      display_name: u.displayName,
      roles: u.roles,
      outlet_code: u.outletCode,
      scope_level: u.scopeLevel,
      scope_code: u.scopeCode,
    })
    .where('id', '=', id)
    .execute();
}

/** Both end every session of the account: its credential version moves on. */
const nextVersion = sql<number>`credential_version + 1`;

export async function setStaffActive(db: DbOrTx, id: string, active: boolean) {
  await db
    .updateTable('users')
    .set({ active, credential_version: nextVersion })
    .where('id', '=', id)
    .execute();
}

export async function setPasswordHash(db: DbOrTx, id: string, passwordHash: string) {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, credential_version: nextVersion })
    .where('id', '=', id)
    .execute();
}

/** Usernames of the active clerks of an outlet, in order. */
export async function clerksOfOutlet(db: DbOrTx, outletCode: string) {
  const rows = await selectStaff(db)
    .where('outlet_code', '=', outletCode)
    .where('active', '=', true)
    .where(sql<boolean>`'clerk' = ANY(roles)`)
    .orderBy('username')
    .execute();
  return rows.map((r) => r.username);
}
