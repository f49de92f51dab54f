import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { analysedPlan, expectKeysetPageScan } from '../../../test/support/plans.ts';
import { eventsPage, eventsPageQuery, type EventRow } from './antifraud.repository.ts';

/**
 * The detectors read the graph of their window in keyset pages after (at, source, source id):
 * every event once, in that order, each page along `fraud_events_window` from its cursor on.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** Points events of a source at some instants, ids `<tag><n>`. */
async function plant(source: EventRow['source'], tag: string, at: Date[]) {
  const rows = at.map((when, i) => ({
    city_code: '520300',
    source,
    source_id: `${tag}${String(i).padStart(6, '0')}`,
    kind: 'points' as const,
    at: when,
    county_code: '520302',
    channel: 'window',
    actor_id: '520302199001010001',
    subject_id: '520302199001010002',
    plate: '贵C90001',
    points: 3,
    status: 'completed',
  }));
  for (let i = 0; i < rows.length; i += 1000) {
    await t.ctx.db
      .insertInto('fraud_events')
      .values(rows.slice(i, i + 1000))
      .execute();
  }
  return rows.map((r) => ({ at: r.at, source: r.source, key: r.source_id }));
}

const order = (a: { at: Date; source: string; key: string }, b: typeof a) =>
  a.at.getTime() - b.at.getTime() ||
  (a.source < b.source ? -1 : a.source > b.source ? 1 : a.key < b.key ? -1 : 1);

describe('the graph of a window, in keyset pages', () => {
  it('gives every event of the window once, in order, whatever the page size', async () => {
    const at = (s: string) => new Date(s);
    // Both sources at the same instants, and two events of one source at one instant.
    const instants = [
      at('2026-07-01T00:00:00+08:00'),
      at('2026-07-02T09:00:00+08:00'),
      at('2026-07-02T09:00:00+08:00'),
      at('2026-07-03T23:59:59+08:00'),
    ];
    const expected = [
      ...(await plant('legacy-handling', 'WL', instants)),
      ...(await plant('platform-handling', 'WP', instants)),
    ].sort(order);
    await plant('legacy-handling', 'WX', [at('2026-06-30T23:59:59+08:00')]);
    const window = {
      cityCode: '520300',
      kind: 'points' as const,
      since: at('2026-07-01T00:00:00+08:00'),
      until: at('2026-07-04T00:00:00+08:00'),
    };
    for (const limit of [1, 2, 3, 100]) {
      const seen: string[] = [];
      let after: { at: Date; source: EventRow['source']; key: string } | undefined;
      for (;;) {
        const page = await eventsPage(t.ctx.db, { ...window, after, limit });
        seen.push(...page.map((e) => `${e.source}/${e.source_id}`));
        const last = page.at(-1);
        if (page.length < limit || !last) break;
        after = { at: last.at, source: last.source, key: last.source_id };
      }
      expect(seen, `pages of ${limit}`).toEqual(expected.map((e) => `${e.source}/${e.key}`));
    }
  });

  it('answers a handling with what the points detectors read, and none of the agency columns', async () => {
    const [first] = await plant('legacy-handling', 'COL', [new Date('2026-07-20T10:00:00+08:00')]);
    const [row] = await eventsPage(t.ctx.db, {
      cityCode: '520300',
      kind: 'points',
      since: first!.at,
      until: new Date(first!.at.getTime() + 1),
      limit: 10,
    });
    expect(row).toEqual({
      source: 'legacy-handling',
      source_id: first!.key,
      at: first!.at,
      actor_id: '520302199001010001',
      subject_id: '520302199001010002',
      plate: '贵C90001',
      points: 3,
      phone: null,
      device_id: null,
      channel: 'window',
      outlet_code: null,
      staff_id: null,
      county_code: '520302',
    });
  });

  it('reads a page from its cursor on along the window index, without a sort', async () => {
    const start = new Date('2026-08-10T08:00:00+08:00').getTime();
    const steps = Array.from({ length: 3000 }, (_, i) => new Date(start + i * 10_000));
    await plant('legacy-handling', 'PL', steps);
    const platform = await plant('platform-handling', 'PP', steps);
    await t.ctx.db.executeQuery(CompiledQuery.raw('ANALYZE fraud_events'));
    const cursor = platform[2000]!;
    const nodes = await analysedPlan(
      t.ctx.db,
      eventsPageQuery(t.ctx.db, {
        cityCode: '520300',
        kind: 'points',
        since: new Date('2026-08-01T00:00:00+08:00'),
        until: new Date('2026-09-01T00:00:00+08:00'),
        after: cursor,
        limit: 50,
      }).compile(),
    );
    expectKeysetPageScan(nodes, {
      index: 'fraud_events_window',
      bound: 'ROW(at, source, source_id) >',
      rows: 50,
    });
  });
});
