import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { outletSummary } from '../network/network.service.ts';
import { cityOf, type Actor } from '../platform/actor.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import {
  findUserById,
  findUserByUsername,
  loginNameTaken,
  deleteSetting,
  getSetting,
  putSetting,
  insertUser,
  type NewUser,
  type UserRecord,
} from './auth.repository.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.ts';
import { recordSuccess, takeAttempt } from './throttle.service.ts';
import { signatureValid } from './token-cache.ts';
import { cachedUser } from './user-cache.ts';

const LEGACY_SECRET = 'signing-secret';
const TOKEN_TTL_SECONDS = 12 * 60 * 60; // one working day, weekend shifts included
/** `<user id>.<credential version>.<expiry, Unix seconds>.<HMAC-SHA256, base64url>`. */
const TOKEN = /^([1-9]\d{0,17})\.(0|[1-9]\d{0,8})\.(\d{10})\.([A-Za-z0-9_-]{43})$/;

const unauthenticated = () => new AppError('UNAUTHENTICATED', '用户名或密码错误');

/**
 * The acting user: roles, scope, and the outlet it works at (from the network, cached briefly).
 * Its city is its outlet's, or its scope's for staff without an outlet.
 */
async function actorOf(ctx: AppContext, user: UserRecord): Promise<Actor> {
  const outlet = user.outletCode ? await outletSummary(ctx.db, ctx.db, user.outletCode) : null;
  const { level, code } = user.scope;
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    outlet,
    scope: user.scope,
    cityCode: outlet?.cityCode ?? (level === 'city' ? code : cityOf(code)),
    ...(user.roles.includes('citizen') && user.idNumber ? { citizenIdNumber: user.idNumber } : {}),
  };
}

/**
 * Checks a username and password. Attempts are throttled per account (whichever of its names is
 * typed) and per address with a growing back-off kept in the database (throttle.rules.ts), each
 * taken before its password is checked; the answer to a wrong pair is the same whether or not
 * the user exists.
 */
export async function login(
  ctx: AppContext,
  input: { username: string; password: string },
  address: string,
): Promise<{ token: string; actor: Actor }> {
  const now = ctx.clock.now();
  const user = await findUserByUsername(ctx.db, input.username);
  const { wait, settled } = await takeAttempt(
    ctx.db,
    user?.username ?? input.username,
    address,
    now,
  );
  if (wait > 0) {
    throw new AppError('RATE_LIMITED', `登录失败次数过多，请 ${wait} 秒后再试`, undefined, wait);
  }
  try {
    // Verify against a dummy hash when the user is unknown: same answer, same time.
    const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
    // The attempt taken stays counted as a failure.
    if (!user || !ok || !user.active) throw unauthenticated();
    await recordSuccess(ctx.db, user.username, address, now);
  } finally {
    settled();
  }
  const expires = Math.floor(now.getTime() / 1000) + TOKEN_TTL_SECONDS;
  const payload = `${user.id}.${user.credentialVersion}.${expires}`;
  return {
    token: `${payload}.${ctx.signer.sign('login', payload)}`,
    actor: await actorOf(ctx, user),
  };
}

/**
 * Resolves a bearer token to the acting user. The user is cached for a few seconds; the user
 * service forgets it when it changes, so deactivation still applies on the next request
 * (user-cache.ts says exactly what is guaranteed).
 */
export async function authenticate(ctx: AppContext, token: string): Promise<Actor> {
  // Exactly the four parts `login` signs: nothing appended.
  const match = TOKEN.exec(token);
  if (!match) throw new AppError('UNAUTHENTICATED', '登录凭证无效');
  const [, userId, version, expires, signature] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  const signed = () => ctx.signer.verify('login', `${userId}.${version}.${expires}`, signature);
  if (!signatureValid(ctx.signer, token, signed)) {
    throw new AppError('UNAUTHENTICATED', '登录凭证无效');
  }
  const now = ctx.clock.now().getTime();
  // A signed expiry beyond one token lifetime from now was never issued by `login`.
  if (Number(expires) * 1000 > now + (TOKEN_TTL_SECONDS + 60) * 1000) {
    throw new AppError('UNAUTHENTICATED', '登录凭证无效');
  }
  if (Number(expires) * 1000 < now) {
    throw new AppError('UNAUTHENTICATED', '登录已过期，请重新登录');
  }
  const user = await cachedUser(ctx.db, userId, now, () => findUserById(ctx.db, userId));
  if (!user || !user.active) throw new AppError('UNAUTHENTICATED', '登录凭证无效');
  // A password reset or a deactivation since the token was issued ended its session.
  if (user.credentialVersion !== Number(version)) {
    throw new AppError('UNAUTHENTICATED', '登录凭证已失效，请重新登录');
  }
  return await actorOf(ctx, user);
}

/**
 * An existing, active staff user as an actor, without a password: for work the platform itself
 * does in that user's name at start-up (the demo's activity imported as its administrator).
 * Never reachable over HTTP.
 */
export async function actorOfUser(ctx: AppContext, username: string): Promise<Actor> {
  const user = await findUserByUsername(ctx.db, username);
  if (!user || !user.active) throw new AppError('NOT_FOUND', `没有可用的用户 ${username}`);
  return await actorOf(ctx, user);
}

/** The `user` object of CONTRACT.md, plus what the web app shows about the user. */
export function presentUser(actor: Actor) {
  return {
    username: actor.username,
    displayName: actor.displayName,
    roles: actor.roles,
    outletCode: actor.outlet?.code ?? null,
    outletName: actor.outlet?.name ?? null,
    outletCategory: actor.outlet?.category ?? null,
    scope: actor.scope,
    cityCode: actor.cityCode,
  };
}

/** Creates a staff account in the caller's transaction (first start, demo). */
export async function createAccount(
  tx: Tx,
  u: Omit<NewUser, 'passwordHash'> & { password: string },
): Promise<string> {
  const { password, ...rest } = u;
  return await insertUser(tx, { ...rest, passwordHash: await hashPassword(password) });
}

/**
 * Creates a citizen account in the caller's transaction: username = phone, the identity number
 * as a second login name, acting through its city's internet outlet. Password hashed as staff's.
 */
export async function createCitizenAccount(
  tx: Tx,
  c: {
    cityCode: string;
    phone: string;
    idNumber: string;
    name: string;
    password: string;
    outletCode: string;
  },
): Promise<string> {
  return await insertUser(tx, {
    cityCode: c.cityCode,
    username: c.phone,
    displayName: c.name,
    passwordHash: await hashPassword(c.password),
    roles: ['citizen'],
    outletCode: c.outletCode,
    scopeLevel: 'outlet',
    scopeCode: c.outletCode,
    idNumber: c.idNumber,
  });
}

/** Whether a phone or identity number already names an account (staff or citizen). */
export async function accountExists(db: DbOrTx, loginName: string) {
  return await loginNameTaken(db, loginName);
}

/** The signing secret an earlier version kept in the database, if any (see app/secrets.ts). */
export async function legacySecret(db: DbOrTx): Promise<string | undefined> {
  return await getSetting(db, LEGACY_SECRET);
}

export async function forgetLegacySecret(db: DbOrTx) {
  await deleteSetting(db, LEGACY_SECRET);
}

/**
 * A mark the platform keeps about itself (e.g. work still to finish after a first start), in
 * the settings this area owns.
 */
export const platformMark = {
  set: (db: DbOrTx, key: string) => putSetting(db, key, 'yes'),
  isSet: async (db: DbOrTx, key: string) => (await getSetting(db, key)) !== undefined,
  clear: (db: DbOrTx, key: string) => deleteSetting(db, key),
};
