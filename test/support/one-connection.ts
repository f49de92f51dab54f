import pg from 'pg';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createPool } from '../../server/src/db/database.ts';
import { createTestApp, type TestApp } from './app.ts';

/**
 * A pool of one connection over a test database, with a probe table of integers and a plain
 * client that sees only what the pool's transactions committed. Every checkout gets the same
 * client (and session), so its socket writes can be counted. Registers the file's hooks: the
 * table is emptied after each test and dropped at the end.
 */
export function oneConnection(table: string) {
  const state = {} as { t: TestApp; pool: pg.Pool; observer: pg.Client };
  beforeAll(async () => {
    state.t = await createTestApp();
    state.pool = createPool(state.t.databaseUrl, 1);
    state.observer = new pg.Client({ connectionString: state.t.databaseUrl });
    await state.observer.connect();
    await state.observer.query(`CREATE TABLE ${table} (n int PRIMARY KEY)`);
  });
  afterEach(async () => {
    await state.observer.query(`TRUNCATE ${table}`);
  });
  afterAll(async () => {
    await state.observer.query(`DROP TABLE ${table}`);
    await state.observer.end();
    await state.pool.end();
    await state.t.close();
  });
  return {
    databaseUrl: () => state.t.databaseUrl,
    pool: () => state.pool,
    observer: () => state.observer,
    /**
     * Runs `test` with the socket writes of the pool's one client counted (it is checked out
     * and given back first, so the test's own checkouts get it); answers their number.
     */
    countingWrites: async (test: (counted: { writes: number }) => Promise<void>) => {
      const c = await state.pool.connect();
      const { counted, restore } = countWrites(c);
      c.release();
      try {
        await test(counted);
      } finally {
        restore();
      }
      return counted.writes;
    },
    /** The probe table's numbers, in order, as committed. */
    probe: async () =>
      (await state.observer.query<{ n: number }>(`SELECT n FROM ${table} ORDER BY n`)).rows.map(
        (r) => r.n,
      ),
  };
}

/** Counts the writes a client makes to its socket (a corked burst is one) until `restore`. */
export function countWrites(client: pg.PoolClient) {
  const stream = (client as unknown as { connection: { stream: Record<string, unknown> } })
    .connection.stream;
  const counted = { writes: 0 };
  for (const method of ['_write', '_writev'] as const) {
    const original = stream[method] as (...a: unknown[]) => unknown;
    stream[method] = function (this: unknown, ...a: unknown[]) {
      counted.writes++;
      return original.apply(this, a);
    };
  }
  return {
    counted,
    restore: () => {
      delete stream._write;
      delete stream._writev;
    },
  };
}
