import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, detailPaths, type TestApp } from '../../../test/support/app.ts';
import { createVehicle, idNumber, vin } from '../../../test/support/factories.ts';
import { expectEnglishRefusalItems } from '../../../test/support/refusals.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterEach(() => t.clock.set());
afterAll(async () => t.close());

const applicant = { idNumber: '520302199003070015', name: '张三' };
/** The demo city's own temporary-plate policy since 2019 (demo.seed.ts), as a refusal cites it. */
const ZUNYI_REFORM = '本市政策（“放管服”改革：一次性核发不超过30天，2019-01-01 起施行）';

async function tempPlate(
  data: Record<string, unknown>,
  clerk = 'clerk.dealer',
  extra: Record<string, unknown> = {},
) {
  return await t.app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: bearer(await t.login(clerk)),
    payload: { businessType: 'vehicle.temp-plate', applicant, data, ...extra },
  });
}

const valid = (overrides: Record<string, unknown> = {}) => ({
  vin: vin(),
  purpose: 'unregistered',
  days: 30,
  insuranceValidUntil: '2027-11-25',
  ...overrides,
});

/** An administrator's new policy version (`POST /policies`). */
const addPolicy = async (payload: Record<string, unknown>) =>
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/policies',
    headers: bearer(await t.login('admin')),
    payload,
  });

