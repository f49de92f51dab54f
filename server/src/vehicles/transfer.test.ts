import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../applications/registry.ts';
import { handlersWith } from '../app/registry.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { businessClient } from '../../../test/support/business.ts';
import {
  createVehicle,
  idNumber,
  orgCode,
  type VehicleSeed,
} from '../../../test/support/factories.ts';
import { expectEnglishRefusalItems } from '../../../test/support/refusals.ts';
import { parsePlate } from '#shared/validators/index.ts';

// Violations come through the port: this registry knows two plates with unhandled records.
const withViolations = new Set<string>();
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    registry: createRegistry(
      handlersWith({
        unhandledViolations: async (_db, q) => (withViolations.has(q.plate) ? 2 : 0),
      }),
    ),
  });
});
afterEach(() => t.clock.set());
afterAll(async () => t.close());
const { as, submit, codes, basisOf, vehicle, verify } = businessClient(() => t);

/** A result recorded by an inspection station (POST /inspections); its report number. */
async function inspect(plate: string, result: 'pass' | 'fail' = 'pass'): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/inspections',
    headers: await as('clerk.station'),
    payload: {
      plate,
      result,
      items: [{ code: 'BRAKE', result }],
      startedAt: '2026-11-26T09:10:00+08:00',
      finishedAt: '2026-11-26T09:40:00+08:00',
      inspector: '检验员甲',
      photoHashes: ['a'.repeat(64)],
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json().reportNo;
}

const buyer = () => ({ idNumber: idNumber(), name: '王五' });
const transfer = (
  v: VehicleSeed,
  data: Record<string, unknown> = {},
  user = 'clerk.market',
  applicant = buyer(),
) =>
  submit('vehicle.transfer', applicant, { plate: v.plate, invoiceNo: 'ESC2026001', ...data }, user);

