import type { Scope, StaffUser, UserCreate, UserUpdate } from '#shared/schemas/users.ts';
import { audit } from '../audit/audit.service.ts';
import type { Db, DbOrTx, Tx } from '../db/database.ts';
import { AppError, forbidden, invalid, notFound } from '../platform/errors.ts';
import { cityOfPlace, outletNames } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import { beijingInstant } from '../platform/time.ts';
import { insertUser } from './auth.repository.ts';
import { hashPassword } from './password.ts';
import { forgetUser } from './user-cache.ts';
import { announceChanges } from '../db/change-notices.ts';
import { administeredCity, requireUserInCity } from './users.policy.ts';
import {
  clerksOfOutlet,
  findStaff,
  listStaff,
  setPasswordHash,
  setStaffActive,
  updateStaff,
  type StaffRow,
} from './users.repository.ts';

/**
 * Who creates a user: an administrator, within its city, or the operator at the server's
 * console (`cheguan user:create`), who may place a user anywhere the database knows.
 */
export type UserManager = { kind: 'admin'; actor: Actor } | { kind: 'console'; operator: string };

/** Staff rows with the names of their outlets (from the network). */
async function presentStaff(db: DbOrTx, rows: StaffRow[]): Promise<StaffUser[]> {
  const names = await outletNames(
    db,
    rows.flatMap((r) => (r.outlet_code ? [r.outlet_code] : [])),
  );
  return rows.map((row) => presentOne(row, names.get(row.outlet_code ?? '')?.name ?? null));
}

function presentOne(row: StaffRow, outletName: string | null): StaffUser {
  return {
    username: row.username,
    displayName: row.display_name,
    roles: row.roles as StaffUser['roles'],
    outletCode: row.outlet_code,
    outletName,
    scope: { level: row.scope_level, code: row.scope_code },
    active: row.active,
    createdAt: beijingInstant(row.created_at),
  };
}

const LEVEL_NAMES: Record<Scope['level'], string> = {
  outlet: '网点',
  county: '区县',
  city: '城市',
};

/** A scope must name a real place; an administrator's must lie in its city. Returns the city. */
async function checkScope(db: DbOrTx, manager: UserManager, scope: Scope): Promise<string> {
  const city = await cityOfPlace(db, scope);
  if (!city) {
    throw invalid([
      { path: 'scope.code', message: `${LEVEL_NAMES[scope.level]} ${scope.code} 不存在` },
    ]);
  }
  if (manager.kind === 'admin' && city !== administeredCity(manager.actor)) {
    throw forbidden('数据权限范围必须是您管辖的城市、其区县或其网点');
  }
  return city;
}

/** The columns a scope sets: an outlet-scoped user works at that outlet. */
const placement = (scope: Scope) => ({
  outletCode: scope.level === 'outlet' ? scope.code : null,
  scopeLevel: scope.level,
  scopeCode: scope.code,
});

/** What the audit log keeps of an account: never its password or hash. */
const described = (u: { displayName: string; roles: string[]; scope: Scope }) => ({
  displayName: u.displayName,
  roles: u.roles,
  scope: u.scope,
});

async function managedUser(db: DbOrTx, actor: Actor, username: string): Promise<StaffRow> {
  administeredCity(actor);
  const row = await findStaff(db, username);
  if (!row) throw notFound('用户');
  requireUserInCity(actor, row);
  return row;
}

/**
 * A transaction that changes users: the users it names through `changed` are announced to the
 * other server processes with the change, and forgotten by this process's authentication cache
 * after it commits (and after a rollback, which costs only a re-read).
 */
async function changingUser<T>(
  db: Db,
  work: (tx: Tx, changed: (userId: string) => void) => Promise<T>,
): Promise<T> {
  const ids: string[] = [];
  try {
    return await db.transaction().execute(async (tx) => {
      const result = await work(tx, (id) => ids.push(id));
      if (ids.length > 0) await announceChanges(tx, 'user', ids);
      return result;
    });
  } finally {
    for (const id of ids) forgetUser(db, id);
  }
}

const isUniqueViolation = (e: unknown) => (e as { code?: unknown }).code === '23505';

export async function listUsersFor(
  db: DbOrTx,
  actor: Actor,
  query: { after?: string; q?: string; limit: number },
) {
  const city = administeredCity(actor);
  // One row more than the page tells whether there is a next page.
  const rows = await listStaff(db, { city, ...query, limit: query.limit + 1 });
  const page = await presentStaff(db, rows.slice(0, query.limit));
  return {
    items: page,
    nextCursor: rows.length > query.limit ? (page.at(-1)?.username ?? null) : null,
  };
}

