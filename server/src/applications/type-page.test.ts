import { CompiledQuery } from 'kysely';
import { BUSINESS_TYPE_CODES } from '#shared/catalog.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import {
  everyPage,
  newestFirst,
  plantCopies,
  spaced,
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
) => plantCopies(t, row, spaced(n, from, step), { place });

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

  it('merges an outlet’s page of every type from the types’ ranges, newest first, page by page', async () => {
    const row = await storedReissue(t);
    // An outlet no other test plants at, so that the walk holds this test's rows only.
    const outlets = await otherOutlets(row, 22);
    const [outlet, elsewhere] = [outlets[20]!, outlets[21]!];
    const day = new Date('2026-09-10T08:00:00+08:00').getTime();
    const reissues = await plant(row, 60, { from: day, place: { outlet } });
    const transfers = await plant(row, 25, {
      from: day + 4_000,
      step: 23,
      place: { businessType: TRANSFER, outlet },
    });
    await plant(row, 40, {
      from: day + 2_000,
      place: { businessType: TRANSFER, outlet: elsewhere },
    });
    for (const status of [undefined, 'completed'] as const) {
      for (const limit of [1, 7, 50]) {
        const listed = await everyPage(limit, (after) =>
          listApplications(t.ctx.db, {
            cityCode: row.city_code,
            outletCode: outlet.code,
            status,
            after,
            limit,
          }),
        );
        expect(
          listed.map((a) => a.id),
          `pages of ${limit}`,
        ).toEqual(newestFirst([...reissues, ...transfers]));
      }
    }
  });

  it('reads an outlet’s page of every type from the (outlet, type) index only, a page of keys a type', async () => {
    const row = await storedReissue(t);
    const day = new Date('2026-10-10T08:00:00+08:00').getTime();
    // The outlet is one of many, as in a city: its share of the rows is small.
    await plant(row, 1500, { from: day });
    for (const [i, outlet] of (await otherOutlets(row, 20)).entries()) {
      await plant(row, 600, { from: day + i * 100 + 1, step: 25, place: { outlet } });
    }
    const own = await plant(row, 150, {
      from: day + 2,
      step: 97,
      place: { businessType: TRANSFER },
    });
    await t.ctx.db.executeQuery(CompiledQuery.raw('ANALYZE applications'));
    const cursor = own.sort((a, b) => b.at.getTime() - a.at.getTime())[10]!;
    const nodes = await analysedPlan(
      t.ctx.db,
      listApplicationsQuery(t.ctx.db, {
        cityCode: row.city_code,
        outletCode: row.outlet_code,
        after: { submittedAt: cursor.at, id: cursor.id },
        limit: 21,
      }).compile(),
    );
    const scans = nodes.filter((n) => n['Relation Name'] === 'applications');
    // Each type's keys from its range (at most a page each), then the page's rows by key.
    expect(scans.map((n) => n['Index Name']).sort()).toEqual([
      'applications_outlet_type_time',
      'applications_pkey',
    ]);
    const typeScan = scans.find((n) => n['Index Name'] === 'applications_outlet_type_time')!;
    expect(typeScan['Index Cond']).toContain('ROW(submitted_at, id) <');
    expect(typeScan['Actual Rows']).toBeLessThanOrEqual(21);
    expect(nodes[0]!['Actual Rows']).toBe(21);
  });

  it('merges every type an application can have', async () => {
    const { rows } = await t.ctx.db.executeQuery<{ code: string }>(
      CompiledQuery.raw('SELECT code FROM business_types ORDER BY code'),
    );
    expect(rows.map((r) => r.code)).toEqual([...BUSINESS_TYPE_CODES].sort());
  });
});
