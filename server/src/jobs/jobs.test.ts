import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, submitTempPlate, type TestApp } from '../../../test/support/app.ts';
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

    const jobs = await startJobs(t.ctx, t.databaseUrl, () => undefined);
    try {
      const relay = JOBS.find((j) => j.id === 'outbox-relay')!;
      expect(await relay.run(t.ctx, jobs.boss)).toBe(1);
      expect(await relay.run(t.ctx, jobs.boss)).toBe(0);
      const [event] = await jobs.boss.fetch<{ topic: string; payload: { applicationId: string } }>(
        EVENTS_QUEUE,
      );
      expect(event?.data.topic).toBe('vehicle.temp-plate.completed');
      expect(event?.data.payload.applicationId).toBe(res.json().id);
      const pending = await t.ctx.db
        .selectFrom('outbox')
        .select('id')
        .where('published_at', 'is', null)
        .execute();
      expect(pending).toEqual([]);
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