export async function getUserFor(db: DbOrTx, actor: Actor, username: string) {
  const [user] = await presentStaff(db, [await managedUser(db, actor, username)]);
  return user!;
}

export async function createStaffUser(
  db: Db,
  manager: UserManager,
  input: UserCreate,
  now: Date,
): Promise<StaffUser> {
  if (manager.kind === 'admin') administeredCity(manager.actor);
  const cityCode = await checkScope(db, manager, input.scope);
  const passwordHash = await hashPassword(input.password);
  return await db.transaction().execute(async (tx) => {
    let id: string;
    try {
      id = await insertUser(tx, {
        cityCode,
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        roles: input.roles,
        ...placement(input.scope),
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('CONFLICT', `用户名 ${input.username} 已存在`);
      throw e;
    }
    const actor = manager.kind === 'admin' ? manager.actor : null;
    await audit(tx, actor, now, {
      cityCode,
      action: 'user.created',
      entityType: 'user',
      entityId: id,
      details: {
        username: input.username,
        ...described(input),
        ...(manager.kind === 'console' ? { via: 'cli', operator: manager.operator } : {}),
      },
    });
    const created = await findStaff(tx, input.username);
    if (!created) throw new Error(`user ${input.username} vanished after insert`);
    const [user] = await presentStaff(tx, [created]);
    return user!;
  });
}

export async function updateUserAs(
  db: Db,
  actor: Actor,
  username: string,
  input: UserUpdate,
  now: Date,
): Promise<StaffUser> {
  return await changingUser(db, async (tx, changed) => {
    const row = await managedUser(tx, actor, username);
    changed(row.id);
    // An administrator cannot lock itself out; another administrator must do that.
    if (row.id === actor.userId && !input.roles.includes('admin')) {
      throw forbidden('不能取消自己的管理员角色');
    }
    const cityCode = await checkScope(tx, { kind: 'admin', actor }, input.scope);
    await updateStaff(tx, row.id, {
      cityCode,
      displayName: input.displayName,
      roles: input.roles,
      ...placement(input.scope),
    });
    await audit(tx, actor, now, {
      action: 'user.updated',
      entityType: 'user',
      entityId: row.id,
      details: { username, before: described(presentOne(row, null)), after: described(input) },
    });
    const updated = await findStaff(tx, username);
    if (!updated) throw new Error(`user ${username} vanished after update`);
    const [user] = await presentStaff(tx, [updated]);
    return user!;
  });
}

/**
 * Deactivation takes effect on the user's next request: the cached user is forgotten once the
 * change commits, so authentication reads it again.
 */
export async function setUserActiveAs(
  db: Db,
  actor: Actor,
  username: string,
  active: boolean,
  now: Date,
): Promise<StaffUser> {
  return await changingUser(db, async (tx, changed) => {
    const row = await managedUser(tx, actor, username);
    changed(row.id);
    if (!active && row.id === actor.userId) throw forbidden('不能停用自己的账号');
    if (row.active !== active) {
      await setStaffActive(tx, row.id, active);
      await audit(tx, actor, now, {
        action: active ? 'user.reactivated' : 'user.deactivated',
        entityType: 'user',
        entityId: row.id,
        details: { username },
      });
    }
    const [user] = await presentStaff(tx, [{ ...row, active }]);
    return user!;
  });
}

export async function resetPasswordAs(
  db: Db,
  actor: Actor,
  username: string,
  password: string,
  now: Date,
): Promise<void> {
  administeredCity(actor); // before the deliberately slow hash
  const passwordHash = await hashPassword(password);
  await changingUser(db, async (tx, changed) => {
    const row = await managedUser(tx, actor, username);
    changed(row.id);
    await setPasswordHash(tx, row.id, passwordHash);
    await audit(tx, actor, now, {
      action: 'user.password-reset',
      entityType: 'user',
      entityId: row.id,
      details: { username },
    });
  });
}

/** The active clerks of an outlet (their usernames, sorted): the frame of a rotation draw. */
export async function staffOfOutlet(db: DbOrTx, outletCode: string): Promise<string[]> {
  return await clerksOfOutlet(db, outletCode);
}
