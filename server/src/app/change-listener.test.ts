import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { vin } from '../../../test/support/factories.ts';
import { dueDate } from '../catalog/working-days.ts';
import { parseNotice, type ChangeListener } from '../db/change-notices.ts';
import { createDb, type Db } from '../db/database.ts';
import { forgetOnChanges } from './change-listener.ts';
import { buildApp } from './server.ts';

/**
 * A second server process on the same database, as a cluster worker is: its own pool (the
 * caches are kept per pool), its own HTTP app, the same frozen clock — so a cached user never
 * expires during a test, and only a change notice can make the process read it again.
 */
interface OtherProcess {
  db: Db;
  /** What the listener reported (a lost connection). */
  errors: Error[];
  app: FastifyInstance;
  listener: ChangeListener | null;
  close(): Promise<void>;
}

async function otherProcess(t: TestApp, listening: boolean): Promise<OtherProcess> {
  const db = createDb(t.databaseUrl, 2);
  const errors: Error[] = [];
  const app = await buildApp({ ...t.ctx, db });
  const listener = listening ? forgetOnChanges(db, t.databaseUrl, (e) => errors.push(e)) : null;
  await listener?.ready;
  return {
    db,
    errors,
    app,
    listener,
    async close() {
      await app.close();
      await listener?.close();
      await db.destroy();
    },
  };
}

let t: TestApp;
let listening: OtherProcess;
let deaf: OtherProcess;
beforeAll(async () => {
  t = await createTestApp();
  listening = await otherProcess(t, true);
  deaf = await otherProcess(t, false);
});
afterAll(async () => {
  await listening?.close();
  await deaf?.close();
  await t?.close();
});

const me = (p: OtherProcess, token: string) =>
  p.app.inject({ url: '/api/v1/me', headers: bearer(token) });

/** A temporary plate for a new VIN, taken in by the token's clerk through process `p`. */
const tempPlateIn = (
  p: OtherProcess,
  token: string,
  days = 30,
  insuranceValidUntil = '2027-11-25',
) =>
  p.app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: bearer(token),
    payload: {
      businessType: 'vehicle.temp-plate',
      applicant: { idNumber: '520302199003070015', name: '张三' },
      data: { vin: vin(), purpose: 'unregistered', days, insuranceValidUntil },
    },
  });

describe('change notices between the server processes of one database', () => {
  it('ends a deactivated user’s session in every listening process, not after the cache expires', async () => {
    const token = await t.login('clerk.exam');
    expect((await me(listening, token)).statusCode).toBe(200);
    expect((await me(deaf, token)).statusCode).toBe(200); // both have the user cached now

    const admin = await t.login('admin');
    const off = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users/clerk.exam/deactivation',
      headers: bearer(admin),
    });
    expect(off.statusCode).toBe(200);

    // The notice arrives a moment after the commit; the clock stands still, so nothing else
    // could make the listening process read the user again.
    await expect.poll(async () => (await me(listening, token)).statusCode).toBe(401);
    // A process that does not listen answers from its cache until the entry expires.
    expect((await me(deaf, token)).statusCode).toBe(200);
  });

  it('gives the listening processes a changed calendar', async () => {
    const due = (p: OtherProcess = listening) => dueDate(p.db, p.db, '2026-12-07', 1);
    const before = await due(); // now cached in both
    expect(await due(deaf)).toBe(before);
    const admin = await t.login('admin');
    const set = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/calendar/${before}`,
      headers: bearer(admin),
      payload: { kind: 'holiday', name: '测试假日' },
    });
    expect(set.statusCode).toBe(204);
    // The due day was a working day; as a holiday it no longer counts.
    await expect.poll(() => due()).not.toBe(before);
    expect(await due(deaf)).toBe(before);
  });

  it('stops a suspended outlet’s next application in every listening process', async () => {
    const token = await t.login('clerk.dealer');
    const tempPlate = (p: OtherProcess) => tempPlateIn(p, token);
    // Each process has decided with the dealer's standing and grants: both remember them now.
    expect((await tempPlate(listening)).statusCode).toBe(201);
    expect((await tempPlate(deaf)).statusCode).toBe(201);

    const suspended = await t.app.inject({
      method: 'POST',
      url: '/api/v1/outlets/520303-DL-001/suspension',
      headers: bearer(await t.login('admin')),
      payload: { reason: '临牌核发数据异常' },
    });
    expect(suspended.statusCode).toBe(200);
    await expect.poll(async () => (await tempPlate(listening)).statusCode).toBe(422);
    // A process that does not listen decides from what it remembers until the entry expires.
    expect((await tempPlate(deaf)).statusCode).toBe(201);
  });

  it('gives the listening processes a policy version that takes effect today', async () => {
    // A day of its own, years ahead: no other decision is made under this version.
    t.clock.set('2031-05-05T09:00:00+08:00');
    try {
      const token = await t.login('clerk.city');
      const tempPlate = (p: OtherProcess) => tempPlateIn(p, token, 20, '2032-01-01');
      expect((await tempPlate(listening)).statusCode).toBe(201);
      expect((await tempPlate(deaf)).statusCode).toBe(201); // both remember the day's policy
      const add = await t.app.inject({
        method: 'POST',
        url: '/api/v1/policies',
        headers: bearer(await t.login('admin')),
        payload: {
          key: 'temp-plate.unregistered.max-days',
          value: 10,
          effectiveFrom: '2031-05-05',
        },
      });
      expect(add.statusCode).toBe(201);
      await expect.poll(async () => (await tempPlate(listening)).statusCode).toBe(422);
      expect((await tempPlate(deaf)).statusCode).toBe(201);
    } finally {
      t.clock.set();
    }
  });

  it('forgets everything after its connection was lost, since notices may have been missed', async () => {
    const token = await t.login('clerk.city');
    expect((await me(listening, token)).statusCode).toBe(200);
    // SQL by hand sends no notice; then the listening connection is cut.
    await sql`update users set active = false where username = 'clerk.city'`.execute(t.ctx.db);
    expect((await me(listening, token)).statusCode).toBe(200);
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
              where datname = current_database() and query = 'LISTEN cheguan_changes'`.execute(
      t.ctx.db,
    );
    await expect.poll(async () => (await me(listening, token)).statusCode).toBe(401);
    expect(listening.errors.map((e) => (e as { code?: string }).code)).toContain('57P01');
  });

  it('reports an outage once, not at every try to connect again', async () => {
    const errors: Error[] = [];
    // A port nothing listens on: every try, one a second, is refused.
    const url = t.databaseUrl.replace(/@[^/]+\//, '@127.0.0.1:1/');
    const unreachable = forgetOnChanges(t.ctx.db, url, (e) => errors.push(e));
    try {
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      // Refused (TCP) or no socket file (a Unix socket's path with port 1): one report either way.
      expect(errors).toHaveLength(1);
    } finally {
      await unreachable.close();
    }
  });

  it('reads only the notices it knows', () => {
    expect(parseNotice('user:42')).toEqual({ topic: 'user', key: '42' });
    expect(parseNotice('calendar')).toEqual({ topic: 'calendar' });
    expect(parseNotice('delegation')).toEqual({ topic: 'delegation' });
    expect(parseNotice('policy')).toEqual({ topic: 'policy' });
    expect(parseNotice('outlet:520302-CO-001')).toBeNull();
    expect(parseNotice('')).toBeNull();
  });
});
