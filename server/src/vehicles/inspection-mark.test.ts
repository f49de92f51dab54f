import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { businessClient, type User } from '../../../test/support/business.ts';
import { createVehicle, type VehicleSeed } from '../../../test/support/factories.ts';
import { expectEnglishRefusalItems } from '../../../test/support/refusals.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterEach(() => t.clock.set());
afterAll(async () => t.close());
const { as, submit, codes, basisOf, vehicle, verify } = businessClient(() => t);

const HASH = 'a'.repeat(64);
async function inspect(
  plate: string,
  result: 'pass' | 'fail' = 'pass',
  user: User = 'clerk.station',
) {
  return await t.app.inject({
    method: 'POST',
    url: '/api/v1/inspections',
    headers: await as(user),
    payload: {
      plate,
      result,
      items: [
        { code: 'BRAKE', result },
        { code: 'LIGHTS', result: 'pass', note: '前照灯正常' },
      ],
      startedAt: '2026-11-26T09:10:00+08:00',
      finishedAt: '2026-11-26T09:40:00+08:00',
      inspector: '检验员甲',
      photoHashes: [HASH],
    },
  });
}
const mark = (v: VehicleSeed, data: Record<string, unknown> = {}, user: User = 'clerk.post') =>
  submit(
    'vehicle.inspection-mark',
    { idNumber: v.ownerIdNumber, name: v.ownerName },
    { plate: v.plate, insuranceValidUntil: '2027-11-30', ...data },
    user,
  );

describe('POST /inspections: results recorded by inspection stations', () => {
  it('records a result with a report number, for station staff only', async () => {
    const v = await createVehicle(t.ctx.db);
    const res = await inspect(v.plate);
    expect(res.statusCode).toBe(201);
    expect(res.json().reportNo).toMatch(/^JC5203002026\d{8}$/);
    const row = await t.ctx.db
      .selectFrom('inspections')
      .selectAll()
      .where('report_no', '=', res.json().reportNo)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      vin: v.vin,
      city_code: '520300',
      inspector: '检验员甲',
      photo_hashes: [HASH],
    });
    expect((await inspect(v.plate, 'pass', 'clerk.city')).statusCode).toBe(403);
    expect((await inspect(v.plate, 'pass', 'clerk.dealer')).statusCode).toBe(403);
    expect((await inspect('贵CZZ999')).statusCode).toBe(404);
  });

  it('answers 400 for malformed results', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/inspections',
      headers: await as('clerk.station'),
      payload: {
        result: 'ok',
        items: [],
        startedAt: '2026-11-26 09:00',
        finishedAt: 'x',
        inspector: '',
        photoHashes: ['xyz'],
      },
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'result',
        'items',
        'startedAt',
        'finishedAt',
        'inspector',
        'photoHashes.0',
      ]),
    );
    const v = await createVehicle(t.ctx.db);
    const backwards = await t.app.inject({
      method: 'POST',
      url: '/api/v1/inspections',
      headers: await as('clerk.station'),
      payload: {
        plate: v.plate,
        result: 'pass',
        items: [{ code: 'A', result: 'pass' }],
        startedAt: '2026-11-26T10:00:00+08:00',
        finishedAt: '2026-11-26T09:00:00+08:00',
        inspector: '甲',
      },
    });
    expect(backwards.statusCode).toBe(400);
  });
});

