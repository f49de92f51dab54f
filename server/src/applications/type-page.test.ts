import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import {
  everyPage,
  newestFirst,
  plantCopies,
  storedReissue,
  type CopyPlace,
  type StoredApplication,
} from '../../../test/support/planted-applications.ts';
import { analysedPlan, expectKeysetPageScan } from '../../../test/support/plans.ts';
import { listApplications, listApplicationsQuery } from './applications.repository.ts';

/**
 * An outlet's applications of one business type: each page a range of the (outlet, type)
 * index, as in a city-year where an outlet asking for a type it seldom or never takes passed
 * over its own applications of every other type, or over the city's of that type.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const TRANSFER = 'vehicle.transfer';

/** `n` other outlets of the row's city than the row's own. */
async function otherOutlets(row: StoredApplication, n: number) {
  const rows = await t.ctx.db
    .selectFrom('outlets')
    .select(['code', 'county_code', 'name'])
    .where('city_code', '=', row.city_code)
    .where('code', '<>', row.outlet_code)
    .orderBy('code')
    .limit(n)
    .execute();
  expect(rows).toHaveLength(n);
  return rows.map((o) => ({ code: o.code, countyCode: o.county_code, name: o.name }));
}

/** `n` copies of `row` at `place`, submitted `step` seconds apart from `from`. */
const plant = (
  row: StoredApplication,
  n: number,
  { from, step = 10, place = {} }: { from: number; step?: number; place?: CopyPlace },
) =>
  plantCopies(
    t,
    row,
    Array.from({ length: n }, (_, i) => new Date(from + i * step * 1000)),
    { place },
  );

describe('an outlet’s applications of one business type', () => {
  it('gives every application of the type at the outlet once, newest first, page by page', async () => {
    const row = await storedReissue(t);
    const [elsewhere] = await otherOutlets(row, 1);
    const day = new Date('2026-07-10T08:00:00+08:00').getTime();
    await plant(row, 200, { from: day });
    await plant(row, 100, {
      from: day + 3_000,
      place: { businessType: TRANSFER, outlet: elsewhere },
    });
    const own = await plant(row, 9, { from: day + 5_000, place: { businessType: TRANSFER } });
    const since = new Date(day - 1);
    for (const limit of [1, 4, 50]) {
      const listed = await everyPage(
        limit,
        (after) =>
          listApplications(t.ctx.db, {
            cityCode: row.city_code,
            outletCode: row.outlet_code,
            businessType: TRANSFER,
            after,
            limit,
          }),
        (page) => {
          expect(page.every((a) => a.businessType === TRANSFER)).toBe(true);
          expect(page.every((a) => a.outletCode === row.outlet_code)).toBe(true);
        },
      );
      const seen = listed.filter((a) => a.submittedAt >= since).map((a) => a.id);
      expect(seen, `pages of ${limit}`).toEqual(newestFirst(own));
    }
  });

  it('reads a page along the (outlet, type) index, bounded by its cursor, without a sort', async () => {
    const row = await storedReissue(t);
    const day = new Date('2026-08-10T08:00:00+08:00').getTime();
    // Over the same eleven hours the outlet is busy with its own business and takes a transfer
    // now and then, while ten other outlets take many: for a page of the outlet's transfers,
    // its time index and the city's type index each hold about a hundred rows to pass over
    // between two of them.
    await plant(row, 4000, { from: day });
    for (const [i, outlet] of (await otherOutlets(row, 10)).entries()) {
      await plant(row, 800, { from: day + i * 1000 + 1, step: 50, place: { outlet } });
      const transfers = { businessType: TRANSFER, outlet };
      await plant(row, 400, { from: day + i * 1000 + 2, step: 100, place: transfers });
    }
    const own = await plant(row, 40, {
      from: day + 3,
      step: 1000,
      place: { businessType: TRANSFER },
    });
    await t.ctx.db.executeQuery(CompiledQuery.raw('ANALYZE applications'));
    const cursor = own.sort((a, b) => b.at.getTime() - a.at.getTime())[5]!;
    const nodes = await analysedPlan(
      t.ctx.db,
      listApplicationsQuery(t.ctx.db, {
        cityCode: row.city_code,
        outletCode: row.outlet_code,
        businessType: TRANSFER,
        after: { submittedAt: cursor.at, id: cursor.id },
        limit: 21,
      }).compile(),
    );
    expectKeysetPageScan(nodes, {
      index: 'applications_outlet_type_time',
      bound: 'ROW(submitted_at, id) <',
      rows: 21,
    });
  });
});
