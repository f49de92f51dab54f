import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bearer, TEST_CHECKPOINT_SIGNER, TestClock } from '../../../test/support/app.ts';
import { adminQuery, dropDatabase, withDatabase } from '../../../test/support/postgres.ts';
import { createDb, type Db } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { ConfigError, loadEnv } from '../env.ts';
import { Signer } from '../platform/signing.ts';
import { bootstrap, BootstrapError } from './bootstrap.ts';
import { REGISTRY } from './registry.ts';
import { buildApp } from './server.ts';

/**
 * CHEGUAN_DEMO=off on a database of its own (not the seeded template): the first start either
 * creates the administrator from CHEGUAN_ADMIN_PASSWORD or refuses, and nothing of the demo.
 */
const ADMIN_PASSWORD = 'first-admin-password';
const offEnv = (password?: string) => ({
  ...loadEnv({}),
  CHEGUAN_DEMO: 'off' as const,
  CHEGUAN_ADMIN_PASSWORD: password,
});

const adminUrl = inject('pgAdminUrl');
const name = `cheguan_clean_${process.pid}`;
let db: Db;

beforeAll(async () => {
  await dropDatabase(adminUrl, name);
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabase(adminUrl, name);
  await migrate(url);
  db = createDb(url, 3);
});
afterAll(async () => {
  await db?.destroy();
  await dropDatabase(adminUrl, name);
});

const count = async (table: 'users' | 'outlets' | 'regions' | 'organisations' | 'vehicles') =>
  (await db.selectFrom(table).select(db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;

describe('a clean install (CHEGUAN_DEMO=off)', () => {
  it('refuses a short administrator password as a configuration error', () => {
    expect(() => loadEnv({ CHEGUAN_ADMIN_PASSWORD: 'too-short' })).toThrow(ConfigError);
    expect(() => loadEnv({ CHEGUAN_ADMIN_PASSWORD: 'too-short' })).toThrow(
      'CHEGUAN_ADMIN_PASSWORD: must be at least 12 characters',
    );
  });

  it('stops the first start without CHEGUAN_ADMIN_PASSWORD, saying so, and leaves nothing behind', async () => {
    const start = bootstrap(db, offEnv(), REGISTRY);
    await expect(start).rejects.toThrow(BootstrapError);
    await expect(start).rejects.toThrow(/set CHEGUAN_ADMIN_PASSWORD/);
    expect(await count('users')).toBe('0');
    expect(await count('regions')).toBe('0');
  });

  it('creates the jurisdiction and one administrator, and no demo network or accounts', async () => {
    expect(await bootstrap(db, offEnv(ADMIN_PASSWORD), REGISTRY)).toEqual({
      demoSeeded: false,
      adminCreated: true,
    });
    const users = await db.selectFrom('users').selectAll().execute();
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({
      username: 'admin',
      roles: ['admin'],
      scope_level: 'city',
      scope_code: '520300',
      outlet_code: null,
    });
    expect(await count('outlets')).toBe('0');
    expect(await count('vehicles')).toBe('0');
    expect(await count('regions')).toBe('15'); // Zunyi and its 14 counties
    expect(await count('organisations')).toBe('15'); // the detachment and 14 brigades
    const record = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.created')
      .executeTakeFirstOrThrow();
    expect(record.actor).toBe('system');
    expect(JSON.stringify(record.details)).not.toContain(ADMIN_PASSWORD);
  });

  it('does it once: a later start needs no password and changes nothing', async () => {
    expect(await bootstrap(db, offEnv(), REGISTRY)).toEqual({
      demoSeeded: false,
      adminCreated: false,
    });
    // Even in demo mode: the demo is only ever created on an empty database.
    expect(await bootstrap(db, { ...loadEnv({}), CHEGUAN_DEMO: 'auto' }, REGISTRY)).toEqual({
      demoSeeded: false,
      adminCreated: false,
    });
    expect(await count('users')).toBe('1');
    expect(await count('outlets')).toBe('0');
  });

  it('gives a later start the defaults of policy keys it has never had, and keeps the others', async () => {
    const keys = async () =>
      (
        await db
          .selectFrom('policy_values')
          .select(['key', 'value', 'effective_from'])
          .where('city_code', 'is', null)
          .orderBy('key')
          .orderBy('effective_from')
          .execute()
      ).map((r) => JSON.stringify(r));
    const before = await keys();
    expect(before.length).toBeGreaterThan(1);
    // A database made by an older release that did not know one of the keys: the restart adds
    // that key's versions and writes nothing twice for the keys already there.
    const dropped = JSON.parse(before[0]!).key as string;
    await db.deleteFrom('policy_values').where('key', '=', dropped).execute();
    expect((await keys()).length).toBeLessThan(before.length);
    await bootstrap(db, offEnv(), REGISTRY);
    expect(await keys()).toEqual(before);
  });

  it('lets the administrator log in, load the network and create its staff', async () => {
    const env = offEnv();
    const app = await buildApp({
      db,
      clock: new TestClock(),
      checkpointSigner: TEST_CHECKPOINT_SIGNER,
      signer: new Signer(Buffer.from('clean-install-secret-clean-install!!')),
      env,
    });
    try {
      const login = async (username: string, password: string) =>
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username, password },
        });
      expect((await login('clerk.city', env.DEMO_PASSWORD)).statusCode).toBe(401);
      const admin = bearer((await login('admin', ADMIN_PASSWORD)).json().token);

      const imported = await app.inject({
        method: 'POST',
        url: '/api/v1/imports/outlets',
        headers: { ...admin, 'content-type': 'application/x-ndjson' },
        payload: [
          { code: '520302-CO-001', name: '遵义市车管所', category: 'city-office' },
          { code: '520322-PW-001', name: '娄山关派出所窗口', category: 'police-window' },
        ]
          .map((o, i) =>
            JSON.stringify({
              ...o,
              countyCode: i === 0 ? '520302' : '520322',
              organisationCode: i === 0 ? 'ZY-ZD' : 'ZY-DD-520322',
            }),
          )
          .join('\n'),
      });
      expect(imported.json()).toEqual({ imported: 2, rejected: [] });

      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin,
        payload: {
          username: 'li.window',
          displayName: '李窗口',
          roles: ['clerk'],
          scope: { level: 'outlet', code: '520322-PW-001' },
          password: 'window-clerk-password',
        },
      });
      expect(created.statusCode).toBe(201);
      const clerk = await login('li.window', 'window-clerk-password');
      expect(clerk.json().user).toMatchObject({ outletCode: '520322-PW-001', roles: ['clerk'] });
    } finally {
      await app.close();
    }
  });
});
