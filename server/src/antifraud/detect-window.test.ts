import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { newId } from '../platform/ids.ts';
import { detectFraud } from './detect.service.ts';

/**
 * The detectors' window: the policy's 365 days up to the period's end, read in two parts, the
 * days before the period while the graph is refreshed and the period after it. Every event of
 * the window is read once, and none outside it.
 */
let t: TestApp;
const CITY = '520300';
const PERIOD = { from: '2026-06-01', to: '2026-06-30' };

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** Handlings in the graph at some Beijing instants, each of its own driver and owner. */
async function plant(instants: string[]) {
  await t.ctx.db
    .insertInto('fraud_events')
    .values(
      instants.map((at, i) => ({
        city_code: CITY,
        source: 'legacy-handling' as const,
        source_id: `DW${i}`,
        kind: 'points' as const,
        at: new Date(`${at}+08:00`),
        county_code: '520302',
        channel: 'window',
        actor_id: `52030219800101${String(1000 + i)}`,
        subject_id: `52030219800101${String(1000 + i)}`,
        plate: `贵C9${String(1000 + i)}`,
        points: 3,
        status: 'completed',
      })),
    )
    .execute();
}

describe('the detectors’ window', () => {
  it('reads the days before the period and the period once each, and nothing outside', async () => {
    await plant([
      '2025-06-30T23:59:59', // the day before the window
      '2025-07-01T00:00:00', // the window's first instant
      '2025-12-31T12:00:00',
      '2026-05-31T23:59:59', // the last instant before the period
      '2026-06-01T00:00:00', // the period's first
      '2026-06-15T09:00:00',
      '2026-06-30T23:59:59', // the period's last
      '2026-07-01T00:00:00', // after it
    ]);
    const phases = new Map<string, number>();
    const runId = newId();
    const detected = await detectFraud(t.ctx, null, { cityCode: CITY, ...PERIOD, runId }, (p) =>
      phases.set(p.name, p.rows),
    );
    expect(phases.get('anti-fraud: handlings before the period')).toBe(3);
    expect(phases.get('anti-fraud: handlings of the period')).toBe(3);
    await t.ctx.db.transaction().execute((tx) => detected.store(tx));
    const entry = await t.ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('entity_id', '=', runId)
      .where('action', '=', 'antifraud.detect')
      .executeTakeFirstOrThrow();
    expect((entry.details as { read: unknown }).read).toEqual({ handlings: 6, agency: 0 });
  });
});
