/**
 * Citizen accounts for the citizen-me workload: real-name accounts of demo vehicle owners (the
 * vehicle registry is what the real-name check matches), written as registration writes them,
 * then logged in through POST /auth/login like the app does. Outside the measurement.
 */
import { insertUser } from '../server/src/auth/auth.repository.ts';
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
  const db = platform.ctx.db;
  const city = '520300';
  const outlet = await internetOutletOf(db, city);
  if (!outlet) throw new Error('the bench city has no internet outlet');
  const passwordHash = await hashPassword(CITIZEN_PASSWORD);
  const people = [...new Map(owners.map((o) => [o.idNumber, o])).values()].slice(0, count);
  const now = platform.ctx.clock.now();
  const phones: string[] = [];
  await db.transaction().execute(async (tx) => {
    for (const [n, p] of people.entries()) {
      const phone = benchPhone(runId, n);
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
        matchedIn: 'vehicle',
        at: now,
      });
      phones.push(phone);
    }
  });
  log(`registered ${phones.length} citizen accounts`);
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
