import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { businessClient } from '../../../test/support/business.ts';
import { createVehicle, type VehicleSeed } from '../../../test/support/factories.ts';
import { runAlerts } from '../../../test/support/supervision.ts';

/**
 * Rule `frequent-move` (R164 §74): one vehicle moved out of and into the city more often than
 * `supervision.frequent-move.max-count` (default 2) within `supervision.frequent.window-days`,
 * counted over change registrations completed on the platform (other changes do not count).
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());
const { submit } = businessClient(() => t);

/** A real move-out at the window (today, 2026-11-26), to Guiyang. */
async function moveOut(v: VehicleSeed) {
  const res = await submit(
    'vehicle.change',
    { idNumber: v.ownerIdNumber, name: v.ownerName },
    { plate: v.plate, change: 'move-out', value: '520100' },
    'clerk.city',
  );
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

/** Earlier completed change registrations of the same vehicle: copies of a real one. */
async function plantEarlier(applicationId: string, changes: [string, string][]) {
  const row = await t.ctx.db
    .selectFrom('applications')
    .selectAll()
    .where('id', '=', applicationId)
    .executeTakeFirstOrThrow();
  const { events: _events, ...copy } = row;
  for (const [change, day] of changes) {
    const at = new Date(`${day}T10:00:00+08:00`);
    await t.ctx.db
      .insertInto('applications')
      .values({
        ...copy,
        id: crypto.randomUUID(),
        data: JSON.stringify({ ...(row.data as object), change }),
        result: JSON.stringify(row.result),
        policy: JSON.stringify(row.policy),
        agent: row.agent === null ? null : JSON.stringify(row.agent),
        refusal: null,
        submitted_at: at,
        completed_at: at,
      })
      .execute();
  }
}

describe('frequent-move', () => {
  it('flags a vehicle moved out and in three times in the window, not twice, not other changes', async () => {
    const often = await createVehicle(t.ctx.db);
    const twice = await createVehicle(t.ctx.db);
    const recoloured = await createVehicle(t.ctx.db);
    await plantEarlier(await moveOut(often), [
      ['move-out', '2026-03-02'],
      ['move-in', '2026-06-01'],
    ]);
    await plantEarlier(await moveOut(twice), [['move-in', '2026-06-01']]);
    await plantEarlier(await moveOut(recoloured), [
      ['colour', '2026-03-02'],
      ['colour', '2026-06-01'],
    ]);
    // Two of its three moves were more than a window (365 days) ago.
    const old = await createVehicle(t.ctx.db);
    await plantEarlier(await moveOut(old), [
      ['move-out', '2024-03-02'],
      ['move-in', '2024-06-01'],
    ]);

    const alerts = await runAlerts(t, '2026-11-26', '2026-11-26', 'frequent-%');
    expect(alerts.map((a) => [a.rule, a.subject_id])).toEqual([['frequent-move', often.plate]]);
    expect(alerts[0]!.evidence).toMatchObject({ count: 3 });
    expect((alerts[0]!.evidence as { applications: string[] }).applications).toHaveLength(3);
  });
});
