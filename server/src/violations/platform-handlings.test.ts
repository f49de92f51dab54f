import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { plantHandledRecords } from '../../../test/support/handled-records.ts';
import { analysedPlan, expectKeysetPageScan } from '../../../test/support/plans.ts';
import { createVehicle, createViolation } from '../../../test/support/factories.ts';
import { beijingDate } from '../platform/time.ts';
import { platformPageQuery } from './violations.repository.ts';
import { platformHandlings } from './violations.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** A record handled on the platform at `at` (what violation.handle writes, its day included). */
async function handledAt(plate: string, at: string) {
  const { id } = await createViolation(t.ctx.db, { plate });
  const when = new Date(at);
  await t.ctx.db
    .updateTable('violations')
    .set({
      status: 'handled',
      handled_by: '520302198506150016',
      handled_on: beijingDate(when),
      handled_at: when,
      handled_application_id: crypto.randomUUID(),
      handled_channel: 'window',
    })
    .where('id', '=', id)
    .execute();
  return { id, at: when };
}

describe('platform handlings, read in keyset pages for the evidence graph', () => {
  it('gives every handling of the period once, in time order, whatever the page size', async () => {
    const { plate } = await createVehicle(t.ctx.db);
    const rows = [
      // Three Beijing days; two at the same instant (ordered by id); one before the period.
      await handledAt(plate!, '2026-10-31T23:59:00+08:00'),
      await handledAt(plate!, '2026-11-01T00:00:00+08:00'),
      await handledAt(plate!, '2026-11-01T09:00:00+08:00'),
      await handledAt(plate!, '2026-11-01T09:00:00+08:00'),
      await handledAt(plate!, '2026-11-01T23:59:59+08:00'),
      await handledAt(plate!, '2026-11-02T00:30:00+08:00'),
      await handledAt(plate!, '2026-11-03T16:00:00+08:00'),
      await handledAt(plate!, '2026-11-03T16:00:00+08:00'),
    ];
    const expected = rows
      .slice(1)
      .sort((a, b) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : 1))
      .map((r) => r.id);
    const window = {
      cityCode: '520300',
      since: new Date('2026-11-01T00:00:00+08:00'),
      until: new Date('2026-11-04T00:00:00+08:00'),
    };
    for (const limit of [1, 2, 3, 100]) {
      const seen: string[] = [];
      let after: { at: Date; id: string } | undefined;
      for (;;) {
        const page = await platformHandlings(t.ctx.db, { ...window, after, limit });
        seen.push(...page.map((h) => h.violationId).filter((id) => rows.some((r) => r.id === id)));
        const last = page.at(-1);
        if (page.length < limit || !last) break;
        after = { at: last.at, id: last.violationId };
      }
      expect(seen, `pages of ${limit}`).toEqual(expected);
    }
  });
});

describe('a page of platform handlings at city size', () => {
  it('reads its own rows along the index of platform handlings, in order, without a sort', async () => {
    // A day where most handled records came from the legacy import, as on the city-year.
    await plantHandledRecords(t.ctx.db, { tag: 'I', day: '2026-09-10', n: 6000 });
    await plantHandledRecords(t.ctx.db, { tag: 'P', day: '2026-09-10', n: 2000, platform: true });
    await t.ctx.db.executeQuery(CompiledQuery.raw('ANALYZE violations'));
    const nodes = await analysedPlan(
      t.ctx.db,
      platformPageQuery(t.ctx.db, {
        cityCode: '520300',
        since: new Date('2026-09-01T00:00:00+08:00'),
        until: new Date('2026-10-01T00:00:00+08:00'),
        after: { at: new Date('2026-09-10T10:00:00+08:00'), id: 'PLANP000720' },
        limit: 50,
      }).compile(),
    );
    // The cursor bounds the scan: it reads the page's rows, not the day's before them.
    expectKeysetPageScan(nodes, {
      index: 'violations_platform_handled',
      bound: 'ROW(handled_at, id) >',
      rows: 50,
    });
  });
});
