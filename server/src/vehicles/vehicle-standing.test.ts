import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { businessClient } from '../../../test/support/business.ts';
import {
  createVehicle,
  idNumber,
  registrationData,
  type VehicleSeed,
} from '../../../test/support/factories.ts';
import { expectEnglishRefusalItems } from '../../../test/support/refusals.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterEach(() => t.clock.set());
afterAll(async () => t.close());
const { as, submit, codes, basisOf, vehicle } = businessClient(() => t);

const owner = (v: VehicleSeed) => ({ idNumber: v.ownerIdNumber, name: v.ownerName });

/** Every vehicle business at the city office, asked about one vehicle (by plate or VIN). */
const EVERY_BUSINESS: [string, (v: VehicleSeed) => Record<string, unknown>][] = [
  ['vehicle.licence-reissue', (v) => ({ plate: v.plate })],
  ['vehicle.certificate-reissue', (v) => ({ plate: v.plate })],
  ['vehicle.plate-reissue', (v) => ({ plate: v.plate })],
  [
    'vehicle.mortgage',
    (v) => ({ plate: v.plate, mortgageeOrgCode: '520302-BK-001', contractNo: 'S1' }),
  ],
  ['vehicle.mortgage-release', (v) => ({ plate: v.plate, contractNo: 'S0' })],
  ['vehicle.deregister', (v) => ({ plate: v.plate, reason: 'scrapped' })],
  ['vehicle.change', (v) => ({ plate: v.plate, change: 'colour', value: '白色' })],
  ['vehicle.transfer', (v) => ({ plate: v.plate, invoiceNo: 'ESC2026009' })],
  ['vehicle.inspection-mark', (v) => ({ plate: v.plate, insuranceValidUntil: '2027-11-25' })],
];

const apply = (type: string, v: VehicleSeed, data: Record<string, unknown>) =>
  submit(
    type,
    // A transfer is applied for by the new owner.
    type === 'vehicle.transfer' ? { idNumber: idNumber(), name: '王五' } : owner(v),
    data,
  );

