import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { compiledQuery } from './compiled-query.ts';
import { createPool } from './database.ts';
import { pipelined } from './pipelined.ts';
import type { Database } from './types.ts';

let t: TestApp;
let pool: pg.Pool;
let observer: pg.Client;
beforeAll(async () => {
  t = await createTestApp();
  // One connection, so that its socket writes can be counted.
  pool = createPool(t.databaseUrl, 1);
  observer = new pg.Client({ connectionString: t.databaseUrl });
  await observer.connect();
  await observer.query('CREATE TABLE pipelined_probe (n int PRIMARY KEY)');
});
afterEach(async () => {
  await observer.query('TRUNCATE pipelined_probe');
});
afterAll(async () => {
  await observer.query('DROP TABLE pipelined_probe');
  await observer.end();
  await pool.end();
  await t.close();
});

const db = () => new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
const probe = async () =>
  (await observer.query<{ n: number }>('SELECT n FROM pipelined_probe ORDER BY n')).rows.map(
    (r) => r.n,
  );
const byN = compiledQuery((k, v: { n: number }) =>
  k
    .selectFrom(sql<{ n: number }>`pipelined_probe`.as('p'))
    .select('p.n')
    .where('p.n', '=', v.n),
);
const insert = (n: number) => sql`INSERT INTO pipelined_probe VALUES (${n})`;

/** Counts the socket writes of the pool's one client while `test` runs. */
async function counting(test: () => Promise<void>) {
  const c = await pool.connect();
  const stream = (c as unknown as { connection: { stream: Record<string, unknown> } }).connection
    .stream;
  const counted = { writes: 0 };
  for (const method of ['_write', '_writev'] as const) {
    const original = stream[method] as (...a: unknown[]) => unknown;
    stream[method] = function (this: unknown, ...a: unknown[]) {
      counted.writes++;
      return original.apply(this, a);
    };
  }
  c.release();
  try {
    await test();
  } finally {
    delete stream._write;
    delete stream._writev;
  }
  return counted.writes;
}

describe('a pipelined transaction', () => {
  it('sends statements issued together in one write, where Kysely sends one per answer', async () => {
    await observer.query('INSERT INTO pipelined_probe VALUES (1), (2), (3)');
    const read = (tx: Parameters<typeof byN>[0]) =>
      Promise.all([byN(tx, { n: 1 }), byN(tx, { n: 2 }), byN(tx, { n: 4 })]);
    let answers: unknown;
    const plain = await counting(() =>
      db()
        .transaction()
        .execute(async (tx) => {
          answers = await read(tx);
        }),
    );
    // BEGIN with the first read, then each read after the answer before it, then COMMIT.
    expect(plain).toBe(4);
    expect(answers).toEqual([[{ n: 1 }], [{ n: 2 }], []]);
    const together = await counting(() =>
      db()
        .transaction()
        .execute(async (tx) => {
          answers = await read(await pipelined(tx));
        }),
    );
    expect(together).toBe(2);
    expect(answers).toEqual([[{ n: 1 }], [{ n: 2 }], []]);
  });

  it('runs them in the order issued, each seeing the writes issued before it', async () => {
    const seen = await db()
      .transaction()
      .execute(async (tx) => {
        const p = await pipelined(tx);
        const [, before, , after] = await Promise.all([
          insert(5).execute(p),
          byN(p, { n: 6 }),
          insert(6).execute(p),
          byN(p, { n: 6 }),
        ]);
        return { before, after };
      });
    expect(seen).toEqual({ before: [], after: [{ n: 6 }] });
    expect(await probe()).toEqual([5, 6]);
  });

  it('rolls back all of it when one statement fails, and the connection goes on', async () => {
    await observer.query('INSERT INTO pipelined_probe VALUES (1)');
    const failed = db()
      .transaction()
      .execute(async (tx) => {
        const p = await pipelined(tx);
        await Promise.all([insert(2).execute(p), insert(1).execute(p), insert(3).execute(p)]);
      });
    await expect(failed).rejects.toMatchObject({ code: '23505' });
    expect(await probe()).toEqual([1]);
    await db()
      .transaction()
      .execute(async (tx) => {
        await insert(4).execute(await pipelined(tx));
      });
    expect(await probe()).toEqual([1, 4]);
  });

  it('refuses statements after its transaction has ended', async () => {
    let kept: Awaited<ReturnType<typeof pipelined>> | undefined;
    await db()
      .transaction()
      .execute(async (tx) => {
        kept = await pipelined(tx);
      });
    await expect(byN(kept!, { n: 1 })).rejects.toThrow(/already committed/);
  });
});
