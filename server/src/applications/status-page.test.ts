import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import {
  everyPage,
  newestFirst,
  plantCopies,
  spaced,
  storedReissue,
  type StoredApplication,
} from '../../../test/support/planted-applications.ts';
import { analysedPlan, expectKeysetPageScan } from '../../../test/support/plans.ts';
import type { ApplicationStatus } from '../db/types.ts';
import { listApplications, listApplicationsQuery } from './applications.repository.ts';

/**
 * The applications list by a status other than completed: each page a range of the scope's
 * status index, as in a city-year where 98 % of the applications are completed and a page of a
 * rare status read along the time index passed over hundreds of thousands of rows.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** Copies of `row` with `status`, submitted ten seconds apart from `from`. */
const plant = (row: StoredApplication, status: ApplicationStatus, n: number, from: number) =>
  plantCopies(t, row, spaced(n, from), { status });

describe('the applications list by a status other than completed', () => {
  it('gives every application of the status in the scope once, newest first, page by page', async () => {
    const row = await storedReissue(t);
    const day = new Date('2026-05-10T08:00:00+08:00').getTime();
    await plant(row, 'completed', 300, day);
    const expired = await plant(row, 'expired', 7, day + 5_000);
    await plant(row, 'refused', 5, day + 7_000);
    const scope = { cityCode: row.city_code, outletCode: row.outlet_code };
    const since = new Date(day - 1);
    for (const limit of [1, 3, 50]) {
      const listed = await everyPage(
        limit,
        (after) => listApplications(t.ctx.db, { ...scope, status: 'expired', after, limit }),
        (page) => expect(page.every((a) => a.status === 'expired')).toBe(true),
      );
      const seen = listed.filter((a) => a.submittedAt >= since).map((a) => a.id);
      expect(seen, `pages of ${limit}`).toEqual(newestFirst(expired));
    }
  });

  it('reads a page along the scope’s status index, bounded by its cursor, without a sort', async () => {
    const row = await storedReissue(t);
    const day = new Date('2026-06-10T08:00:00+08:00').getTime();
    // Most business completes, as in a city; the refused are a few among them.
    await plant(row, 'completed', 6000, day + 5_000);
    const refused = await plant(row, 'refused', 400, day);
    await t.ctx.db.executeQuery(CompiledQuery.raw('ANALYZE applications'));
    const cursor = refused.sort((a, b) => b.at.getTime() - a.at.getTime())[100]!;
    const scopes = [
      ['applications_status_city_time', {}],
      ['applications_status_county_time', { countyCode: row.county_code }],
      ['applications_status_outlet_time', { outletCode: row.outlet_code }],
    ] as const;
    for (const [index, scope] of scopes) {
      const nodes = await analysedPlan(
        t.ctx.db,
        listApplicationsQuery(t.ctx.db, {
          cityCode: row.city_code,
          ...scope,
          status: 'refused',
          after: { submittedAt: cursor.at, id: cursor.id },
          limit: 21,
        }).compile(),
      );
      expectKeysetPageScan(nodes, { index, bound: 'ROW(submitted_at, id) <', rows: 21 });
    }
  });
});
