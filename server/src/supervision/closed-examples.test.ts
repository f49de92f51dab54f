import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { legacyLine, plantApplication, userIdOf } from '../../../test/support/business-days.ts';
import { createClerk, ZUNYI } from '../../../test/support/factories.ts';
import { examsPort } from '../../../test/support/supervision.ts';
import { gatherFacts } from './runs.service.ts';

/**
 * The examples of business outside an outlet's hours name its earliest closed quarters, read per
 * quarter from each source that had business that day: the pipeline's rows, the legacy history's
 * day summaries. Business on a lone day, in one source or in both, must be found.
 */
let t: TestApp;
const PERIOD = { from: '2026-10-12', to: '2026-10-18' };
const HOURS = {
  weekdays: [{ open: '09:00', close: '17:00' }],
  saturday: [],
  sunday: [],
  holidays: false,
};
let outlets: string[];
let actor: string;

/** An instant in Beijing time. */
const at = (local: string) => new Date(`${local}+08:00`);

async function pipeline(outlet: string, local: string) {
  await plantApplication(t.ctx.db, { outletCode: outlet, actorId: actor, at: at(local) });
}

async function legacy(outlet: string, local: string) {
  await t.ctx.db
    .insertInto('legacy_applications')
    .values(legacyLine({ id: `CLOSED-${randomUUID()}`, outletCode: outlet, at: at(local) }))
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  const clerks = await Promise.all([0, 1, 2].map(() => createClerk(t.ctx.db, 'police-window')));
  outlets = clerks.map((c) => c.outlet.code);
  await t.ctx.db
    .updateTable('outlets')
    .set({ hours: JSON.stringify(HOURS) })
    .where('code', 'in', outlets)
    .execute();
  actor = await userIdOf(t.ctx.db, clerks[0]!.username);
  const [a, b, c] = outlets as [string, string, string];
  // Tuesday the 13th: the first outlet's pipeline business at 03:00 and in hours, nothing the
  // day before or after.
  await pipeline(a, '2026-10-13T03:05:00');
  await pipeline(a, '2026-10-13T10:00:00');
  // Thursday the 15th: the second outlet's legacy business at 22:30, a lone day.
  await legacy(b, '2026-10-15T22:30:00');
  // Saturday the 17th (closed all day): the third outlet on both platforms in one quarter.
  await pipeline(c, '2026-10-17T11:01:00');
  await legacy(c, '2026-10-17T11:14:00');
});
afterAll(async () => t.close());

describe('examples of business outside hours', () => {
  it('come from each source that had business that day, a quarter of both once', async () => {
    const facts = await gatherFacts(
      t.ctx.db,
      { examResults: examsPort([]) },
      ZUNYI.cityCode,
      PERIOD,
      { 'supervision.volume-spike.lookback-days': 7 },
    );
    const examples = outlets.map((o) => facts.outletBusiness.get(o)?.closedExamples);
    expect(examples).toEqual([
      [{ day: '2026-10-13', time: '03:00', n: 1 }],
      [{ day: '2026-10-15', time: '22:30', n: 1 }],
      [{ day: '2026-10-17', time: '11:00', n: 2 }],
    ]);
    expect(outlets.map((o) => facts.outletBusiness.get(o)?.closed)).toEqual([1, 1, 2]);
  });
});
