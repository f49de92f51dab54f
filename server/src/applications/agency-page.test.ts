import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { analysedPlan, expectKeysetPageScan } from '../../../test/support/plans.ts';
import {
  plantCopies,
  spaced,
  storedReissue,
  type StoredApplication,
} from '../../../test/support/planted-applications.ts';
import { agencyApplications } from './activity.service.ts';
import { agencyPageQuery } from './activity.repository.ts';

/**
 * The platform's applications made by an agent (代办), read by the anti-fraud graph in keyset
 * pages after (submittedAt, id): every one once, in order, each page along the index that holds
 * them only.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** Copies of an agent's application at the instants given, with its agent or without one. */
const plant = (row: StoredApplication, at: Date[], withAgent: boolean) =>
  plantCopies(t, row, at, { withAgent });
const agentApplication = () => storedReissue(t, { byAgent: true });

const window = {
  cityCode: '520300',
  since: new Date('2026-08-01T00:00:00+08:00'),
  until: new Date('2026-08-04T00:00:00+08:00'),
};

describe('applications made by agents, in keyset pages', () => {
  it('gives every one of the period once, in time order, whatever the page size', async () => {
    const row = await agentApplication();
    const at = (s: string) => new Date(s);
    const inside = await plant(
      row,
      [
        at('2026-08-01T00:00:00+08:00'),
        at('2026-08-02T09:00:00+08:00'),
        at('2026-08-02T09:00:00+08:00'), // the same instant: ordered by id
        at('2026-08-03T23:59:59+08:00'),
      ],
      true,
    );
    await plant(row, [at('2026-07-31T23:59:59+08:00'), at('2026-08-04T00:00:00+08:00')], true);
    await plant(row, [at('2026-08-02T10:00:00+08:00')], false);
    const expected = inside
      .sort((a, b) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : 1))
      .map((r) => r.id);
    for (const limit of [1, 2, 3, 100]) {
      const seen: string[] = [];
      let after: { submittedAt: Date; id: string } | undefined;
      for (;;) {
        const page = await agencyApplications(t.ctx.db, { ...window, after, limit });
        seen.push(...page.map((a) => a.id));
        const last = page.at(-1);
        if (page.length < limit || !last) break;
        after = { submittedAt: last.submittedAt, id: last.id };
      }
      expect(seen, `pages of ${limit}`).toEqual(expected);
    }
  });

  it('reads a page along the index of agents’ applications, bounded by its cursor, without a sort', async () => {
    const row = await agentApplication();
    const day = new Date('2026-09-10T08:00:00+08:00').getTime();
    // Most business is without an agent, as in a city.
    await plant(row, spaced(6000, day + 5_000), false);
    const agents = await plant(row, spaced(1000, day), true);
    await t.ctx.db.executeQuery(CompiledQuery.raw('ANALYZE applications'));
    const cursor = agents.sort((a, b) => a.at.getTime() - b.at.getTime())[400]!;
    const nodes = await analysedPlan(
      t.ctx.db,
      agencyPageQuery(t.ctx.db, {
        cityCode: '520300',
        since: new Date('2026-09-01T00:00:00+08:00'),
        until: new Date('2026-10-01T00:00:00+08:00'),
        after: { submittedAt: cursor.at, id: cursor.id },
        limit: 50,
      }).compile(),
    );
    expectKeysetPageScan(nodes, {
      index: 'applications_agency',
      bound: 'ROW(submitted_at, id) >',
      rows: 50,
    });
  });
});
