import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, submitTempPlate, type TestApp } from '../../../test/support/app.ts';
import { summariseClosedDays } from '../applications/activity.service.ts';
import { REGISTRY } from '../app/registry.ts';
import { cityCodes } from '../network/network.service.ts';
import { beijingDate } from '../platform/time.ts';
import { EVENTS_QUEUE, JOBS, startJobs } from './jobs.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('the outbox relay job', () => {
  it('moves committed events to the event queue once', async () => {
    const res = await submitTempPlate(t);
    expect(res.statusCode).toBe(201);

    const jobs = await startJobs(t.ctx, REGISTRY, t.databaseUrl, () => undefined);
    try {
      const relay = JOBS.find((j) => j.id === 'outbox-relay')!;
      expect(await relay.run(t.ctx, jobs.boss, REGISTRY)).toBe(1);
      expect(await relay.run(t.ctx, jobs.boss, REGISTRY)).toBe(0);
      const [event] = await jobs.boss.fetch<{ topic: string; payload: { applicationId: string } }>(
        EVENTS_QUEUE,
      );
      expect(event?.data.topic).toBe('vehicle.temp-plate.completed');
      expect(event?.data.payload.applicationId).toBe(res.json().id);
      // The relay removed what it published: the outbox holds nothing to publish again.
      expect(await t.ctx.db.selectFrom('outbox').select('id').execute()).toEqual([]);
      const schedules = await jobs.boss.getSchedules();
      // pg-boss returns the raw schedule rows; the time zone column is `timezone`.
      expect(
        schedules.map((s) => [s.name, (s as unknown as { timezone: string }).timezone]),
      ).toContainEqual(['outbox-relay', 'Asia/Shanghai']);
    } finally {
      await jobs.stop();
    }
  });
});

describe('the schedules of jobs', () => {
  it('unschedules a job an earlier version scheduled and this one no longer has', async () => {
    const first = await startJobs(t.ctx, REGISTRY, t.databaseUrl, () => undefined);
    try {
      await first.boss.createQueue('outbox-retention');
      await first.boss.schedule('outbox-retention', '30 3 * * *', {}, { tz: 'Asia/Shanghai' });
    } finally {
      await first.stop();
    }
    const jobs = await startJobs(t.ctx, REGISTRY, t.databaseUrl, () => undefined);
    try {
      const names = (await jobs.boss.getSchedules()).map((s) => s.name).sort();
      expect(names).toEqual(JOBS.map((j) => j.id).sort());
    } finally {
      await jobs.stop();
    }
  });
});

describe('the application activity job', () => {
  it('summarises every city’s closed days, and a second run finds nothing to do', async () => {
    // Submitted on the test clock's day, days before the real today: a closed day.
    expect((await submitTempPlate(t)).statusCode).toBe(201);
    const day = beijingDate(t.clock.now());
    const job = JOBS.find((j) => j.id === 'application-activity')!;
    await job.run(t.ctx, {} as never, REGISTRY);
    const summary = await sql<{ n: number; current: boolean }>`
      SELECT sum(a.n)::int AS n, bool_and(d.built_version = d.version) AS current
        FROM application_activity a
        JOIN application_activity_days d USING (city_code, day)
       WHERE a.day = ${day}::date`.execute(t.ctx.db);
    const applications = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM applications
       WHERE beijing_day(submitted_at) = ${day}::date`.execute(t.ctx.db);
    expect(applications.rows[0]!.n).toBeGreaterThan(0);
    expect(summary.rows[0]).toEqual({ n: applications.rows[0]!.n, current: true });
    for (const cityCode of await cityCodes(t.ctx.db)) {
      expect(await summariseClosedDays(t.ctx.db, cityCode)).toBe(0);
    }
  });

  it('runs once as the jobs start, so days left unsummarised are not left to the next night', async () => {
    expect((await submitTempPlate(t)).statusCode).toBe(201);
    const day = beijingDate(t.clock.now());
    // The day is stale now (an application of it came after its summary).
    const current = () =>
      sql<{ current: boolean }>`
        SELECT built_version = version AS current FROM application_activity_days
         WHERE day = ${day}::date`.execute(t.ctx.db);
    expect((await current()).rows).toEqual([{ current: false }]);
    const jobs = await startJobs(t.ctx, REGISTRY, t.databaseUrl, () => undefined);
    try {
      // No schedule is due in the test's minutes: only the run at start summarises the day.
      // Waits for pg-boss's worker to take it (a poll every two seconds), up to a minute.
      for (let i = 0; i < 120 && !(await current()).rows[0]?.current; i++) {
        await new Promise((r) => setTimeout(r, 500));
      }
      expect((await current()).rows).toEqual([{ current: true }]);
    } finally {
      await jobs.stop();
    }
  });
});