const flag = async (vin: string, f: 'seized' | 'stolen') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/vehicles/${vin}/flags`,
    headers: await as('clerk.city'),
    payload: { flag: f, reason: '涉案车辆', authority: '遵义市红花岗区人民法院' },
  });

describe('a vehicle both seized and stolen (R164 §§15, 76): both on one notice', () => {
  it('lists VEHICLE_STOLEN and VEHICLE_SEIZED for every vehicle business', async () => {
    const v = await createVehicle(t.ctx.db, {
      mortgage: { mortgageeOrgCode: '520302-BK-001', contractNo: 'S0' },
    });
    expect((await flag(v.vin, 'seized')).statusCode).toBe(201);
    expect((await flag(v.vin, 'stolen')).statusCode).toBe(201);
    expect((await vehicle(v)).status).toBe('stolen'); // the registry shows the weightier one
    for (const [type, data] of EVERY_BUSINESS) {
      const res = await apply(type, v, data(v));
      expect(res.statusCode, type).toBe(422);
      expect(codes(res), type).toEqual(
        expect.arrayContaining(['VEHICLE_STOLEN', 'VEHICLE_SEIZED']),
      );
      expect(basisOf(res, 'VEHICLE_STOLEN'), type).toBe('机动车登记规定 第七十六条');
    }
    const temp = await submit('vehicle.temp-plate', owner(v), {
      vin: v.vin,
      purpose: 'export',
      days: 30,
      insuranceValidUntil: '2027-11-25',
    });
    expect(codes(temp)).toEqual(expect.arrayContaining(['VEHICLE_STOLEN', 'VEHICLE_SEIZED']));
    const again = await submit(
      'vehicle.register',
      { idNumber: idNumber(), name: '李四' },
      registrationData({ vin: v.vin }),
    );
    expect(codes(again)).toEqual(expect.arrayContaining(['VEHICLE_STOLEN', 'VEHICLE_SEIZED']));
  });
});

describe('a vehicle moved out of the jurisdiction (转出, R164 §18)', () => {
  const moveOut = (v: VehicleSeed) =>
    submit('vehicle.change', owner(v), { plate: v.plate, change: 'move-out', value: '520100' });

  it('belongs to the destination office: every further business here is refused', async () => {
    t.clock.set('2026-11-26T10:00:00+08:00');
    const v = await createVehicle(t.ctx.db, {
      mortgage: { mortgageeOrgCode: '520302-BK-001', contractNo: 'S0' },
    });
    expect((await moveOut(v)).statusCode).toBe(201);
    const read = await vehicle(v);
    expect(read).toMatchObject({
      status: 'mortgaged',
      movedOut: { to: '520100', on: '2026-11-26' },
    });
    for (const [type, data] of [
      ...EVERY_BUSINESS,
      [
        'vehicle.change',
        (x: VehicleSeed) => ({ plate: x.plate, change: 'move-out', value: '520100' }),
      ],
    ] as typeof EVERY_BUSINESS) {
      const res = await apply(type, v, data(v));
      expect(res.statusCode, type).toBe(422);
      expect(codes(res), type).toContain('VEHICLE_MOVED_OUT');
      expect(basisOf(res, 'VEHICLE_MOVED_OUT'), type).toBe('机动车登记规定 第十八条');
    }
    const res = await apply('vehicle.licence-reissue', v, { plate: v.plate });
    expect(codes(res)).toEqual(['VEHICLE_MOVED_OUT']);
    expect(res.json().refusal.items[0].message).toContain('520100');
    expectEnglishRefusalItems(res.json().refusal.items);
  });

  it('is not answered for a vehicle that stays', async () => {
    const v = await createVehicle(t.ctx.db);
    expect(await vehicle(v)).not.toHaveProperty('movedOut');
  });

  it('waits for business in progress: a plate being made must be collected or withdrawn first', async () => {
    const v = await createVehicle(t.ctx.db);
    const plate = await submit('vehicle.plate-reissue', owner(v), { plate: v.plate });
    expect(plate.json().status).toBe('accepted');
    const refused = await moveOut(v);
    expect(codes(refused)).toEqual(['BUSINESS_IN_PROGRESS']);
    expect(basisOf(refused, 'BUSINESS_IN_PROGRESS')).toBe('机动车登记规定 第十八条');
    expect(refused.json().refusal.items[0].message).toContain('补领机动车号牌');
    expectEnglishRefusalItems(refused.json().refusal.items);
    // Other changes do not wait.
    expect(
      (
        await submit('vehicle.change', owner(v), {
          plate: v.plate,
          change: 'colour',
          value: '黑色',
        })
      ).statusCode,
    ).toBe(201);
    const withdrawn = await t.app.inject({
      method: 'POST',
      url: `/api/v1/applications/${plate.json().id}/events`,
      headers: await as('clerk.city'),
      payload: { event: 'withdraw', data: {} },
    });
    expect(withdrawn.statusCode).toBe(200);
    expect((await moveOut(v)).statusCode).toBe(201);
  });
});

describe('a plate being made (R164 §51) and the business that takes the plates back', () => {
  const withdraw = async (id: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/applications/${id}/events`,
      headers: await as('clerk.city'),
      payload: { event: 'withdraw', data: {} },
    });

  it('refuses a transfer (§26) and a deregistration (§37) until it is collected or withdrawn', async () => {
    const v = await createVehicle(t.ctx.db);
    const plate = await submit('vehicle.plate-reissue', owner(v), { plate: v.plate });
    expect(plate.json().status).toBe('accepted');
    const transfer = await apply('vehicle.transfer', v, { plate: v.plate, invoiceNo: 'ESC1' });
    expect(codes(transfer)).toEqual(['BUSINESS_IN_PROGRESS']);
    expect(basisOf(transfer, 'BUSINESS_IN_PROGRESS')).toBe('机动车登记规定 第二十六条');
    expect(transfer.json().refusal.items[0].message).toContain('补领机动车号牌');
    const deregister = await apply('vehicle.deregister', v, { plate: v.plate, reason: 'lost' });
    expect(codes(deregister)).toEqual(['BUSINESS_IN_PROGRESS']);
    expect(basisOf(deregister, 'BUSINESS_IN_PROGRESS')).toBe('机动车登记规定 第三十七条');
    expectEnglishRefusalItems([
      ...transfer.json().refusal.items,
      ...deregister.json().refusal.items,
    ]);
    // The temporary plate of the meantime is still the owner's, for the vehicle as it is.
    expect(await vehicle(v)).toMatchObject({ plate: v.plate, status: 'normal' });

    expect((await withdraw(plate.json().id)).statusCode).toBe(200);
    expect(
      (await apply('vehicle.deregister', v, { plate: v.plate, reason: 'lost' })).statusCode,
    ).toBe(201);
  });
});

