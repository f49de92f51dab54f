import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../applications/registry.ts';
import { handlersWith } from '../app/registry.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { businessClient } from '../../../test/support/business.ts';
import {
  createVehicle,
  idNumber,
  registrationData,
  type VehicleSeed,
} from '../../../test/support/factories.ts';

const withViolations = new Set<string>();
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    registry: createRegistry(
      handlersWith({
        unhandledViolations: async (_db, q) => (withViolations.has(q.plate) ? 3 : 0),
      }),
    ),
  });
});
afterEach(() => t.clock.set());
afterAll(async () => t.close());
const { submit, codes, basisOf, vehicle, verify } = businessClient(() => t);

const change = (v: VehicleSeed, kind: string, value?: string, user = 'clerk.city') =>
  submit(
    'vehicle.change',
    { idNumber: v.ownerIdNumber, name: v.ownerName },
    { plate: v.plate, change: kind, ...(value ? { value } : {}) },
    user,
  );

describe('vehicle.change (R164 §§16–22)', () => {
  it('changes the colour with a new 行驶证, and the use of a vehicle', async () => {
    const v = await createVehicle(t.ctx.db);
    const colour = await change(v, 'colour', '白色');
    expect(colour.statusCode).toBe(201);
    expect(colour.json().result.documents[0].kind).toBe('vehicle-licence');
    expect((await change(v, 'use-nature', 'operating')).statusCode).toBe(201);
    expect(((await vehicle(v)) as unknown as { useNature: string }).useNature).toBe('operating');
    expect(codes(await change(v, 'use-nature', 'operating'))).toEqual(['USE_NATURE_INVALID']);
    expect(codes(await change(v, 'engine'))).toEqual(['CHANGE_VALUE_REQUIRED']);
  });

  it('puts the inspection on the schedule of the new use (Cond §16), both ways', async () => {
    t.clock.set('2026-11-26T10:00:00+08:00');
    const inspectionOf = async (v: VehicleSeed) =>
      ((await vehicle(v)) as unknown as { inspectionValidUntil: string }).inspectionValidUntil;
    const markOn = (v: VehicleSeed, data: Record<string, unknown> = {}) =>
      submit(
        'vehicle.inspection-mark',
        { idNumber: v.ownerIdNumber, name: v.ownerName },
        { plate: v.plate, insuranceValidUntil: '2028-12-31', ...data },
      );
    // A private car registered in 2024-10, its year-2 mark taken: valid until 2028-10 (biennial).
    const car = await createVehicle(t.ctx.db, {
      registeredOn: '2024-10-15',
      inspectionValidUntil: '2028-10-31',
    });
    expect((await change(car, 'use-nature', 'operating')).statusCode).toBe(201);
    // Operating passenger vehicles are inspected yearly for five years: due 2027-10, not 2028-10.
    expect(await inspectionOf(car)).toBe('2027-10-31');
    t.clock.set('2027-09-01T10:00:00+08:00');
    // No exemption for an operating vehicle: a station inspection.
    expect(codes(await markOn(car))).toEqual(['INSPECTION_REQUIRED']);

    // The reverse: the day the last (yearly) inspection gave stays, the next marks follow the
    // new use (every two years for a private car).
    t.clock.set('2026-11-26T10:00:00+08:00');
    const taxi = await createVehicle(t.ctx.db, {
      useNature: 'operating',
      registeredOn: '2024-10-15',
      inspectionValidUntil: '2027-10-31',
    });
    expect((await change(taxi, 'use-nature', 'non-operating')).statusCode).toBe(201);
    expect(await inspectionOf(taxi)).toBe('2027-10-31');
  });

  it('moves out with a temporary plate, violations handled first (§18)', async () => {
    const v = await createVehicle(t.ctx.db);
    withViolations.add(v.plate);
    const refused = await change(v, 'move-out', '520100');
    expect(codes(refused)).toEqual(['VIOLATIONS_UNHANDLED']);
    expect(basisOf(refused, 'VIOLATIONS_UNHANDLED')).toBe('机动车登记规定 第十八条');
    withViolations.delete(v.plate);
    expect(codes(await change(v, 'move-out', '520300'))).toEqual(['DESTINATION_INVALID']);
    const res = await change(v, 'move-out', '520100');
    expect(res.statusCode).toBe(201);
    // The plates and 行驶证 are taken back: a temporary plate only, no new 行驶证.
    expect(res.json().result.documents.map((d: { kind: string }) => d.kind)).toEqual([
      'temp-plate',
    ]);
  });

  it('takes back the plate and the 行驶证 at a move-out, voiding both (§18 收回号牌、行驶证)', async () => {
    const owner = { idNumber: idNumber(), name: '转出车主' };
    const data = registrationData();
    const registered = await submit('vehicle.register', owner, data);
    expect(registered.statusCode).toBe(201);
    const reg = registered.json().result;
    const docOf = (kind: string) => reg.documents.find((d: { kind: string }) => d.kind === kind);
    const v = {
      vin: data.vin,
      plate: reg.plate,
      ownerIdNumber: owner.idNumber,
      ownerName: owner.name,
    };

    const res = await change(v, 'move-out', '520100');
    expect(res.statusCode).toBe(201);
    const { documents, voidedNumbers } = res.json().result;
    expect(documents.map((d: { kind: string }) => d.kind)).toEqual(['temp-plate']);
    expect(voidedNumbers.sort()).toEqual(
      [docOf('plate').number, docOf('vehicle-licence').number].sort(),
    );
    for (const kind of ['plate', 'vehicle-licence']) {
      expect(await verify(docOf(kind).verifyToken), kind).toMatchObject({
        valid: true,
        status: 'void',
      });
    }
    expect(await verify(documents[0].verifyToken)).toMatchObject({ status: 'valid' });
    // The certificate stays with the file that goes to the destination.
    expect(await verify(docOf('registration-certificate').verifyToken)).toMatchObject({
      status: 'valid',
    });
    // The registry read says where it went.
    expect(await vehicle(v)).toMatchObject({
      plate: reg.plate,
      movedOut: { to: '520100', on: '2026-11-26' },
    });
  });

  it('refuses a use change or move-out within a year of the scrapping age, and seized vehicles (§21)', async () => {
    const taxi = await createVehicle(t.ctx.db, {
      useNature: 'operating',
      registeredOn: '2017-03-01',
    });
    const near = await change(taxi, 'use-nature', 'non-operating');
    expect(codes(near)).toEqual(['NEAR_SCRAP_AGE']);
    expect(basisOf(near, 'NEAR_SCRAP_AGE')).toBe('机动车登记规定 第二十一条');
    expect((await change(taxi, 'colour', '黑色')).statusCode).toBe(201);
    const seized = await change(
      await createVehicle(t.ctx.db, { status: 'seized' }),
      'colour',
      '红色',
    );
    expect(codes(seized)).toEqual(['VEHICLE_SEIZED']);
    expect(codes(await change(await createVehicle(t.ctx.db), 'move-in'))).toEqual([
      'MOVE_IN_NOT_AVAILABLE',
    ]);
  });

  it('is police business: not at dealers, markets, banks or post points', async () => {
    for (const user of ['clerk.dealer', 'clerk.market', 'clerk.bank', 'clerk.post']) {
      expect(
        codes(await change(await createVehicle(t.ctx.db), 'colour', '白色', user)),
        user,
      ).toEqual(['NOT_DELEGATED']);
    }
    expect(
      (await change(await createVehicle(t.ctx.db), 'colour', '白色', 'clerk.police')).statusCode,
    ).toBe(201);
  });
});
