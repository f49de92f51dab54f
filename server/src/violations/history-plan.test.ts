import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { plantHandledRecords } from '../../../test/support/handled-records.ts';
import { newId } from '../platform/ids.ts';
import { handlingHistoryRead } from './violations.repository.ts';

/**
 * A driver's handling history is read through the driver's and the plate's records, whatever the
 * statistics say about recent handling days (always behind the newest ones), never through an
 * index of the whole city's handlings.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const handled = (tag: string, day: string, n: number) =>
  plantHandledRecords(t.ctx.db, { tag, day, n });

it('reads a driver’s handling history without the city’s index of handlings', async () => {
  // Statistics taken over a past of handled records, then a day's handlings they do not know.
  await handled('P', '2025-06-10', 5000);
  await t.ctx.db.executeQuery(CompiledQuery.raw('ANALYZE violations'));
  const today = new Date().toISOString().slice(0, 10);
  await handled('T', today, 5000);
  const { query } = handlingHistoryRead({
    cityCode: '520300',
    driver: '520302199001010001',
    plate: '贵C90001',
    since: today,
    cycleStart: today,
  });
  const plan = await t.ctx.db.executeQuery<{ 'QUERY PLAN': unknown }>(
    CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${query.sql}`, [...query.parameters]),
  );
  const text = JSON.stringify(plan.rows[0]!['QUERY PLAN']);
  expect(text).not.toContain('violations_platform_handled');
  expect(text).toContain('violations_driver');
  expect(text).toContain('violations_plate');
});

it('takes the handling of the later application as the last one when two share an instant', async () => {
  // A clock that stands still (a test's) gives two handlings one instant; the one whose
  // application came later (ids are time-ordered) is the driver's last, wherever its row lies.
  const at = new Date('2026-11-20T10:00:00+08:00');
  const driver = '520302199002020022';
  const row = (id: string, plate: string, applicationId: string) => ({
    city_code: '520300',
    id,
    county_code: '520302',
    plate,
    code: '1116',
    occurred_at: at,
    points: 6,
    fine: 200,
    status: 'handled' as const,
    source: 'import' as const,
    recorded_at: at,
    handled_by: driver,
    owner_id_number: null,
    handled_on: '2026-11-20',
    handled_at: at,
    handled_application_id: applicationId,
  });
  const earlier = newId(Date.parse('2026-12-01T00:00:00Z'));
  const later = newId(Date.parse('2026-12-01T00:00:01Z'));
  await t.ctx.db
    .insertInto('violations')
    .values([row('TIEEARLIER01', '贵C7T001', earlier), row('TIELATER0001', '贵C7T002', later)])
    .execute();
  const { query, answer } = handlingHistoryRead({
    cityCode: '520300',
    driver,
    plate: '贵C7T003',
    since: '2026-01-01',
    cycleStart: '2026-01-01',
  });
  const { rows } = await t.ctx.db.executeQuery(query);
  expect(answer(rows).lastHandledPlate).toBe('贵C7T002');
});
