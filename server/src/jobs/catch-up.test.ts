import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, submitTempPlate, type TestApp } from '../../../test/support/app.ts';
import { REGISTRY } from '../app/registry.ts';
import { datesBetween } from '../platform/time.ts';
import { JOBS } from './jobs.ts';

/**
 * The daily jobs over "the day before" after nights the server was down: the next run makes up
 * every recent day it missed (a week at most), and never does a day twice.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const run = async (id: string, at: string) => {
  t.clock.set(at);
  await JOBS.find((j) => j.id === id)!.run(t.ctx, {} as never, REGISTRY);
};

describe('the call-back sampling job', () => {
  it('samples every recent day not sampled yet, each day once', async () => {
    // Every completed application sampled, so that what a day's sample opens is known.
    await t.ctx.db
      .insertInto('policy_values')
      .values({
        key: 'callback.sample-rate',
        value: JSON.stringify(1),
        effective_from: '2026-11-01',
        legal_basis: '测试',
        note: '测试',
        created_by: 'test',
        city_code: '520300',
      })
      .execute();
    const completed: Record<string, string> = {};
    for (const day of ['2026-11-20', '2026-11-22']) {
      t.clock.set(`${day}T10:00:00+08:00`);
      const res = await submitTempPlate(t);
      expect(res.statusCode).toBe(201);
      completed[day] = res.json().id;
    }
    // The job ran in the night after the 20th; the server was then down until the 24th.
    await run('callback-sampling', '2026-11-21T01:30:00+08:00');
    await run('callback-sampling', '2026-11-24T01:30:00+08:00');
    await run('callback-sampling', '2026-11-24T01:35:00+08:00');
    const sampled = await t.ctx.db
      .selectFrom('callbacks')
      .select('application_id')
      .where('reason', '=', 'sample')
      .where('application_id', 'in', Object.values(completed))
      .execute();
    expect(sampled.map((c) => c.application_id).sort()).toEqual(Object.values(completed).sort());
    const days = await t.ctx.db
      .selectFrom('callback_sample_days')
      .select('day')
      .where('city_code', '=', '520300')
      .orderBy('day')
      .execute();
    // A week back from each run: the 14th to the 20th, then the 21st to the 23rd.
    expect(days.map((d) => d.day)).toEqual(datesBetween('2026-11-14', '2026-11-23'));
    const audited = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_log
       WHERE action = 'callback.sampled' AND details->>'applicationId' IN (${sql.join(Object.values(completed))})`.execute(
      t.ctx.db,
    );
    expect(audited.rows[0]!.n).toBe(2);
  });
});

describe('the supervision daily job', () => {
  it('runs over every recent day it missed, and no day twice', async () => {
    await run('supervision-daily', '2026-11-23T02:00:00+08:00');
    // Down in the night after the 23rd; back the night after.
    await run('supervision-daily', '2026-11-25T02:00:00+08:00');
    await run('supervision-daily', '2026-11-25T02:05:00+08:00');
    const runs = await t.ctx.db
      .selectFrom('supervision_runs')
      .select(['period_from', 'period_to'])
      .where('city_code', '=', '520300')
      .where('trigger', '=', 'job')
      .orderBy('period_from')
      .execute();
    expect(runs.every((r) => r.period_from === r.period_to)).toBe(true);
    expect(runs.map((r) => r.period_from)).toEqual(datesBetween('2026-11-16', '2026-11-24'));
  });
});