describe('vehicle.temp-plate at a 4S dealer (R164 §§46–47)', () => {
  it('issues one plate of at most 30 days under the reformed policy', async () => {
    t.clock.set('2026-11-26T09:00:00+08:00');
    const res = await tempPlate(valid());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      status: 'completed',
      channel: 'social',
      outletCode: '520303-DL-001',
    });
    expect(body.result).toMatchObject({ validFrom: '2026-11-26', validUntil: '2026-12-25' });
    expect(body.result.tempPlate).toMatch(/^贵C临\d+$/);
    expect(body.result.documents[0]).toMatchObject({
      kind: 'temp-plate',
      number: body.result.tempPlate,
    });
    expect(body.applicant.idNumber).toBe('520302********0015'); // a dealer sees it masked
  });

  it('refuses a second issue for the same VIN (1 issue since the reform)', async () => {
    const v = vin();
    expect((await tempPlate(valid({ vin: v }))).statusCode).toBe(201);
    t.clock.set('2027-01-05T09:00:00+08:00'); // after the first expired
    const res = await tempPlate(valid({ vin: v }));
    expect(res.statusCode).toBe(422);
    expect(res.json().refusal.items.map((i: { code: string }) => i.code)).toEqual([
      'TEMP_PLATE_ISSUES_EXHAUSTED',
    ]);
    // The limit of 1 is the city's policy, not §47 (which allows three): the notice says so.
    expect(res.json().refusal.items[0].legalBasis).toBe(
      `${ZUNYI_REFORM}；机动车登记规定 第四十七条`,
    );
    expectEnglishRefusalItems(res.json().refusal.items);
  });

  it('lists days over the limit and validity beyond insurance in one notice', async () => {
    const res = await tempPlate(valid({ days: 45, insuranceValidUntil: '2026-12-10' }));
    expect(res.statusCode).toBe(422);
    const items = res.json().refusal.items;
    expect(items.map((i: { code: string }) => i.code)).toEqual([
      'TEMP_PLATE_DAYS_EXCEEDED',
      'TEMP_PLATE_BEYOND_INSURANCE',
    ]);
    // The 30 days in force are the city's own version (the demo's reform): cited as such.
    expect(items.map((i: { legalBasis: string }) => i.legalBasis)).toEqual([
      `${ZUNYI_REFORM}；机动车登记规定 第四十七条`,
      '机动车登记规定 第四十七条',
    ]);
    expectEnglishRefusalItems(items);
    expect(items[0]).toMatchObject({
      messageEn: 'The requested validity of 45 days exceeds the maximum of 30 days.',
      remedyEn: 'Shorten the validity to at most 30 days.',
    });
    expect(items[1].remedyEn).toContain('at most 15 days');
  });

  it('refuses expired insurance', async () => {
    const res = await tempPlate(valid({ insuranceValidUntil: '2026-11-25' }));
    expect(res.json().refusal.items.map((i: { code: string }) => i.code)).toEqual([
      'INSURANCE_EXPIRED',
    ]);
    expectEnglishRefusalItems(res.json().refusal.items);
    expect(res.json().refusal.items[0].messageEn).toContain('expired on 2026-11-25');
  });

  it('never lets a vehicle carry two valid temporary plates, whatever their purposes', async () => {
    t.clock.set('2026-11-26T09:00:00+08:00');
    for (const [first, second] of [
      ['unregistered', 'export'],
      ['export', 'unregistered'],
    ]) {
      const v = vin();
      expect((await tempPlate(valid({ vin: v, purpose: first }))).statusCode, first).toBe(201);
      const res = await tempPlate(valid({ vin: v, purpose: second }));
      expect(
        res.json().refusal?.items.map((i: { code: string }) => i.code),
        second,
      ).toEqual(['TEMP_PLATE_STILL_VALID']);
      expect(res.json().refusal.items[0].legalBasis).toBe('机动车登记规定 第四十七条');
      expect(res.json().refusal.items[0].message).toContain('2026-12-25');
    }
    // Once the first has run out, the other purpose may follow.
    const v = vin();
    expect((await tempPlate(valid({ vin: v, purpose: 'unregistered', days: 5 }))).statusCode).toBe(
      201,
    );
    t.clock.set('2026-12-01T09:00:00+08:00');
    expect((await tempPlate(valid({ vin: v, purpose: 'export' }))).statusCode).toBe(201);
  });

  it('refuses a registered vehicle and a stolen one', async () => {
    const registered = await createVehicle(t.ctx.db);
    const stolen = await createVehicle(t.ctx.db, { status: 'stolen' });
    const a = await tempPlate(valid({ vin: registered.vin }));
    expect(a.json().refusal.items.map((i: { code: string }) => i.code)).toEqual([
      'VEHICLE_ALREADY_REGISTERED',
    ]);
    // The plate number is the only Chinese left in the English text.
    expectEnglishRefusalItems(a.json().refusal.items, [registered.plate]);
    expect(a.json().refusal.items[0].messageEn).toContain(`(plate number ${registered.plate})`);
    const b = await tempPlate(valid({ vin: stolen.vin, purpose: 'export' }));
    expect(b.json().refusal.items.map((i: { code: string }) => i.code)).toEqual([
      'VEHICLE_ALREADY_REGISTERED',
      'VEHICLE_STOLEN',
    ]);
    expectEnglishRefusalItems(b.json().refusal.items, [stolen.plate]);
  });

  it("refuses a registered vehicle's purposes at a dealer, and to anyone but its owner (§§18, 27, 28, 47)", async () => {
    const mortgaged = await createVehicle(t.ctx.db, {
      mortgage: { mortgageeOrgCode: '520302-BK-001', contractNo: 'DY-T1' },
    });
    const codesOf = (res: { json(): { refusal?: { items: { code: string }[] } } }) =>
      res.json().refusal?.items.map((i) => i.code);
    // A stranger at the dealer: neither the outlet nor the applicant may have it.
    const atDealer = await tempPlate(valid({ vin: mortgaged.vin, purpose: 'move-out' }));
    expect(codesOf(atDealer)).toEqual(['OUTLET_SCOPE_EXCEEDED', 'APPLICANT_NOT_OWNER']);
    expectEnglishRefusalItems(atDealer.json().refusal.items);
    // A random VIN for every other purpose at the dealer.
    for (const [purpose, days] of [
      ['used-car-export', 60],
      ['move-out', 30],
      ['plate-delay', 15],
      ['oversize', 90],
      ['testing', 180],
    ] as const) {
      const res = await tempPlate(valid({ purpose, days }));
      expect(res.statusCode, purpose).toBe(422);
      expect(codesOf(res), purpose).toContain('OUTLET_SCOPE_EXCEEDED');
    }
    // At the office: a deregistered car, a car not on file, and someone else's car.
    const deregistered = await createVehicle(t.ctx.db, { status: 'deregistered' });
    const owner = { idNumber: deregistered.ownerIdNumber, name: deregistered.ownerName };
    const office = async (data: Record<string, unknown>, who = applicant) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/applications',
        headers: bearer(await t.login('clerk.city')),
        payload: { businessType: 'vehicle.temp-plate', applicant: who, data },
      });
    const dereg = await office(
      valid({ vin: deregistered.vin, purpose: 'plate-delay', days: 15 }),
      owner,
    );
    expect(codesOf(dereg)).toEqual(['VEHICLE_DEREGISTERED']);
    const unknown = await office(valid({ purpose: 'used-car-export', days: 60 }));
    expect(codesOf(unknown)).toEqual(['VEHICLE_NOT_FOUND']);
    expect(unknown.json().refusal.items[0].legalBasis).toBe('机动车登记规定 第二十八条');
    const notOwner = await office(valid({ vin: mortgaged.vin, purpose: 'move-out' }));
    expect(codesOf(notOwner)).toEqual(['APPLICANT_NOT_OWNER']);
    // Its owner, at the office: issued.
    const own = await office(valid({ vin: mortgaged.vin, purpose: 'used-car-export', days: 60 }), {
      idNumber: mortgaged.ownerIdNumber,
      name: mortgaged.ownerName,
    });
    expect(own.statusCode).toBe(201);
  });

  it('rejects malformed data with the path of every bad field', async () => {
    const res = await tempPlate({
      vin: 'LSJA24U62JG26922I',
      purpose: 'sale',
      days: 0,
      insuranceValidUntil: '2026-02-30',
    });
    expect(res.statusCode).toBe(400);
    expect(detailPaths(res)).toEqual([
      'data.days',
      'data.insuranceValidUntil',
      'data.purpose',
      'data.vin',
    ]);
  });

  it('is not delegated to a bank', async () => {
    const res = await tempPlate(valid(), 'clerk.bank');
    const [item] = res.json().refusal.items;
    expect(item.code).toBe('NOT_DELEGATED');
    // The reason is all English; the remedy may name outlets, whose names stay Chinese.
    expect(item.messageEn).toMatch(/"Temporary plate"/);
    expect(item.messageEn).not.toMatch(/[\u4e00-\u9fa5]/);
    expect(item.remedyEn).toMatch(/^Please apply at one of the following: [^\u4e00-\u9fa5]+\./);
  });

  it('is a policy change, not a code change: the old 2 × 15 days, and a new version from a future date', async () => {
    // Under the policy in force in 2018 (before the reform; dealers had no agreement yet, so at
    // the city office): 15 days, two issues.
    t.clock.set('2018-06-01T09:00:00+08:00');
    const old = await tempPlate(
      valid({ days: 20, insuranceValidUntil: '2019-05-31' }),
      'clerk.city',
    );
    expect(old.json().refusal.items[0]).toMatchObject({
      code: 'TEMP_PLATE_DAYS_EXCEEDED',
      message: '申请的有效期 20 天超过规定上限 15 天',
      messageEn: 'The requested validity of 20 days exceeds the maximum of 15 days.',
      remedyEn: 'Shorten the validity to at most 15 days.',
    });
    expectEnglishRefusalItems(old.json().refusal.items);
    const oldOk = (
      await tempPlate(valid({ days: 15, insuranceValidUntil: '2019-05-31' }), 'clerk.city')
    ).json();
    expect(oldOk.status).toBe('completed');

    // An administrator schedules a change (e.g. back to the national 3 issues) from 2027-01-01.
    t.clock.set('2026-11-26T09:00:00+08:00');
    const add = await addPolicy({
      key: 'temp-plate.unregistered.max-issues',
      value: 3,
      effectiveFrom: '2027-01-01',
      note: '执行部令上限',
    });
    expect(add.statusCode).toBe(201);
    const v = vin();
    expect((await tempPlate(valid({ vin: v, days: 5 }))).statusCode).toBe(201);
    t.clock.set('2026-12-20T09:00:00+08:00');
    expect((await tempPlate(valid({ vin: v, days: 5 }))).json().refusal.items[0].code).toBe(
      'TEMP_PLATE_ISSUES_EXHAUSTED',
    );
    t.clock.set('2027-01-02T09:00:00+08:00');
    expect((await tempPlate(valid({ vin: v, days: 5 }))).statusCode).toBe(201);

    // The 2018 decision still shows the policy it was decided under.
    const again = await t.app.inject({
      url: `/api/v1/applications/${oldOk.id}`,
      headers: bearer(await t.login('clerk.city')),
    });
    const row = await t.ctx.db
      .selectFrom('applications')
      .select('policy')
      .where('id', '=', oldOk.id)
      .executeTakeFirstOrThrow();
    expect(again.statusCode).toBe(200);
    expect(row.policy).toMatchObject({
      'temp-plate.unregistered.max-days': { value: 15, effectiveFrom: '2018-01-01' },
    });
  });

  it('decides with a version that takes effect today from the very next application', async () => {
    // A day of its own, years ahead: no other test decides under this version.
    t.clock.set('2031-03-03T09:00:00+08:00');
    const data = () => valid({ days: 20, insuranceValidUntil: '2032-01-01' });
    expect((await tempPlate(data(), 'clerk.city')).statusCode).toBe(201);
    const add = await addPolicy({
      key: 'temp-plate.unregistered.max-days',
      value: 10,
      effectiveFrom: '2031-03-03',
    });
    expect(add.statusCode).toBe(201);
    const refused = await tempPlate(data(), 'clerk.city');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().refusal.items.map((i: { code: string }) => i.code)).toContain(
      'TEMP_PLATE_DAYS_EXCEEDED',
    );
  });

  it('refuses a retroactive policy change', async () => {
    const res = await addPolicy({
      key: 'temp-plate.unregistered.max-days',
      value: 60,
      effectiveFrom: '2026-01-01',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('effectiveFrom');
  });

  it('lets only one of two simultaneous requests for the same VIN through', async () => {
    const v = vin();
    const results = await Promise.all([tempPlate(valid({ vin: v })), tempPlate(valid({ vin: v }))]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 422]);
  });

  it('accepts an agent for a temporary plate', async () => {
    const res = await tempPlate(valid(), 'clerk.dealer', {
      agent: { idNumber: idNumber(), name: '经销商经办人' },
    });
    expect(res.statusCode).toBe(201);
  });
});
