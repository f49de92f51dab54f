import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import {
  legacyLine,
  plantApplication,
  summaryDrift,
  userIdOf,
} from '../../../test/support/business-days.ts';
import { createClerk, ZUNYI } from '../../../test/support/factories.ts';
import { outletDays } from '../db/outlet-days.sql.ts';

/**
 * The legacy history's business per outlet and day is kept statement by statement as it is
 * imported (migration `business_days`): whatever is inserted, changed or removed, the summary
 * must equal the figures computed from every row, and the bands a run reads must count what the
 * rows say. The pipeline's business is grouped from its rows, with the same bands.
 */
let t: TestApp;
let outlets: string[];
let actor: string;
beforeAll(async () => {
  t = await createTestApp();
  const clerks = await Promise.all([
    createClerk(t.ctx.db, 'police-window'),
    createClerk(t.ctx.db, 'police-window'),
  ]);
  outlets = clerks.map((c) => c.outlet.code);
  actor = await userIdOf(t.ctx.db, clerks[0]!.username);
});
afterAll(async () => t.close());

/** An instant in Beijing time. */
const at = (local: string) => new Date(`${local}+08:00`);

/** Times around the day's edges and inside it, Beijing time. */
const TIMES = [
  '2026-10-09T23:59:59.999',
  '2026-10-10T00:00:00',
  '2026-10-10T00:14:59',
  '2026-10-10T08:45:00',
  '2026-10-10T08:45:00',
  '2026-10-10T12:00:00',
  '2026-10-10T17:59:00',
  '2026-10-10T23:45:00',
  '2026-10-11T00:00:00',
];

const legacyRow = (i: number, local: string, outletCode: string, refused: boolean) =>
  legacyLine({ id: `DAYS-${i}`, outletCode, at: at(local), refused });

async function insertApplication(
  db: Pick<TestApp['ctx'], 'db'>['db'],
  outlet: string,
  local: string,
  status: 'completed' | 'refused',
) {
  return await plantApplication(db, { outletCode: outlet, actorId: actor, at: at(local), status });
}

describe('the legacy history’s business per outlet and day', () => {
  it('follows inserts, changes and removals statement by statement', async () => {
    const rows = TIMES.flatMap((local, k) =>
      outlets.map((o, j) => legacyRow(k * 10 + j, local, o, (k + j) % 3 === 0)),
    );
    await t.ctx.db.insertInto('legacy_applications').values(rows.slice(0, 7)).execute();
    await t.ctx.db.insertInto('legacy_applications').values(rows.slice(7)).execute();
    expect(await summaryDrift(t.ctx.db)).toEqual([]);
    const kept = await t.ctx.db.selectFrom('legacy_application_days').selectAll().execute();
    // Two outlets on three Beijing days (the 9th's last millisecond, the 10th, the 11th).
    expect(kept).toHaveLength(6);

    await sql`UPDATE legacy_applications SET status = 'refused' WHERE id LIKE 'DAYS-3%'`.execute(
      t.ctx.db,
    );
    await sql`UPDATE legacy_applications SET submitted_at = submitted_at + interval '1 day'
               WHERE id = 'DAYS-50'`.execute(t.ctx.db);
    expect(await summaryDrift(t.ctx.db)).toEqual([]);

    // The 9th of the first outlet loses its only business: its row goes.
    await sql`DELETE FROM legacy_applications WHERE id IN ('DAYS-0', 'DAYS-41', 'DAYS-42')`.execute(
      t.ctx.db,
    );
    expect(await summaryDrift(t.ctx.db)).toEqual([]);
    const ninth = await t.ctx.db
      .selectFrom('legacy_application_days')
      .select('outlet_code')
      .where('day', '=', '2026-10-09')
      .execute();
    expect(ninth.map((r) => r.outlet_code)).toEqual([outlets[1]]);
  });

  it('cuts each day into the bands a run asks for', async () => {
    // Bands 00:00–08:30, 08:30–18:00, 18:00–24:00 of the 10th.
    const days = await outletDays(t.ctx.db, 'legacy_applications', {
      cityCode: ZUNYI.cityCode,
      from: '2026-10-10',
      until: '2026-10-11',
      bounds: [0, 34, 72, 96],
    });
    const { rows } = await sql<{ outlet_code: string; b: number; n: number; refused: number }>`
      SELECT outlet_code, width_bucket(local_quarter, ARRAY[34, 72]) AS b, count(*)::int AS n,
             (count(*) FILTER (WHERE status = 'refused'))::int AS refused
        FROM legacy_applications WHERE local_day = date '2026-10-10'
       GROUP BY 1, 2`.execute(t.ctx.db);
    for (const d of days) {
      const bands = [0, 1, 2].map(
        (b) => rows.find((r) => r.outlet_code === d.outlet_code && r.b === b)?.n ?? 0,
      );
      const refused = rows
        .filter((r) => r.outlet_code === d.outlet_code)
        .reduce((sum, r) => sum + r.refused, 0);
      // One day, the first asked for: day 0, its business, of it refused, then the bands.
      expect(d.days).toEqual([[0, bands[0]! + bands[1]! + bands[2]!, refused, ...bands]]);
      expect(bands.every((n) => n > 0)).toBe(true);
    }
    expect(days.map((d) => d.outlet_code).sort()).toEqual([...outlets].sort());
  });
});

describe('the pipeline’s business per outlet and day', () => {
  it('is grouped from its rows, refusals and the bands included', async () => {
    const ids: string[] = [];
    for (const [k, local] of TIMES.entries()) {
      ids.push(await insertApplication(t.ctx.db, outlets[k % 2]!, local, 'completed'));
    }
    await sql`UPDATE applications SET status = 'refused' WHERE id = ${ids[3]}`.execute(t.ctx.db);
    const days = await outletDays(t.ctx.db, 'applications', {
      cityCode: ZUNYI.cityCode,
      from: '2026-10-09',
      until: '2026-10-11',
      bounds: [0, 34, 72, 96],
    });
    // As [day from the 9th, n, refused, ...bands]. The 9th: the first outlet at 23:59:59.999.
    // The 10th: the first outlet 00:14:59, 08:45 and 17:59; the second 00:00, 08:45 (refused),
    // 12:00 and 23:45.
    const byOutlet = Object.fromEntries(
      days.map((d) => [d.outlet_code, [...d.days].sort((a, b) => a[0]! - b[0]!)]),
    );
    expect(byOutlet[outlets[0]!]).toEqual([
      [0, 1, 0, 0, 0, 1],
      [1, 3, 0, 1, 2, 0],
    ]);
    expect(byOutlet[outlets[1]!]).toEqual([[1, 4, 1, 1, 2, 1]]);
  });
});
