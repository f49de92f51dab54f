import { Kysely, sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { oneConnection } from '../../../test/support/one-connection.ts';
import { compiledQuery, writtenBehind } from './compiled-query.ts';
import type { Db } from './database.ts';
import { inPipelinedTransaction, pipelined } from './pipelined.ts';
import { PoolConnection, PoolDialect } from './pool-driver.ts';
import type { Database } from './types.ts';

const one = oneConnection('pool_driver_probe');
const probeByN = compiledQuery((k, v: { n: number }) =>
  k
    .selectFrom(sql<{ n: number }>`pool_driver_probe`.as('p'))
    .select('p.n')
    .where('p.n', '=', v.n),
);
const insertBehind = writtenBehind((k, v: { n: number }) => ({
  compile: () => sql`INSERT INTO pool_driver_probe VALUES (${v.n})`.compile(k),
}));
const insertNamed = compiledQuery((k, v: { n: number }) => ({
  compile: () => sql<never>`INSERT INTO pool_driver_probe VALUES (${v.n})`.compile(k),
}));

/**
 * Runs `use` on Kysely over the file's pool of one connection with the pool's own driver (no
 * read lanes). Not destroyed: that would end the file's pool.
 */
async function withDb<T>(use: (d: Db) => Promise<T>): Promise<T> {
  return await use(new Kysely<Database>({ dialect: new PoolDialect(one.pool()) }));
}

describe("the pool's driver", () => {
  it('answers as Kysely does: rows, and the rows a change changed, named or not', async () => {
    await withDb(async (d) => {
      const [named, plain] = await d
        .transaction()
        .execute(async (tx) => [
          await tx.executeQuery(insertNamed.read({ n: 1 }).query),
          await sql`UPDATE pool_driver_probe SET n = n + 10`.execute(tx),
        ]);
      expect(named).toMatchObject({ numAffectedRows: 1n, rows: [] });
      expect(plain).toMatchObject({ numAffectedRows: 1n, rows: [] });
      const inserted = await sql`INSERT INTO pool_driver_probe VALUES (2), (3)`.execute(d);
      expect(inserted.numAffectedRows).toBe(2n);
      const read = await sql<{ n: number }>`SELECT n FROM pool_driver_probe ORDER BY n`.execute(d);
      expect(read).toMatchObject({
        numAffectedRows: undefined,
        rows: [{ n: 2 }, { n: 3 }, { n: 11 }],
      });
      expect(await probeByN(d, { n: 11 })).toEqual([{ n: 11 }]);
      expect(await one.probe()).toEqual([2, 3, 11]);
    });
  });

  it('sends a pipelined transaction’s statements to its client, with the same effects', async () => {
    await withDb(async (d) => {
      const direct = vi.spyOn(PoolConnection.prototype, 'executeInTransaction');
      const seen = await one.countingWrites(async () => {
        const answers = await inPipelinedTransaction(d, async (tx) => {
          await insertBehind(tx, { n: 4 });
          const [a, b] = await Promise.all([probeByN(tx, { n: 4 }), probeByN(tx, { n: 5 })]);
          await insertBehind(tx, { n: 5 });
          return [a, b];
        });
        expect(answers).toEqual([[{ n: 4 }], []]);
      });
      // BEGIN, the write behind and both reads in one write; the second write with the COMMIT.
      expect(seen).toBe(2);
      // Each of the four statements went to the connection itself, not through Kysely's executor.
      expect(direct).toHaveBeenCalledTimes(4);
      direct.mockRestore();
      expect(await one.probe()).toEqual([4, 5]);
    });
  });

  it('answers a statement with the failure of a named write sent ahead of it', async () => {
    await withDb(async (d) => {
      await sql`INSERT INTO pool_driver_probe VALUES (7)`.execute(d);
      const failed = inPipelinedTransaction(d, async (tx) => {
        await insertBehind(tx, { n: 8 });
        await insertBehind(tx, { n: 7 }); // a duplicate key, answered at once
        return await probeByN(tx, { n: 8 }); // goes out with both, and hears of the duplicate
      });
      await expect(failed).rejects.toMatchObject({ code: '23505' });
      expect(await one.probe()).toEqual([7]);
      // The connection is clean for the next transaction.
      await inPipelinedTransaction(d, async (tx) => await insertBehind(tx, { n: 9 }));
      expect(await one.probe()).toEqual([7, 9]);
    });
  });

  it('refuses a pipelined handle’s statements once its transaction has ended', async () => {
    await withDb(async (d) => {
      let kept: Awaited<ReturnType<typeof pipelined>> | undefined;
      await d.transaction().execute(async (tx) => {
        kept = await pipelined(tx);
        await probeByN(kept, { n: 1 });
      });
      await expect(probeByN(kept!, { n: 1 })).rejects.toThrow(/already committed/);
      await expect(
        d.transaction().execute(async (tx) => {
          kept = await pipelined(tx);
          throw new Error('the use case fails');
        }),
      ).rejects.toThrow('the use case fails');
      await expect(probeByN(kept!, { n: 1 })).rejects.toThrow(/already rolled back/);
      // The pool's one connection serves on, outside any transaction.
      expect(await probeByN(d, { n: 1 })).toEqual([]);
    });
  });

  it('reports a COMMIT that PostgreSQL answered with ROLLBACK as an aborted transaction', async () => {
    await withDb(async (d) => {
      await expect(
        d.transaction().execute(async (tx) => {
          await sql`SELECT 1`.execute(tx);
          // A failure the use case catches still aborts the transaction.
          await sql`SELECT 1 / 0`.execute(tx).catch(() => undefined);
        }),
      ).rejects.toThrow(/aborted|rolled back/i);
      expect(await probeByN(d, { n: 1 })).toEqual([]);
    });
  });
});
