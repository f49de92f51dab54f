import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileEnv, type TestApp } from '../../../../test/support/app.ts';
import { createTestAppClient } from '../../../../test/support/schema.ts';
import { startPlatform } from '../../app/start.ts';
import { loadEnv } from '../../env.ts';
import { MARKER, settleLoads, transactionName } from './two-phase.ts';

/**
 * What a load stopped inside its two-phase commit leaves behind, settled the one consistent way:
 * committed when the load was decided or every group is prepared, rolled back otherwise.
 */
let t: TestApp;
let client: pg.Client;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ t, client, close } = await createTestAppClient());
});
afterAll(() => close());

/** Prepares a transaction of group `group` of `run` that writes the setting `test.<run>.<group>`. */
async function prepareGroup(run: string, group: number, groups: number, marker = false) {
  const c = new pg.Client({ connectionString: t.databaseUrl });
  await c.connect();
  try {
    await c.query('BEGIN');
    await c.query('INSERT INTO system_settings (key, value) VALUES ($1, $2)', [
      `test.${run}.${group}`,
      'x',
    ]);
    if (marker) {
      await c.query('INSERT INTO system_settings (key, value) VALUES ($1, $2)', [
        MARKER,
        JSON.stringify({ run }),
      ]);
    }
    await c.query(`PREPARE TRANSACTION '${transactionName(run, group, groups)}'`);
  } finally {
    await c.end();
  }
}

const written = async (run: string) =>
  (
    await client.query<{ key: string }>(
      `SELECT key FROM system_settings WHERE key LIKE $1 ORDER BY key`,
      [`test.${run}.%`],
    )
  ).rows.map((r) => r.key);

/** This database's prepared transactions (the server is shared with other test files). */
const prepared = async () =>
  (
    await client.query<{ gid: string }>(
      'SELECT gid FROM pg_prepared_xacts WHERE database = current_database() ORDER BY gid',
    )
  ).rows.map((r) => r.gid);

describe('settling a load stopped inside its two-phase commit', () => {
  it('rolls back a run of which a group never got prepared', async () => {
    await prepareGroup('aa01', 0, 3);
    await prepareGroup('aa01', 1, 3);
    expect(await settleLoads(client)).toEqual([
      'rolled back cheguan.generate.aa01.0.3',
      'rolled back cheguan.generate.aa01.1.3',
    ]);
    expect(await written('aa01')).toEqual([]);
  });

  it('commits a run whose groups are all prepared', async () => {
    for (const g of [0, 1, 2]) await prepareGroup('bb02', g, 3);
    expect(await settleLoads(client)).toHaveLength(3);
    expect(await written('bb02')).toEqual(['test.bb02.0', 'test.bb02.1', 'test.bb02.2']);
  });

  it('commits the rest of a run whose marker was committed, at the next start too', async () => {
    await prepareGroup('cc03', 0, 3);
    // The marker's group was committed, the other one as well, before the crash.
    await prepareGroup('cc03', 2, 3, true);
    await client.query(`COMMIT PREPARED '${transactionName('cc03', 2, 3)}'`);
    // The platform settles it as it starts, before its migrations.
    const platform = await startPlatform({
      ...loadEnv({}),
      ...fileEnv(t),
      DATABASE_URL: t.databaseUrl,
    });
    try {
      expect(await written('cc03')).toEqual(['test.cc03.0', 'test.cc03.2']);
      expect(await prepared()).toEqual([]);
    } finally {
      await platform.close();
      await client.query('DELETE FROM system_settings WHERE key = $1', [MARKER]);
    }
  });

  it('skips what another process, starting at the same time, settled first', async () => {
    await prepareGroup('dd04', 0, 1);
    const listed = await prepared();
    expect(await settleLoads(client)).toEqual(['committed cheguan.generate.dd04.0.1']);
    // The other process had listed it before it was committed.
    const late = {
      query: (text: string, values?: unknown[]) =>
        text.includes('pg_prepared_xacts')
          ? Promise.resolve({ rows: listed.map((gid) => ({ gid })) })
          : client.query(text, values),
    } as unknown as pg.Client;
    expect(await settleLoads(late)).toEqual([]);
    expect(await written('dd04')).toEqual(['test.dd04.0']);
  });

  it('leaves other prepared transactions alone', async () => {
    const c = new pg.Client({ connectionString: t.databaseUrl });
    await c.connect();
    await c.query('BEGIN');
    await c.query(`INSERT INTO system_settings (key, value) VALUES ('test.other', 'x')`);
    await c.query(`PREPARE TRANSACTION 'someone.else'`);
    await c.end();
    try {
      expect(await settleLoads(client)).toEqual([]);
      expect(await prepared()).toEqual(['someone.else']);
    } finally {
      await client.query(`ROLLBACK PREPARED 'someone.else'`);
    }
  });
});
