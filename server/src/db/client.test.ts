import { Kysely, PostgresDialect, sql } from 'kysely';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { countWrites, oneConnection } from '../../../test/support/one-connection.ts';
import { compiledQuery, readTogether } from './compiled-query.ts';
import { WRITE_BEHIND } from './client.ts';
import { createDb } from './database.ts';
import type { Database } from './types.ts';

const one = oneConnection('client_probe');
const probe = one.probe;

/**
 * Runs a test on a client of the pool with its socket writes counted; afterwards the client goes
 * back outside any transaction (a failed assertion must not hand the next test an open one).
 */
async function onClient(test: (c: pg.PoolClient, counted: { writes: number }) => Promise<void>) {
  const c = await one.pool().connect();
  const { counted, restore } = countWrites(c);
  try {
    await test(c, counted);
  } finally {
    restore();
    await c.query('rollback').catch(() => undefined);
    c.release();
  }
}

describe('the pool client', () => {
  it('sends a transaction’s BEGIN in the same socket write as its first statement', async () => {
    await onClient(async (c, counted) => {
      await c.query('begin');
      expect(counted.writes).toBe(0);
      expect(c.getTransactionStatus()).toBe('I');

      const inserted = await c.query(
        'INSERT INTO client_probe VALUES ($1), ($2) RETURNING n',
        [1, 2],
      );
      expect(inserted.rows).toEqual([{ n: 1 }, { n: 2 }]);
      expect(counted.writes).toBe(1);
      expect(c.getTransactionStatus()).toBe('T');
      // Inside a transaction: not visible to anyone else before the commit.
      expect(await probe()).toEqual([]);

      await c.query('INSERT INTO client_probe VALUES ($1)', [3]);
      expect(counted.writes).toBe(2);
      await c.query('commit');
      expect(c.getTransactionStatus()).toBe('I');
      expect(await probe()).toEqual([1, 2, 3]);
    });
  });

  it('answers a failed first statement with its error and rolls the transaction back', async () => {
    await onClient(async (c) => {
      await c.query('INSERT INTO client_probe VALUES (1)');
      await c.query('start transaction isolation level repeatable read');
      await expect(
        c.query('INSERT INTO client_probe VALUES ($1), ($2)', [2, 1]),
      ).rejects.toMatchObject({ code: '23505' });
      // The BEGIN did open the transaction, which the failure aborted. (pg answers a failure at
      // its error message, before the ReadyForQuery that carries the status; over TCP that can
      // come in a later read, so the status is not asserted here.)
      await expect(c.query('SELECT 1')).rejects.toMatchObject({ code: '25P02' });
      await c.query('rollback');
      expect(c.getTransactionStatus()).toBe('I');
      // The connection goes on, outside any transaction.
      await c.query('INSERT INTO client_probe VALUES (4)');
      expect(await probe()).toEqual([1, 4]);
    });
  });

  it('sends nothing for a transaction without statements, and leaves no BEGIN behind', async () => {
    await onClient(async (c, counted) => {
      await c.query('begin');
      expect((await c.query('commit')).command).toBe('COMMIT');
      await c.query('BEGIN');
      expect((await c.query('ROLLBACK')).command).toBe('ROLLBACK');
      expect(counted.writes).toBe(0);
      await c.query('INSERT INTO client_probe VALUES (1)');
      expect(c.getTransactionStatus()).toBe('I');
      expect(await probe()).toEqual([1]);
    });
  });

  it('sends the statements of one turn of the event loop in one socket write', async () => {
    await onClient(async (c, counted) => {
      const [inserted, counted2] = await Promise.all([
        c.query('INSERT INTO client_probe VALUES ($1) RETURNING n', [1]),
        c.query('SELECT count(*)::int AS n FROM client_probe'),
      ]);
      expect(inserted.rows).toEqual([{ n: 1 }]);
      // In order: the count sees the row inserted before it.
      expect(counted2.rows).toEqual([{ n: 1 }]);
      expect(counted.writes).toBe(1);
      // Awaited one after the other, each takes its own.
      await c.query('SELECT 1');
      await c.query('SELECT 2');
      expect(counted.writes).toBe(3);
    });
  });

  it('forgets a BEGIN held when its client goes back to the pool', async () => {
    const c = await one.pool().connect();
    await c.query('begin');
    c.release();
    const again = await one.pool().connect();
    try {
      expect(again).toBe(c);
      await again.query('INSERT INTO client_probe VALUES (7)');
      expect(again.getTransactionStatus()).toBe('I');
      expect(await probe()).toEqual([7]);
    } finally {
      again.release();
    }
  });
});

