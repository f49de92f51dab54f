import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { createVehicle } from '../../../test/support/factories.ts';
import { holdConnection } from '../../../test/support/pool.ts';
import { buildApp } from '../app/server.ts';
import { USER_TTL_MS } from '../auth/user-cache.ts';
import { compiledQuery, readTogether } from './compiled-query.ts';
import { createDb, type Db } from './database.ts';

let t: TestApp;
/** A plain pg client, outside the handles under test. */
let observer: pg.Client;
beforeAll(async () => {
  t = await createTestApp();
  observer = new pg.Client({ connectionString: t.databaseUrl });
  await observer.connect();
  await observer.query('CREATE TABLE lane_probe (n int PRIMARY KEY)');
});
afterAll(async () => {
  await observer.query('DROP TABLE lane_probe');
  await observer.end();
  await t.close();
});

/** A named statement (compiledQuery registers its text): which backend answered. */
const backend = compiledQuery((db, v: { n: number }) =>
  db.selectNoFrom([sql<number>`pg_backend_pid()`.as('pid'), sql<number>`${v.n}::int`.as('n')]),
);
/** A named statement that fails for n = 0 (division by zero), and answers 1 / n otherwise. */
const inverse = compiledQuery((db, v: { n: number }) =>
  db.selectNoFrom(sql<number>`1.0 / ${v.n}::int`.as('x')),
);
/** Named, but a write and a locking read: they could wait for a row lock, so not on a lane. */
const insertProbe = compiledQuery((db, v: { n: number }) =>
  db.insertInto('lane_probe' as never).values({ n: v.n } as never),
);
const lockProbe = compiledQuery((db, v: { n: number }) =>
  db
    .selectFrom('lane_probe' as never)
    .select(sql<number>`n`.as('n'))
    .where(sql`n`, '=', v.n)
    .forUpdate(),
);
const probe = compiledQuery((db, v: { n: number }) =>
  db
    .selectFrom('lane_probe' as never)
    .select(sql<number>`n`.as('n'))
    .where(sql`n`, '=', v.n),
);

async function withDb(lanes: number, test: (db: Db) => Promise<void>, poolSize = 2) {
  const db = createDb(t.databaseUrl, poolSize, {
    onIdleError: () => undefined,
    acquireTimeoutMs: 300,
    lanes,
  });
  try {
    await test(db);
  } finally {
    await db.destroy();
  }
}

describe('the read lanes', () => {
  it('answer the named reads of concurrent callers on one shared connection', async () => {
    await withDb(2, async (db) => {
      const answers = await Promise.all(Array.from({ length: 12 }, (_, n) => backend(db, { n })));
      expect(answers.map((a) => a[0]!.n)).toEqual(Array.from({ length: 12 }, (_, n) => n));
      // Sent in one pass of the event loop: one lane, one backend.
      expect(new Set(answers.map((a) => a[0]!.pid)).size).toBe(1);
    });
  });

  it('answer while every pool connection is taken, which writes and other statements wait for', async () => {
    await withDb(
      1,
      async (db) => {
        const release = await holdConnection(db);
        try {
          expect((await backend(db, { n: 7 }))[0]!.n).toBe(7);
          // Not a named statement, a named write, a named locking read: each needs the pool's
          // only connection, and times out.
          await expect(sql`SELECT 1`.execute(db)).rejects.toThrow(/timeout/);
          await expect(insertProbe(db, { n: 1 })).rejects.toThrow(/timeout/);
          await expect(lockProbe(db, { n: 1 })).rejects.toThrow(/timeout/);
        } finally {
          await release();
        }
      },
      1,
    );
  });

  it('serve the registry read by plate, token check included, with the pool all taken', async () => {
    const car = await createVehicle(t.ctx.db);
    const token = await t.login('admin');
    await withDb(
      2,
      async (db) => {
        const app = await buildApp({ ...t.ctx, db });
        const read = () =>
          app.inject({
            url: `/api/v1/vehicles/by-plate/${encodeURIComponent(car.plate)}`,
            headers: bearer(token),
          });
        // The first read fills the caches it reads through (the network's jurisdictions); past
        // the user cache's life, the token's user is read again.
        expect((await read()).statusCode).toBe(200);
        t.clock.set(new Date(t.clock.now().getTime() + USER_TTL_MS + 1000).toISOString());
        const release = await holdConnection(db);
        try {
          // Every statement of the read is a lane's: one that needed the pool would time out.
          const res = await read();
          expect(res.statusCode).toBe(200);
          expect(res.json().vin).toBe(car.vin);
        } finally {
          await release();
          await app.close();
          t.clock.set();
        }
      },
      1,
    );
  });

  it('keep a failure to its own statement: the reads sent with it are answered', async () => {
    await withDb(1, async (db) => {
      const settled = await Promise.allSettled([
        inverse(db, { n: 4 }),
        inverse(db, { n: 0 }),
        inverse(db, { n: 2 }),
        readTogether(db, [inverse.read({ n: 5 }), backend.read({ n: 1 })]),
      ]);
      expect(settled.map((s) => s.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      expect((settled[1] as PromiseRejectedResult).reason.message).toMatch(/division by zero/);
      expect(Number((settled[2] as PromiseFulfilledResult<{ x: number }[]>).value[0]!.x)).toBe(0.5);
    });
  });

  it('leave transactions on their own connection, which sees its uncommitted rows', async () => {
    await withDb(1, async (db) => {
      const lane = (await backend(db, { n: 1 }))[0]!.pid;
      await db
        .transaction()
        .execute(async (tx) => {
          await sql`INSERT INTO lane_probe (n) VALUES (41)`.execute(tx);
          const [inside] = await backend(tx, { n: 2 });
          expect(inside!.pid).not.toBe(lane);
          expect(await probe(tx, { n: 41 })).toEqual([{ n: 41 }]);
          // The lane, outside the transaction, does not see it yet.
          expect(await probe(db, { n: 41 })).toEqual([]);
          throw new Error('roll back');
        })
        .catch(() => undefined);
      expect(await probe(db, { n: 41 })).toEqual([]);
    });
  });

  it('open a new connection when theirs was lost', async () => {
    await withDb(1, async (db) => {
      const before = (await backend(db, { n: 1 }))[0]!.pid;
      await observer.query('SELECT pg_terminate_backend($1)', [before]);
      // The lane hears of it when its connection ends; a read sent meanwhile may fail with it.
      await new Promise((r) => setTimeout(r, 100));
      const after = (await backend(db, { n: 2 }))[0]!;
      expect(after.n).toBe(2);
      expect(after.pid).not.toBe(before);
    });
  });

  it('close with the handle, leaving no connection behind', async () => {
    let lane = 0;
    await withDb(2, async (db) => {
      lane = (await backend(db, { n: 1 }))[0]!.pid;
    });
    // The backend exits once it has read the end of its connection.
    const alive = async () =>
      (await observer.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [lane])).rowCount;
    for (let i = 0; i < 50 && (await alive()); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await alive()).toBe(0);
  });

  it('are off with 0: every statement takes a pool connection', async () => {
    await withDb(
      0,
      async (db) => {
        const [pid] = await backend(db, { n: 1 });
        const [pool] = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db))
          .rows;
        expect(pid!.pid).toBe(pool!.pid);
      },
      1,
    );
  });
});
