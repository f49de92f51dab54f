import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { plantInspections } from '../../../test/support/supervision.ts';
import { refreshStatistics } from './database.ts';

/** `refreshStatistics` samples the tables changed since their statistics were taken, and only those. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** How many times each table of the schema was analyzed by hand (ANALYZE). */
async function analyzed() {
  const { rows } = await sql<{ table: string; n: string }>`
    SELECT relname AS table, analyze_count AS n FROM pg_stat_user_tables
     WHERE schemaname = current_schema()`.execute(t.ctx.db);
  return new Map(rows.map((r) => [r.table, Number(r.n)]));
}

/** Waits until the server's statistics count `rows` changes to inspections since ANALYZE. */
async function counted(rows: number) {
  for (let i = 0; i < 200; i++) {
    const { rows: found } = await sql<{ n: string }>`
      SELECT n_mod_since_analyze AS n FROM pg_stat_user_tables
       WHERE relname = 'inspections' AND schemaname = current_schema()`.execute(t.ctx.db);
    if (Number(found[0]!.n) >= rows) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the changes to inspections were never counted');
}

describe('refreshStatistics', () => {
  it('analyzes the tables never analyzed, then none that did not change', async () => {
    await refreshStatistics(t.ctx.db);
    const first = await analyzed();
    expect(first.get('inspections')).toBeGreaterThanOrEqual(1);
    expect(first.get('applications')).toBeGreaterThanOrEqual(1);
    await refreshStatistics(t.ctx.db);
    const second = await analyzed();
    for (const table of ['inspections', 'applications', 'vehicles', 'licences', 'violations']) {
      expect(second.get(table), table).toBe(first.get(table));
    }
  });

  it('analyzes a table again once a row of it changed, and no other', async () => {
    await refreshStatistics(t.ctx.db);
    const station = await t.ctx.db
      .selectFrom('outlets')
      .select(['code', 'county_code'])
      .where('category', '=', 'inspection-station')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const before = await analyzed();
    await plantInspections(t.ctx.db, '520300', [
      {
        station: station.code,
        county: station.county_code,
        at: '2026-11-02T09:00:00+08:00',
        passed: true,
      },
    ]);
    await sql`SELECT pg_stat_force_next_flush()`.execute(t.ctx.db);
    await counted(1);
    await refreshStatistics(t.ctx.db);
    const after = await analyzed();
    expect(after.get('inspections')).toBe(before.get('inspections')! + 1);
    expect(after.get('vehicles')).toBe(before.get('vehicles'));
  });
});