describe('statements written behind', () => {
  const behind = `${WRITE_BEHIND} INSERT INTO client_probe VALUES ($1)`;

  it('go out with the COMMIT, in one socket write, or with the next statement, in order', async () => {
    await onClient(async (c, counted) => {
      await c.query('begin');
      await c.query('INSERT INTO client_probe VALUES (1)');
      expect(counted.writes).toBe(1);
      expect((await c.query(behind, [2])).rows).toEqual([]);
      expect(counted.writes).toBe(1);
      // The next statement sees the row written behind it.
      const seen = await c.query('SELECT count(*)::int AS n FROM client_probe');
      expect(seen.rows).toEqual([{ n: 2 }]);
      expect(counted.writes).toBe(2);
      await c.query(behind, [3]);
      await c.query('commit');
      expect(counted.writes).toBe(3);
      expect(c.getTransactionStatus()).toBe('I');
      expect(await probe()).toEqual([1, 2, 3]);
    });
  });

  it('are sent at once outside a transaction, and dropped unsent by a rollback', async () => {
    await onClient(async (c, counted) => {
      await c.query(behind, [1]);
      expect(counted.writes).toBe(1);
      expect(await probe()).toEqual([1]);
      await c.query('begin');
      await c.query('INSERT INTO client_probe VALUES (2)');
      await c.query(behind, [3]);
      await c.query('rollback');
      expect(counted.writes).toBe(3);
      expect(c.getTransactionStatus()).toBe('I');
      expect(await probe()).toEqual([1]);
    });
  });

  it('fail the COMMIT with their own error, and the whole transaction is rolled back', async () => {
    const d = createDb(one.databaseUrl(), 1);
    try {
      await sql`INSERT INTO client_probe VALUES (9)`.execute(d);
      await expect(
        d.transaction().execute(async (tx) => {
          await sql`INSERT INTO client_probe VALUES (1)`.execute(tx);
          // A duplicate key: answered at once, reported by the commit.
          await sql.raw(`${WRITE_BEHIND} INSERT INTO client_probe VALUES (9)`).execute(tx);
          return 'done';
        }),
      ).rejects.toMatchObject({ code: '23505' });
      expect(await probe()).toEqual([9]);
      // The connection is clean for the next use case.
      await d.transaction().execute(async (tx) => {
        await sql.raw(`${WRITE_BEHIND} INSERT INTO client_probe VALUES (2)`).execute(tx);
      });
      expect(await probe()).toEqual([2, 9]);
    } finally {
      await d.destroy();
    }
  });
});

describe('Kysely transactions over the pool', () => {
  const db = () => createDb(one.databaseUrl(), 1);

  it('keep their isolation level, their atomicity and their named statements', async () => {
    const d = db();
    const probeByN = compiledQuery((k, v: { n: number }) =>
      k
        .selectFrom(sql<{ n: number }>`client_probe`.as('p'))
        .select('p.n')
        .where('p.n', '=', v.n),
    );
    try {
      const level = await d
        .transaction()
        .setIsolationLevel('serializable')
        .execute(async (tx) => {
          const { rows } = await sql<{
            level: string;
          }>`SELECT current_setting('transaction_isolation') AS level`.execute(tx);
          return rows[0]!.level;
        });
      expect(level).toBe('serializable');

      await expect(
        d.transaction().execute(async (tx) => {
          await sql`INSERT INTO client_probe VALUES (1)`.execute(tx);
          throw new Error('the use case fails after its first write');
        }),
      ).rejects.toThrow('the use case fails');
      expect(await probe()).toEqual([]);

      await sql`INSERT INTO client_probe VALUES (5)`.execute(d);
      // A named statement first in a transaction, on a connection that has not prepared it yet.
      const found = await d.transaction().execute(async (tx) => {
        const rows = await probeByN(tx, { n: 5 });
        await sql`INSERT INTO client_probe VALUES (6)`.execute(tx);
        return rows;
      });
      expect(found).toEqual([{ n: 5 }]);
      expect(await probe()).toEqual([5, 6]);
    } finally {
      await d.destroy();
    }
  });
});

describe('reads sent together (readTogether)', () => {
  const byN = compiledQuery((k, v: { n: number }) =>
    k
      .selectFrom(sql<{ n: number }>`client_probe`.as('p'))
      .select('p.n')
      .where('p.n', '=', v.n),
  );
  const countFrom = compiledQuery((k, v: { min: number }) =>
    k
      .selectFrom(sql<{ n: number }>`client_probe`.as('p'))
      .select(sql<number>`count(*)::int`.as('c'))
      .where('p.n', '>=', v.min),
  );
  const ratio = compiledQuery((k, v: { d: number }) =>
    k.selectNoFrom(sql<number>`10 / ${v.d}::int`.as('r')),
  );
  // Over the one-connection pool above, so that its socket writes can be counted.
  const db = () => new Kysely<Database>({ dialect: new PostgresDialect({ pool: one.pool() }) });
  const counting = one.countingWrites;

  it('take one socket write and answer each its own rows, in a transaction too', async () => {
    await one.observer().query('INSERT INTO client_probe VALUES (1), (2), (3)');
    await counting(async (counted) => {
      const [two, from2] = await readTogether(db(), [
        byN.read({ n: 2 }),
        countFrom.read({ min: 2 }),
      ]);
      expect(two).toEqual([{ n: 2 }]);
      expect(from2).toEqual([{ c: 2 }]);
      expect(counted.writes).toBe(1);
      // In a transaction they go on its connection and see its own rows.
      await db()
        .transaction()
        .execute(async (tx) => {
          await sql`INSERT INTO client_probe VALUES (4)`.execute(tx);
          const [four, all] = await readTogether(tx, [
            byN.read({ n: 4 }),
            countFrom.read({ min: 1 }),
          ]);
          expect(four).toEqual([{ n: 4 }]);
          expect(all).toEqual([{ c: 4 }]);
        });
      // The insert with its BEGIN, the two reads, the COMMIT.
      expect(counted.writes).toBe(4);
    });
    expect(await probe()).toEqual([1, 2, 3, 4]);
  });

  it("answer a failing read's error, and the connection goes on", async () => {
    await expect(
      readTogether(db(), [ratio.read({ d: 0 }), ratio.read({ d: 5 })]),
    ).rejects.toMatchObject({ code: '22012' });
    expect(await readTogether(db(), [ratio.read({ d: 2 }), ratio.read({ d: 5 })])).toEqual([
      [{ r: 5 }],
      [{ r: 2 }],
    ]);
  });
});