describe('vehicle.inspection-mark (R164 §§54–57, Cond §16, the 2022 reform)', () => {
  it('is claimed without inspection in year 4 of a small private car (exempt)', async () => {
    const v = await createVehicle(t.ctx.db, {
      registeredOn: '2022-12-10',
      inspectionValidUntil: '2026-12-31',
    });
    const res = await mark(v);
    expect(res.statusCode).toBe(201);
    expect(res.json().result).toMatchObject({ inspectionValidUntil: '2028-12-31', exempt: true });
    expect(await verify(res.json().result.documents[0].verifyToken)).toMatchObject({
      valid: true,
      kind: 'inspection-mark',
    });
    expect((await vehicle(v)).inspectionValidUntil).toBe('2028-12-31');
  });

  it('sends a car once operating (营转非) to a station in an exempt year, as the city policy says (⚠ policy value)', async () => {
    const v = await createVehicle(t.ctx.db, {
      registeredOn: '2022-12-10',
      inspectionValidUntil: '2026-12-31',
    });
    await t.ctx.db
      .insertInto('vehicle_events')
      .values({
        city_code: '520300',
        vin: v.vin,
        at: new Date('2024-03-01T10:00:00+08:00'),
        event: 'changed-use-nature',
        plate: v.plate,
        actor: 'test',
        details: JSON.stringify({ change: 'use-nature', value: 'non-operating' }),
      })
      .execute();
    const converted = await mark(v);
    expect(codes(converted)).toEqual(['INSPECTION_REQUIRED']);
    // A city that does not follow that reading sets the value to 0: the car is exempt again.
    const add = await t.app.inject({
      method: 'POST',
      url: '/api/v1/policies',
      headers: await as('admin'),
      payload: {
        key: 'inspection.exemption.excludes-from-operating',
        value: 0,
        effectiveFrom: '2026-11-27',
        note: '本地口径',
      },
    });
    expect(add.statusCode).toBe(201);
    t.clock.set('2026-11-27T10:00:00+08:00');
    const res = await mark(v);
    expect(res.statusCode).toBe(201);
    expect(res.json().result).toMatchObject({ exempt: true });
  });

  it('needs a station inspection in year 6, and takes the report at the station itself', async () => {
    const v = await createVehicle(t.ctx.db, {
      registeredOn: '2020-12-10',
      inspectionValidUntil: '2026-12-31',
    });
    const none = await mark(v);
    expect(codes(none)).toEqual(['INSPECTION_REQUIRED']);
    expect(basisOf(none, 'INSPECTION_REQUIRED')).toBe('道路交通安全法实施条例 第十六条');
    const failed = (await inspect(v.plate, 'fail')).json().reportNo;
    expect(codes(await mark(v, { inspectionReportNo: failed }))).toEqual(['INSPECTION_NOT_PASSED']);
    const other = await createVehicle(t.ctx.db);
    const notOurs = (await inspect(other.plate)).json().reportNo;
    expect(codes(await mark(v, { inspectionReportNo: notOurs }))).toEqual([
      'INSPECTION_REPORT_NOT_FOUND',
    ]);
    const passed = (await inspect(v.plate)).json().reportNo;
    const res = await mark(v, { inspectionReportNo: passed }, 'clerk.station');
    expect(res.statusCode).toBe(201);
    expect(res.json().result).toMatchObject({ inspectionValidUntil: '2028-12-31', exempt: false });
  });

  it('sends a car with a casualty accident to a station, and refuses without insurance or too early', async () => {
    const v = await createVehicle(t.ctx.db, {
      registeredOn: '2022-12-10',
      inspectionValidUntil: '2026-12-31',
    });
    expect(codes(await mark(v, { casualtyAccident: true }))).toEqual(['INSPECTION_REQUIRED']);
    const uninsured = await mark(v, { insuranceValidUntil: '2026-11-01' });
    expect(codes(uninsured)).toEqual(['INSURANCE_EXPIRED']);
    expect(basisOf(uninsured, 'INSURANCE_EXPIRED')).toBe('道路交通安全法实施条例 第十七条');
    const early = await mark(
      await createVehicle(t.ctx.db, {
        registeredOn: '2023-05-10',
        inspectionValidUntil: '2027-05-31',
      }),
    );
    expect(codes(early)).toEqual(['TOO_EARLY_FOR_MARK']);
    expect(early.json().refusal.items[0].message).toContain('2027-02-28');
    expectEnglishRefusalItems(early.json().refusal.items);
  });

  it('follows the reform from its effective date: year 8 is a station inspection before 2022-10-01, exempt after', async () => {
    t.clock.set('2022-06-20T10:00:00+08:00');
    const before = await createVehicle(t.ctx.db, {
      registeredOn: '2014-08-10',
      inspectionValidUntil: '2022-08-31',
    });
    expect(codes(await mark(before, { insuranceValidUntil: '2023-06-01' }, 'clerk.city'))).toEqual([
      'INSPECTION_REQUIRED',
    ]);
    t.clock.set('2022-11-20T10:00:00+08:00');
    const after = await createVehicle(t.ctx.db, {
      registeredOn: '2014-12-10',
      inspectionValidUntil: '2022-12-31',
    });
    const res = await mark(after, { insuranceValidUntil: '2023-12-01' }, 'clerk.city');
    expect(res.statusCode).toBe(201);
    expect(res.json().result).toMatchObject({ exempt: true, inspectionValidUntil: '2024-12-31' });
  });

  it('applies a city’s shorter application window from its effective date', async () => {
    const add = await t.app.inject({
      method: 'POST',
      url: '/api/v1/policies',
      headers: await as('admin'),
      payload: {
        key: 'inspection.mark-window-months',
        value: 1,
        effectiveFrom: '2026-12-01',
        note: '本地试行',
      },
    });
    expect(add.statusCode).toBe(201);
    const v1 = await createVehicle(t.ctx.db, {
      registeredOn: '2023-01-10',
      inspectionValidUntil: '2027-01-31',
    });
    expect((await mark(v1)).statusCode).toBe(201);
    t.clock.set('2026-12-02T10:00:00+08:00');
    const v2 = await createVehicle(t.ctx.db, {
      registeredOn: '2023-01-10',
      inspectionValidUntil: '2027-01-31',
    });
    expect(codes(await mark(v2))).toEqual(['TOO_EARLY_FOR_MARK']);
  });

  it('is taken at post, insurer, station and offices; not at dealers, markets or banks', async () => {
    for (const user of ['clerk.dealer', 'clerk.market', 'clerk.bank']) {
      const v = await createVehicle(t.ctx.db, {
        registeredOn: '2022-12-10',
        inspectionValidUntil: '2026-12-31',
      });
      expect(codes(await mark(v, {}, user)), user).toEqual(['NOT_DELEGATED']);
    }
    for (const user of ['clerk.insurer', 'clerk.station', 'clerk.police', 'clerk.county']) {
      const v = await createVehicle(t.ctx.db, {
        registeredOn: '2022-12-10',
        inspectionValidUntil: '2026-12-31',
      });
      expect((await mark(v, {}, user)).statusCode, user).toBe(201);
    }
  });
});
