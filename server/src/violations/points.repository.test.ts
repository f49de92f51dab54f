import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { nodesOf, type PlanNode } from '../../../test/support/plans.ts';
import type { DbOrTx } from '../db/database.ts';
import { insertPointEntry, ledgerOf, settlePointEntry } from './points.repository.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const CITY = '520300';
const HOLDER = '520302199001010019';

/** The statement ledgerOf sends, caught on its way to the database. */
async function ledgerStatement(): Promise<CompiledQuery> {
  let caught: CompiledQuery | undefined;
  const catcher = {
    executeQuery: async (q: CompiledQuery) => {
      caught = q;
      return { rows: [] };
    },
  } as unknown as DbOrTx;
  await ledgerOf(catcher, CITY, HOLDER);
  return caught!;
}

describe('ledgerOf', () => {
  it('reads a driver’s ledger in order from the index alone: no sort, no heap, no other table', async () => {
    const { db } = t.ctx;
    await db.transaction().execute(async (tx) => {
      // Recorded out of order, two on one day: the ledger orders by day, then by entry.
      for (const [recordedOn, points] of [
        ['2026-03-01', 3],
        ['2026-01-15', 2],
        ['2026-03-01', 6],
      ] as const) {
        await insertPointEntry(tx, {
          cityCode: CITY,
          idNumber: HOLDER,
          kind: 'imported',
          points,
          recordedOn,
        });
      }
    });
    expect((await ledgerOf(db, CITY, HOLDER)).map((e) => [e.on, e.points])).toEqual([
      ['2026-01-15', 2],
      ['2026-03-01', 3],
      ['2026-03-01', 6],
    ]);

    // A running office's ledger is vacuumed (autovacuum): its pages are all-visible.
    await sql`VACUUM point_entries`.execute(db);
    const statement = await ledgerStatement();
    const plan = await db.transaction().execute(async (tx) => {
      // The test database is small enough for a sequential scan to win; the question is whether
      // the index can answer the ledger on its own, as it must over millions of entries.
      await sql`SET LOCAL enable_seqscan = off`.execute(tx);
      await sql`SET LOCAL enable_bitmapscan = off`.execute(tx);
      const { rows } = await tx.executeQuery<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${statement.sql}`, [...statement.parameters]),
      );
      return rows[0]!['QUERY PLAN'][0].Plan;
    });
    const nodes = nodesOf(plan);
    const entries = nodes.find((n) => n['Relation Name'] === 'point_entries');
    expect(entries).toMatchObject({
      'Node Type': 'Index Only Scan',
      'Index Name': 'point_entries_driver',
    });
    expect(nodes.map((n) => n['Node Type'])).not.toContain('Sort');
    expect(nodes.map((n) => n['Node Type'])).not.toContain('Incremental Sort');
    // The fines' settlement days are on the entries: no violation is looked up.
    expect(nodes.flatMap((n) => n['Relation Name'] ?? [])).toEqual(['point_entries']);
  });

  it('settles a violation entry when recorded without a fine, or when its fine is paid', async () => {
    const { db } = t.ctx;
    const holder = '520302199001010037';
    const violation = (id: string, fine: number) => ({ cityCode: CITY, id, fine });
    await db.transaction().execute(async (tx) => {
      for (const [id, fine] of [
        ['V-FINED', 200],
        ['V-NO-FINE', 0],
        ['V-PAID-LATER', 100],
      ] as const) {
        await insertPointEntry(tx, {
          cityCode: CITY,
          idNumber: holder,
          kind: 'violation',
          points: 3,
          recordedOn: '2026-04-01',
          violation: violation(id, fine),
        });
      }
      await settlePointEntry(tx, {
        cityCode: CITY,
        idNumber: holder,
        violation: { cityCode: CITY, id: 'V-PAID-LATER' },
        on: '2026-04-20',
      });
    });
    expect((await ledgerOf(db, CITY, holder)).map((e) => e.paidOn)).toEqual([
      null,
      '2026-04-01',
      '2026-04-20',
    ]);
  });
});
