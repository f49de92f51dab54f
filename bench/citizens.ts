/**
 * Citizen accounts for the citizen-me workload: real-name accounts of demo vehicle owners (the
 * vehicle registry is what the real-name check matches), written as registration writes them,
 * then logged in through POST /auth/login like the app does. Outside the measurement.
 */
import { findUserByUsername, insertUser } from '../server/src/auth/auth.repository.ts';
import { hashPassword } from '../server/src/auth/password.ts';
import type { Platform } from '../server/src/app/start.ts';
import { insertCitizen } from '../server/src/citizens/citizens.repository.ts';
import { internetOutletOf } from '../server/src/network/network.service.ts';
import { log } from './log.ts';
import type { Subject } from './workloads.ts';

const CITIZEN_PASSWORD = 'bench-citizen-1';

/** The n-th bench phone: 199 and eight digits, never a demo phone. */
const benchPhone = (runId: string, n: number) =>
  `199${String((parseInt(runId.slice(0, 4), 16) * 10_000 + n) % 100_000_000).padStart(8, '0')}`;

/** Registers up to `count` distinct owners as citizens; returns their login names. */
export async function seedCitizens(
  platform: Platform,
  owners: Subject[],
  count: number,
  runId: string,
): Promise<string[]> {
  const people = [...new Map(owners.map((o) => [o.idNumber, o])).values()].slice(0, count);
  const phones = await registerCitizens(
    platform,
    people.map((p, n) => ({ ...p, phone: benchPhone(runId, n), matchedIn: 'vehicle' as const })),
  );
  log(`registered ${phones.length} citizen accounts`);
  return phones;
}

/** bench:lists' citizen: 199 and eight nines, which no demo account and no `benchPhone` uses. */
export const SCREEN_CITIZEN_PHONE = '19999999999';

/**
 * The citizen whose own screen bench:lists times: a licence holder, registered once per data
 * directory (a later run logs the same account in). The person must have no account yet.
 */
export async function screenCitizen(
  platform: Platform,
  holder: { idNumber: string; name: string },
): Promise<{ username: string; password: string }> {
  if (!(await findUserByUsername(platform.ctx.db, SCREEN_CITIZEN_PHONE))) {
    await registerCitizens(platform, [
      { ...holder, phone: SCREEN_CITIZEN_PHONE, matchedIn: 'licence' },
    ]);
  }
  return { username: SCREEN_CITIZEN_PHONE, password: CITIZEN_PASSWORD };
}

/** Writes the people's accounts as registration writes them, in one transaction. */
async function registerCitizens(
  platform: Platform,
  people: { idNumber: string; name: string; phone: string; matchedIn: 'licence' | 'vehicle' }[],
): Promise<string[]> {
  const db = platform.ctx.db;
  const city = '520300';
  const outlet = await internetOutletOf(db, city);
  if (!outlet) throw new Error('the bench city has no internet outlet');
  const passwordHash = await hashPassword(CITIZEN_PASSWORD);
  const now = platform.ctx.clock.now();
  const phones: string[] = [];
  await db.transaction().execute(async (tx) => {
    for (const p of people) {
      const { phone } = p;
      const userId = await insertUser(tx, {
        cityCode: city,
        username: phone,
        displayName: p.name,
        passwordHash,
        roles: ['citizen'],
        outletCode: outlet.code,
        scopeLevel: 'outlet',
        scopeCode: outlet.code,
        idNumber: p.idNumber,
      });
      await insertCitizen(tx, {
        cityCode: city,
        userId,
        idNumber: p.idNumber,
        name: p.name,
        phone,
        matchedIn: p.matchedIn,
        at: now,
      });
      phones.push(phone);
    }
  });
  return phones;
}

/** Logs the citizens in, a few at a time (each login verifies a scrypt hash). */
export async function loginCitizens(base: string, phones: string[]): Promise<string[]> {
  const tokens = new Array<string>(phones.length);
  let next = 0;
  const worker = async () => {
    while (next < phones.length) {
      const i = next++;
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: phones[i], password: CITIZEN_PASSWORD }),
      });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`citizen login failed: HTTP ${res.status} ${text}`);
      tokens[i] = (JSON.parse(text) as { token: string }).token;
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return tokens;
}