describe('a vehicle past its mandatory scrapping age (R164 §§15, 40)', () => {
  // A small operating car registered 2013-01-01 reached its 10 years on 2023-01-01 (policy).
  const oldTaxi = (status?: string) =>
    createVehicle(t.ctx.db, {
      useNature: 'operating',
      registeredOn: '2013-01-01',
      ...(status ? { status } : {}),
    });

  it('is refused what a scrap-due vehicle is refused, though its record still says normal', async () => {
    const v = await oldTaxi();
    for (const [type, data] of EVERY_BUSINESS) {
      if (type === 'vehicle.deregister' || type === 'vehicle.mortgage-release') continue;
      const res = await apply(type, v, data(v));
      expect(codes(res), type).toContain('VEHICLE_SCRAP_DUE');
    }
    const licence = await apply('vehicle.licence-reissue', v, { plate: v.plate });
    expect(codes(licence)).toEqual(['VEHICLE_SCRAP_DUE']);
    expect(licence.json().refusal.items[0].message).toContain('2023-01-01');
    expectEnglishRefusalItems(licence.json().refusal.items);
    // Deregistration is what it needs.
    expect(
      (await apply('vehicle.deregister', v, { plate: v.plate, reason: 'scrapped' })).statusCode,
    ).toBe(201);
  });

  it('says once that the scrapping date has passed, not also that it is less than a year away', async () => {
    for (const v of [await oldTaxi(), await oldTaxi('scrap-due')]) {
      const res = await apply('vehicle.transfer', v, { plate: v.plate, invoiceNo: 'ESC2026010' });
      expect(codes(res)).toEqual(['VEHICLE_SCRAP_DUE']);
      const [due] = res.json().refusal.items;
      expect(due.message).toContain('2023-01-01');
      expect(due.messageEn).toContain('2023-01-01');
      expectEnglishRefusalItems([due]);
      const moveOut = await apply('vehicle.change', v, {
        plate: v.plate,
        change: 'move-out',
        value: '520100',
      });
      expect(codes(moveOut)).toEqual(['VEHICLE_SCRAP_DUE']);
    }
  });

  it('reads as scrap-due in the registry, unless its business is otherwise stopped', async () => {
    expect((await vehicle(await oldTaxi())).status).toBe('scrap-due');
    const mortgaged = await createVehicle(t.ctx.db, {
      useNature: 'operating',
      registeredOn: '2013-01-01',
      mortgage: { mortgageeOrgCode: '520302-BK-001', contractNo: 'S2' },
    });
    expect((await vehicle(mortgaged)).status).toBe('scrap-due');
    expect((await vehicle(await oldTaxi('stolen'))).status).toBe('stolen');
    expect((await vehicle(await oldTaxi('deregistered'))).status).toBe('deregistered');
    // A private car has no scrapping age (mileage only), however old.
    const old = await createVehicle(t.ctx.db, { registeredOn: '2005-01-01' });
    expect((await vehicle(old)).status).toBe('normal');
  });
});
