/**
 * Bench users: one clerk per outlet of each kind that does a workload's business — police
 * windows (行驶证 reissues, violation handling), dealers (registrations, temporary plates),
 * used-car markets (transfers), banks (mortgages), post points (inspection marks) and exam sites
 * (exam results).
 */
import type { OutletCategory } from '#shared/catalog.ts';
import { findUserByUsername, insertUser } from '../server/src/auth/auth.repository.ts';
import { hashPassword } from '../server/src/auth/password.ts';
import type { Platform } from '../server/src/app/start.ts';
import { KINDS, type Kind } from './workloads.ts';

const BENCH_PASSWORD = 'bench-password-1';

/** The outlets of each kind of business. */
const CATEGORY: Record<Kind, OutletCategory> = {
  register: 'dealer',
  transfer: 'used-car-market',
  mortgage: 'bank',
  'licence-reissue': 'police-window',
  'inspection-mark': 'post',
  'temp-plate': 'dealer',
  'violation-handle': 'police-window',
  'driver-licence-reissue': 'post',
  'exam-result': 'exam-site',
};

export async function createClerks(
  platform: Platform,
  /** Only the first n outlets of each kind (all when null). */
  limit: number | null = null,
): Promise<Record<Kind, string[]>> {
  const db = platform.ctx.db;
  const outlets = await db
    .selectFrom('outlets')
    .select(['code', 'category', 'city_code'])
    .where('category', 'in', [...new Set(Object.values(CATEGORY))])
    .where('status', '=', 'active')
    .orderBy('code')
    .execute();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  // On an existing data directory (--data-dir) an earlier run's clerks are there already.
  const existing = new Set(
    (
      await db.selectFrom('users').select('username').where('username', 'like', 'bench.%').execute()
    ).map((u) => u.username),
  );
  for (const o of outlets) {
    if (!existing.has(`bench.${o.code}`)) await insertClerk(platform, o, passwordHash);
  }
  return Object.fromEntries(
    KINDS.map((kind) => [
      kind,
      outlets
        .filter((o) => o.category === CATEGORY[kind])
        .slice(0, limit ?? undefined)
        .map((o) => o.code),
    ]),
  ) as Record<Kind, string[]>;
}

type OutletRef = { code: string; city_code: string };

const insertClerk = (platform: Platform, o: OutletRef, passwordHash: string) =>
  insertUser(platform.ctx.db, {
    cityCode: o.city_code,
    username: `bench.${o.code}`,
    displayName: 'bench',
    passwordHash,
    roles: ['clerk'],
    outletCode: o.code,
    scopeLevel: 'outlet',
    scopeCode: o.code,
  });

/** The bench clerk of one outlet, made when an earlier run has not: its login. */
export async function benchClerk(
  platform: Platform,
  o: OutletRef,
): Promise<{ username: string; password: string }> {
  const username = `bench.${o.code}`;
  if (!(await findUserByUsername(platform.ctx.db, username))) {
    await insertClerk(platform, o, await hashPassword(BENCH_PASSWORD));
  }
  return { username, password: BENCH_PASSWORD };
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  const text = await res.text();
  if (res.status !== 200)
    throw new Error(`login of ${username} failed: HTTP ${res.status} ${text}`);
  return (JSON.parse(text) as { token: string }).token;
}

/** Logs every clerk in, a few at a time (each login verifies a scrypt hash). */
export async function loginAll(base: string, codes: string[]): Promise<string[]> {
  const tokens: string[] = new Array<string>(codes.length);
  let next = 0;
  const worker = async () => {
    while (next < codes.length) {
      const i = next++;
      tokens[i] = await login(base, `bench.${codes[i]!}`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return tokens;
}