describe('vehicle.transfer (R164 §§25–30)', () => {
  it('gives a vehicle of another plate layout a number of its own layout', async () => {
    for (const [vehicleType, kind] of [
      ['small-new-energy', 'new-energy-small'],
      ['large-car', 'ordinary'],
      ['trailer', 'trailer'],
    ] as const) {
      const v = await createVehicle(t.ctx.db, { vehicleType });
      const res = await transfer(v);
      expect(res.statusCode).toBe(201);
      const parsed = parsePlate(res.json().result.plate);
      expect(parsed.ok && parsed.value.kind).toBe(kind);
    }
  });

  it('moves the vehicle to the new owner at a used-car market with a new number', async () => {
    const v = await createVehicle(t.ctx.db);
    const newOwner = buyer();
    const res = await transfer(v, {}, 'clerk.market', newOwner);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ status: 'completed', channel: 'social' });
    expect(body.result.plate).not.toBe(v.plate);
    expect(body.result.documents.map((d: { kind: string }) => d.kind)).toEqual([
      'vehicle-licence',
      'plate',
      'inspection-mark',
    ]);
    const now = await vehicle(v);
    expect(now).toMatchObject({ plate: body.result.plate, status: 'normal' });
    expect(now.owner.idNumber).toBe(newOwner.idNumber);
    // The old plate number is free again (nobody kept it).
    const history = await t.app.inject({
      url: `/api/v1/vehicles/${v.vin}/history`,
      headers: { authorization: `Bearer ${await t.login('clerk.city')}` },
    });
    expect(history.json().items.map((i: { event: string }) => i.event)).toContain('transferred');
  });

  it('carries a mortgage over when the mortgagee co-applies, and refuses without it', async () => {
    const bank = '520302-BK-001';
    const v = await createVehicle(t.ctx.db, {
      mortgage: { mortgageeOrgCode: bank, contractNo: 'DY-1' },
    });
    const alone = await transfer(v);
    expect(codes(alone)).toEqual(['MORTGAGEE_NOT_CO_APPLYING']);
    expect(basisOf(alone, 'MORTGAGEE_NOT_CO_APPLYING')).toBe('机动车登记规定 第二十六条');
    // Another mortgagee's code is not this mortgage's mortgagee (§26 ¶3); the notice tells
    // neither the code nor a bank outlet, which takes no transfer.
    const other = await transfer(v, { mortgageeOrgCode: '520302-BK-002', contractNo: 'DY-2' });
    expect(codes(other)).toEqual(['MORTGAGEE_NOT_CO_APPLYING']);
    for (const res of [alone, other]) {
      const [item] = res.json().refusal.items;
      expect(res.body).not.toContain(bank);
      expect(item.message).toContain('须由抵押权人共同申请');
      expect(item.remedy).toContain('抵押权人代码');
      expect(item.remedy).not.toContain('银行');
      expect(item.remedyEn).not.toContain('bank');
    }
    expect(codes(await transfer(v, {}, 'clerk.bank'))).toEqual(['NOT_DELEGATED']);
    const representative = { idNumber: idNumber(), name: '抵押权人代表' };
    const joint = await transfer(v, {
      mortgageeOrgCode: bank,
      mortgageeRepresentative: representative,
      contractNo: 'DY-2',
    });
    expect(joint.statusCode).toBe(201);
    // Registered anew and endorsed on the registration certificate (none on file for this
    // vehicle of the legacy platform): no paper of its own.
    expect(joint.json().result.documents.map((d: { kind: string }) => d.kind)).toEqual([
      'vehicle-licence',
      'plate',
      'inspection-mark',
    ]);
    expect(await vehicle(v)).toMatchObject({
      status: 'mortgaged',
      mortgage: { mortgageeOrgCode: bank, contractNo: 'DY-2', registeredOn: '2026-11-26' },
    });
  });

  it("carries a mortgage over with the contract's fields alone: the mortgagee named by mortgageeOrgCode (CONTRACT.md)", async () => {
    const bank = '520302-BK-001';
    for (const user of ['clerk.market', 'clerk.city']) {
      const v = await createVehicle(t.ctx.db, {
        mortgage: { mortgageeOrgCode: bank, contractNo: 'DY-5' },
      });
      const newOwner = buyer();
      const res = await transfer(v, { mortgageeOrgCode: bank }, user, newOwner);
      expect(res.statusCode, user).toBe(201);
      expect(await vehicle(v)).toMatchObject({
        status: 'mortgaged',
        owner: { idNumber: newOwner.idNumber },
        mortgage: { mortgageeOrgCode: bank, contractNo: 'DY-5' },
      });
    }
  });

  it('moves a mortgage over on its own contract when the parties give no new one (CONTRACT.md names none)', async () => {
    const bank = '520302-BK-001';
    const v = await createVehicle(t.ctx.db, {
      mortgage: { mortgageeOrgCode: bank, contractNo: 'DY-9' },
    });
    const res = await transfer(v, {
      mortgageeOrgCode: bank,
      mortgageeRepresentative: { idNumber: idNumber(), name: '抵押权人代表' },
    });
    expect(res.statusCode).toBe(201);
    expect(await vehicle(v)).toMatchObject({
      status: 'mortgaged',
      mortgage: { mortgageeOrgCode: bank, contractNo: 'DY-9', registeredOn: '2026-11-26' },
    });
  });

  it('needs an inspection and insurance when the inspection has expired, but is not barred', async () => {
    const v = await createVehicle(t.ctx.db, { inspectionValidUntil: '2026-05-31' });
    const res = await transfer(v);
    expect(codes(res)).toEqual(['INSPECTION_REQUIRED', 'INSURANCE_REQUIRED']);
    expect(basisOf(res, 'INSPECTION_REQUIRED')).toBe('机动车登记规定 第二十六条');
    expect(basisOf(res, 'INSURANCE_REQUIRED')).toBe('机动车登记规定 第二十六条');
    expectEnglishRefusalItems(res.json().refusal.items);
  });

  it('says what is wrong with each material for an expired inspection (§26(6))', async () => {
    const v = await createVehicle(t.ctx.db, { inspectionValidUntil: '2026-05-31' });
    const other = await createVehicle(t.ctx.db);
    const insured = { insuranceValidUntil: '2027-11-30' };
    const cases: [Record<string, unknown>, string[]][] = [
      [
        { ...insured, inspectionReportNo: await inspect(other.plate) },
        ['INSPECTION_REPORT_NOT_THIS_VEHICLE'],
      ],
      [
        { ...insured, inspectionReportNo: await inspect(v.plate, 'fail') },
        ['INSPECTION_NOT_PASSED'],
      ],
      [{ ...insured, inspectionReportNo: 'JC520300209900000001' }, ['INSPECTION_REPORT_NOT_FOUND']],
      [
        { inspectionReportNo: await inspect(v.plate), insuranceValidUntil: '2026-11-25' },
        ['INSURANCE_EXPIRED'],
      ],
      // Every failing one at once: another vehicle's report and expired insurance.
      [
        { inspectionReportNo: await inspect(other.plate), insuranceValidUntil: '2026-11-25' },
        ['INSPECTION_REPORT_NOT_THIS_VEHICLE', 'INSURANCE_EXPIRED'],
      ],
    ];
    for (const [data, expected] of cases) {
      const res = await transfer(v, data);
      expect(codes(res), JSON.stringify(data)).toEqual(expected);
      expectEnglishRefusalItems(res.json().refusal.items);
    }
    const lawful = await transfer(v, { ...insured, inspectionReportNo: await inspect(v.plate) });
    expect(lawful.statusCode).toBe(201);
  });

  it('refuses a stolen, seized or deregistered vehicle, one near its scrap age, or with open violations', async () => {
    const taxi = await createVehicle(t.ctx.db, {
      useNature: 'operating',
      registeredOn: '2017-03-01',
    });
    const violated = await createVehicle(t.ctx.db);
    withViolations.add(violated.plate);
    const cases: [VehicleSeed, string, string][] = [
      [
        await createVehicle(t.ctx.db, { status: 'stolen' }),
        'VEHICLE_STOLEN',
        '机动车登记规定 第七十六条',
      ],
      [
        await createVehicle(t.ctx.db, { status: 'seized' }),
        'VEHICLE_SEIZED',
        '机动车登记规定 第二十九条',
      ],
      [
        await createVehicle(t.ctx.db, { status: 'deregistered' }),
        'VEHICLE_DEREGISTERED',
        '机动车登记规定 第三十七条',
      ],
      [taxi, 'NEAR_SCRAP_AGE', '机动车登记规定 第二十九条'],
      [violated, 'VIOLATIONS_UNHANDLED', '机动车登记规定 第二十五条'],
    ];
    for (const [v, code, basis] of cases) {
      const res = await transfer(v);
      expect(codes(res), code).toEqual([code]);
      expect(basisOf(res, code)).toBe(basis);
      expectEnglishRefusalItems(res.json().refusal.items, [v.plate]);
    }
    const other = await transfer({ ...taxi, plate: '贵AB1234' });
    expect(codes(other)).toEqual(['NOT_IN_JURISDICTION']);
    const self = await submit(
      'vehicle.transfer',
      { idNumber: violated.ownerIdNumber, name: 'x' },
      { plate: violated.plate, invoiceNo: 'A1' },
      'clerk.market',
    );
    expect(codes(self)).toContain('TRANSFER_TO_SAME_OWNER');
  });

  it('lets the former owner keep the old number after a year (§44) and an organisation buy', async () => {
    const v = await createVehicle(t.ctx.db);
    const res = await transfer(v, { keepOldNumber: true }, 'clerk.city', {
      idNumber: orgCode(),
      name: '遵义测试物流有限公司',
    });
    expect(res.statusCode).toBe(201);
    const row = await t.ctx.db
      .selectFrom('plate_reservations')
      .selectAll()
      .where('plate', '=', v.plate)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      kind: 'retained',
      holder_id_number: v.ownerIdNumber,
      reserved_until: '2028-11-26',
    });
    const fresh = await createVehicle(t.ctx.db, { registeredOn: '2026-06-01' });
    expect(codes(await transfer(fresh, { keepOldNumber: true }))).toEqual([
      'KEEP_NUMBER_NOT_ELIGIBLE',
    ]);
  });

  it('counts the year of §44 from when the former owner got the vehicle and its number', async () => {
    // Registered years ago by its first owner; inspected for the whole story.
    const v = await createVehicle(t.ctx.db, { inspectionValidUntil: '2029-12-31' });
    t.clock.set('2026-11-26T10:00:00+08:00');
    const bought = buyer();
    const first = await transfer(v, {}, 'clerk.market', bought);
    expect(first.statusCode).toBe(201);
    const held = { ...v, plate: first.json().result.plate as string };
    t.clock.set('2027-06-01T10:00:00+08:00');
    const early = await submit(
      'vehicle.transfer',
      buyer(),
      { plate: held.plate, invoiceNo: 'ESC2027001', keepOldNumber: true },
      'clerk.market',
    );
    expect(codes(early)).toEqual(['KEEP_NUMBER_NOT_ELIGIBLE']);
    expect(basisOf(early, 'KEEP_NUMBER_NOT_ELIGIBLE')).toBe('机动车登记规定 第四十四条');
    t.clock.set('2027-11-26T10:00:00+08:00');
    const kept = await transfer(held, { keepOldNumber: true });
    expect(kept.statusCode).toBe(201);
    const row = await t.ctx.db
      .selectFrom('plate_reservations')
      .selectAll()
      .where('plate', '=', held.plate)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'retained', holder_id_number: bought.idNumber });
  });

  it('is taken at markets and offices, not at banks, dealers or post points', async () => {
    for (const user of ['clerk.bank', 'clerk.dealer', 'clerk.post', 'clerk.insurer']) {
      const v = await createVehicle(t.ctx.db);
      expect(codes(await transfer(v, {}, user)), user).toEqual(['NOT_DELEGATED']);
    }
    for (const user of ['clerk.city', 'clerk.county', 'clerk.police']) {
      const v = await createVehicle(t.ctx.db);
      expect((await transfer(v, {}, user)).statusCode, user).toBe(201);
    }
  });

  it('voids the old plate and 行驶证', async () => {
    const v = await createVehicle(t.ctx.db);
    const first = (await transfer(v)).json();
    const next = (await transfer({ ...v, plate: first.result.plate })).json();
    expect(next.result.voidedNumbers).toContain(first.result.documents[0].number);
    expect(await verify(first.result.documents[1].verifyToken)).toMatchObject({ status: 'void' });
  });
});
