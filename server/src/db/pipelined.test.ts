import { Kysely, PostgresDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { oneConnection } from '../../../test/support/one-connection.ts';
import { compiledQuery } from './compiled-query.ts';
import { pipelined } from './pipelined.ts';
import type { Database } from './types.ts';

const one = oneConnection('pipelined_probe');
const db = () => new Kysely<Database>({ dialect: new PostgresDialect({ pool: one.pool() }) });
const byN = compiledQuery((k, v: { n: number }) =>
  k
    .selectFrom(sql<{ n: number }>`pipelined_probe`.as('p'))
    .select('p.n')
    .where('p.n', '=', v.n),
);
const insert = (n: number) => sql`INSERT INTO pipelined_probe VALUES (${n})`;

describe('a pipelined transaction', () => {
  it('sends statements issued together in one write, where Kysely sends one per answer', async () => {
    await one.observer().query('INSERT INTO pipelined_probe VALUES (1), (2), (3)');
    const read = (tx: Parameters<typeof byN>[0]) =>
      Promise.all([byN(tx, { n: 1 }), byN(tx, { n: 2 }), byN(tx, { n: 4 })]);
    let answers: unknown;
    const plain = await one.countingWrites(() =>
      db()
        .transaction()
        .execute(async (tx) => {
          answers = await read(tx);
        }),
    );
    // BEGIN with the first read, then each read after the answer before it, then COMMIT.
    expect(plain).toBe(4);
    expect(answers).toEqual([[{ n: 1 }], [{ n: 2 }], []]);
    const together = await one.countingWrites(() =>
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
    expect(await one.probe()).toEqual([5, 6]);
  });

  it('rolls back all of it when one statement fails, and the connection goes on', async () => {
    await one.observer().query('INSERT INTO pipelined_probe VALUES (1)');
    const failed = db()
      .transaction()
      .execute(async (tx) => {
        const p = await pipelined(tx);
        await Promise.all([insert(2).execute(p), insert(1).execute(p), insert(3).execute(p)]);
      });
    await expect(failed).rejects.toMatchObject({ code: '23505' });
    expect(await one.probe()).toEqual([1]);
    await db()
      .transaction()
      .execute(async (tx) => {
        await insert(4).execute(await pipelined(tx));
      });
    expect(await one.probe()).toEqual([1, 4]);
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
