import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.ts';
import type { Role, ScopeLevel } from './actor.ts';

const cityOfUser = sql<
  string | null
>`CASE u.scope_level WHEN 'city' THEN u.scope_code ELSE r.parent_code END`;

/**
 * Staff accounts as the administration sees them. A user belongs to a city through its scope:
 * the city itself, a county of the city, or an outlet in such a county (regions know the parent).
 */
function selectStaff(db: DbOrTx) {
  return db
    .selectFrom('users as u')
    .leftJoin('outlets as o', 'o.code', 'u.outlet_code')
    .leftJoin('outlets as so', (j) =>
      j.onRef('so.code', '=', 'u.scope_code').on('u.scope_level', '=', 'outlet'),
    )
    .leftJoin('regions as r', (j) =>
      j.on(sql<boolean>`r.code = coalesce(so.county_code, u.scope_code)`),
    )
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.roles',
      'u.outlet_code',
      'o.name as outlet_name',
      'u.scope_level',
      'u.scope_code',
      'u.active',
      'u.created_at',
      cityOfUser.as('city'),
    ]);
}

export type StaffRow = NonNullable<Awaited<ReturnType<typeof findStaff>>>;

export async function findStaff(db: DbOrTx, username: string) {
  return await selectStaff(db).where('u.username', '=', username).executeTakeFirst();
}

/** One page of a city's staff in username order (keyset: after the given username). */
export async function listStaff(
  db: DbOrTx,
  f: { city: string; after?: string; q?: string; limit: number },
) {
  let query = selectStaff(db).where(cityOfUser, '=', f.city);
  if (f.after) query = query.where('u.username', '>', f.after);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb('u.username', 'like', like), eb('u.display_name', 'like', like)]),
    );
  }
  return await query.orderBy('u.username').limit(f.limit).execute();
}

/**
 * The city a scope lies in, or undefined when its code names no such place: a city is a region
 * without a parent, a county a region with one, an outlet an outlet row.
 */
export async function cityOfScope(
  db: DbOrTx,
  scope: { level: ScopeLevel; code: string },
): Promise<string | undefined> {
  if (scope.level === 'outlet') {
    const row = await db
      .selectFrom('outlets as o')
      .innerJoin('regions as r', 'r.code', 'o.county_code')
      .select('r.parent_code')
      .where('o.code', '=', scope.code)
      .executeTakeFirst();
    return row?.parent_code ?? undefined;
  }
  const region = await db
    .selectFrom('regions')
    .select(['code', 'parent_code'])
    .where('code', '=', scope.code)
    .executeTakeFirst();
  if (!region) return undefined;
  if (scope.level === 'city') return region.parent_code === null ? region.code : undefined;
  return region.parent_code ?? undefined;
}

export async function updateStaff(
  db: DbOrTx,
  id: string,
  u: {
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
      display_name: u.displayName,
      roles: u.roles,
      outlet_code: u.outletCode,
      scope_level: u.scopeLevel,
      scope_code: u.scopeCode,
    })
    .where('id', '=', id)
    .execute();
}

export async function setStaffActive(db: DbOrTx, id: string, active: boolean) {
  await db.updateTable('users').set({ active }).where('id', '=', id).execute();
}

export async function setPasswordHash(db: DbOrTx, id: string, passwordHash: string) {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}

export async function userCount(db: DbOrTx): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}
