import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { refusalCodes, refusalItem, submit } from '../../../test/support/driver.ts';
import {
  createClerk,
  createLicence,
  createVehicle,
  createViolation,
  GUIYANG,
  idNumber,
} from '../../../test/support/factories.ts';
import { expectEnglishRefusalItems } from '../../../test/support/refusals.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const handle = (violationId: string, driver: string, user = 'clerk.police') =>
  submit(t, user, 'violation.handle', { idNumber: driver, phone: '13800000001' }, { violationId });

const licenceOf = async (id: string) =>
  (
    await t.app.inject({
      url: `/api/v1/licences/${id}`,
      headers: bearer(await t.login('clerk.city')),
    })
  ).json();

/** A driver with a licence, owning one vehicle that has a fresh 6-point record. */
async function driverWithRecord(o: Parameters<typeof createLicence>[1] = {}) {
  const driver = await createLicence(t.ctx.db, o);
  const car = await createVehicle(t.ctx.db, { ownerIdNumber: driver.idNumber });
  const record = await createViolation(t.ctx.db, { plate: car.plate });
  return { driver, car, record };
}

describe('violation.handle at a police window (R163 §§13–14)', () => {
  it('records the penalty and the points, and who, where, when and how', async () => {
    t.clock.set('2026-11-26T10:00:00+08:00');
    const { driver, car, record } = await driverWithRecord();
    const res = await handle(record.id, driver.idNumber);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'completed',
      channel: 'window',
      result: {
        // The record handled, for the result notice to print.
        violation: {
          id: record.id,
          plate: car.plate,
          code: '1625',
          description: expect.any(String),
          occurredAt: '2026-11-20T08:15:00.000+08:00',
        },
        points: 6,
        fine: 200,
        cyclePoints: 6,
      },
    });
    expect((await licenceOf(driver.idNumber)).cycle).toMatchObject({
      start: '2026-03-15',
      end: '2027-03-14',
      points: 6,
    });
    const row = await t.ctx.db
      .selectFrom('violations')
      .selectAll()
      .where('id', '=', record.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'handled',
      handled_by: driver.idNumber,
      owner_id_number: driver.idNumber,
      handled_on: '2026-11-26',
      handled_outlet_code: '520322-PW-001',
      handled_channel: 'window',
      handled_phone: '13800000001',
      handled_application_id: res.json().id,
    });
    expect(row.handled_user_id).not.toBeNull();
    const listed = await t.app.inject({
      url: `/api/v1/violations?plate=${encodeURIComponent(car.plate)}`,
      headers: bearer(await t.login('clerk.police')),
    });
    expect(listed.json().items[0]).toMatchObject({ status: 'handled', handledBy: driver.idNumber });
  });

  it('books points only to the licence whose holder is named: another name is refused', async () => {
    t.clock.set('2026-11-26T10:00:00+08:00');
    const { driver, record } = await driverWithRecord({ name: '醉甲' });
    const impostor = await submit(
      t,
      'clerk.police',
      'violation.handle',
      { idNumber: driver.idNumber, name: '张冒名' },
      { violationId: record.id },
    );
    expect(impostor.statusCode).toBe(422);
    expect(refusalCodes(impostor)).toEqual(['APPLICANT_NAME_MISMATCH']);
    // The notice does not tell a stranger whose number it is.
    expect(JSON.stringify(impostor.json())).not.toContain('醉甲');
    expect((await licenceOf(driver.idNumber)).cycle.points).toBe(0);

    const holder = await submit(
      t,
      'clerk.police',
      'violation.handle',
      { idNumber: driver.idNumber, name: '醉甲' },
      { violationId: record.id },
    );
    expect(holder.statusCode).toBe(201);
    expect((await licenceOf(driver.idNumber)).cycle.points).toBe(6);
  });

  it('lists every failing condition with its article, in Chinese and English', async () => {
    const missing = await handle('NOPE-1', idNumber());
    expect(missing.statusCode).toBe(422);
    expect(refusalCodes(missing)).toEqual(['VIOLATION_NOT_FOUND']);
    expect(refusalItem(missing, 'VIOLATION_NOT_FOUND')?.legalBasis).toBe(
      '道路交通安全违法行为处理程序规定 第十九条',
    );
    const car = await createVehicle(t.ctx.db);
    const record = await createViolation(t.ctx.db, { plate: car.plate });
    const unlicensed = await handle(record.id, car.ownerIdNumber);
    expect(refusalCodes(unlicensed)).toEqual(['DRIVER_NO_LICENCE']);
    expectEnglishRefusalItems(unlicensed.json().refusal.items);

    // Handled already, and by a driver without a licence: two conditions, both on the notice.
    const done = await createViolation(t.ctx.db, { plate: car.plate, status: 'handled' });
    const again = await handle(done.id, car.ownerIdNumber);
    expect(refusalCodes(again)).toEqual(['VIOLATION_ALREADY_HANDLED', 'DRIVER_NO_LICENCE']);
    expect(refusalItem(again, 'VIOLATION_ALREADY_HANDLED')?.legalBasis).toBe(
      '道路交通安全违法行为记分管理办法 第十三条',
    );
  });

  it('lets anyone take a record without points (no licence needed)', async () => {
    const car = await createVehicle(t.ctx.db);
    const parking = await createViolation(t.ctx.db, {
      plate: car.plate,
      code: '10391',
      points: 0,
      fine: 100,
    });
    const res = await handle(parking.id, car.ownerIdNumber);
    expect(res.statusCode).toBe(201);
    expect(res.json().result).toMatchObject({ points: 0, fine: 100, cyclePoints: 0 });
  });

  it('refuses a revoked licence', async () => {
    const { driver, record } = await driverWithRecord({ status: 'revoked' });
    expect(refusalCodes(await handle(record.id, driver.idNumber))).toEqual([
      'LICENCE_NOT_IN_FORCE',
    ]);
  });

  it('handles the records of a cancelled licence, the points going to the person (R163 §§3, 13)', async () => {
    t.clock.set('2026-11-26T10:00:00+08:00');
    // Cancelled as the registry stored it, and a year past its validity without renewal.
    const stored = await driverWithRecord({ status: 'cancelled' });
    const lapsed = await driverWithRecord({ validUntil: '2025-01-01', validityTerm: '10y' });
    for (const { driver, record } of [stored, lapsed]) {
      const res = await handle(record.id, driver.idNumber);
      expect(res.statusCode).toBe(201);
      expect(res.json().result).toMatchObject({ points: 6, cyclePoints: 6 });
      expect(await licenceOf(driver.idNumber)).toMatchObject({
        status: 'cancelled',
        cycle: { points: 6 },
      });
    }
  });

  it('opens a full score for a cancelled licence without detaining it', async () => {
    t.clock.set('2026-11-26T10:00:00+08:00');
    const { driver, car } = await driverWithRecord({ validUntil: '2025-01-01' });
    const drink = await createViolation(t.ctx.db, {
      plate: car.plate,
      code: '1712',
      points: 12,
      fine: 1500,
    });
    const res = await handle(drink.id, driver.idNumber);
    expect(res.json().result).toMatchObject({
      cyclePoints: 12,
      fullScore: { studyDays: 7, subjects: [1] },
    });
    expect((await licenceOf(driver.idNumber)).status).toBe('cancelled');
  });

  it('handles the README story’s records: 敖先生 at a police window', async () => {
    t.clock.set('2026-11-26T10:00:00+08:00');
    const res = await submit(
      t,
      'clerk.police',
      'violation.handle',
      { idNumber: '520302198505120110', name: '敖先生' },
      { violationId: 'DEMO000000' },
    );
    expect(res.statusCode, res.body).toBe(201);
  });

  it('is done by the driver in person, and only where violations are delegated', async () => {
    const { driver, record } = await driverWithRecord();
    const agent = await submit(
      t,
      'clerk.police',
      'violation.handle',
      { idNumber: driver.idNumber },
      { violationId: record.id },
      { idNumber: idNumber(), name: '代办人' },
    );
    expect(refusalCodes(agent)).toEqual(['AGENT_NOT_ALLOWED']);
    for (const user of ['clerk.dealer', 'clerk.bank', 'clerk.hospital', 'clerk.post']) {
      const res = await handle(record.id, driver.idNumber, user);
      expect(refusalCodes(res), user).toEqual(['NOT_DELEGATED']);
    }
    for (const category of ['county-office', 'service-centre'] as const) {
      const clerk = await createClerk(t.ctx.db, category);
      const fresh = await driverWithRecord();
      const res = await submit(
        t,
        clerk,
        'violation.handle',
        { idNumber: fresh.driver.idNumber },
        { violationId: fresh.record.id },
      );
      expect(res.statusCode, category).toBe(201);
    }
  });
});

describe('full score (满分, R163 §§14, 17–22)', () => {
  it('detains the licence at 12 points with 7 days of study and subject 1', async () => {
    t.clock.set('2026-11-26T10:00:00+08:00');
    const { driver, car, record } = await driverWithRecord();
    const second = await createViolation(t.ctx.db, { plate: car.plate });
    expect((await handle(record.id, driver.idNumber)).json().result.cyclePoints).toBe(6);
    const res = await handle(second.id, driver.idNumber);
    expect(res.json().result).toMatchObject({
      points: 6,
      cyclePoints: 12,
      fullScore: { studyDays: 7, subjects: [1], cancelledClasses: [] },
    });
    expect(await licenceOf(driver.idNumber)).toMatchObject({
      status: 'full-score',
      cycle: { points: 12 },
    });
  });

  it('lets the driver finish the same vehicle’s records but refuses another vehicle’s (§14)', async () => {
    const { driver, car, record } = await driverWithRecord();
    const drink = await createViolation(t.ctx.db, {
      plate: car.plate,
      code: '1712',
      points: 12,
      fine: 1500,
      category: 'drink-driving',
    });
    const sameCar = await createViolation(t.ctx.db, { plate: car.plate });
    const otherCar = await createVehicle(t.ctx.db);
    const other = await createViolation(t.ctx.db, { plate: otherCar.plate });
    await handle(drink.id, driver.idNumber);
    const refused = await handle(other.id, driver.idNumber);
    expect(refusalCodes(refused)).toEqual(['FULL_SCORE_OTHER_VEHICLE']);
    expect(refusalItem(refused, 'FULL_SCORE_OTHER_VEHICLE')?.legalBasis).toBe(
      '道路交通安全违法行为记分管理办法 第十四条',
    );
    // Another vehicle's record handled already: both conditions fail, and both are listed.
    const handled = await createViolation(t.ctx.db, {
      plate: otherCar.plate,
      status: 'handled',
      handledBy: otherCar.ownerIdNumber,
      handledOn: '2026-10-01',
      ownerIdNumber: otherCar.ownerIdNumber,
    });
    expect(refusalCodes(await handle(handled.id, driver.idNumber))).toEqual([
      'VIOLATION_ALREADY_HANDLED',
      'FULL_SCORE_OTHER_VEHICLE',
    ]);
    // The same vehicle: handled, and 24 points double the study and add subject 3.
    await handle(sameCar.id, driver.idNumber);
    const last = await handle(record.id, driver.idNumber);
    expect(last.json().result).toMatchObject({
      cyclePoints: 24,
      fullScore: { studyDays: 14, subjects: [1, 3] },
    });
  });

  it('lets two windows handling one driver at once take turns (no stale total)', async () => {
    const { driver, car, record } = await driverWithRecord();
    expect((await handle(record.id, driver.idNumber)).statusCode).toBe(201);
    const own = await createViolation(t.ctx.db, { plate: car.plate });
    const otherCar = await createVehicle(t.ctx.db);
    const other = await createViolation(t.ctx.db, { plate: otherCar.plate });
    // Each takes the driver from 6 to 12 points; the second then sees 12 and another vehicle.
    const both = await Promise.all([
      handle(own.id, driver.idNumber),
      handle(other.id, driver.idNumber, 'clerk.police'),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 422]);
    expect(refusalCodes(both.find((r) => r.statusCode === 422)!)).toEqual([
      'FULL_SCORE_OTHER_VEHICLE',
    ]);
    expect((await licenceOf(driver.idNumber)).cycle.points).toBe(12);
  });

  it('counts the points kept by the city that keeps the licence, not a stray entry here', async () => {
    const { driver, record } = await driverWithRecord({ countyCode: GUIYANG.countyCode });
    const entry = (cityCode: string, points: number) => ({
      city_code: cityCode,
      id_number: driver.idNumber,
      kind: 'imported' as const,
      points,
      recorded_on: t.clock.now().toISOString().slice(0, 10),
    });
    await t.ctx.db
      .insertInto('point_entries')
      .values([entry(GUIYANG.cityCode, 3), entry('520300', 5)])
      .execute();
    const res = await handle(record.id, driver.idNumber);
    expect(res.statusCode).toBe(201);
    expect(res.json().result).toMatchObject({ cyclePoints: 9 });
  });

  it('gives 30 days to large classes', async () => {
    const { driver, car } = await driverWithRecord({ classes: ['B2'] });
    const drink = await createViolation(t.ctx.db, {
      plate: car.plate,
      code: '1712',
      points: 12,
      fine: 1500,
    });
    expect((await handle(drink.id, driver.idNumber)).json().result.fullScore.studyDays).toBe(30);
  });

  it('cancels the probationary class of a full score in probation (R162 §80)', async () => {
    t.clock.set('2026-11-26T10:00:00+08:00');
    const { driver, car } = await driverWithRecord({
      firstIssuedOn: '2026-05-01',
      probationUntil: '2027-04-30',
      validUntil: '2032-05-01',
      validityTerm: '6y',
    });
    const drink = await createViolation(t.ctx.db, {
      plate: car.plate,
      code: '1712',
      points: 12,
      fine: 1500,
    });
    const res = await handle(drink.id, driver.idNumber);
    expect(res.json().result.fullScore.cancelledClasses).toEqual(['C1']);
    expect((await licenceOf(driver.idNumber)).status).toBe('cancelled');
  });
});

describe('substitute handling: 3 vehicles per licence, 3 licences per vehicle (policy)', () => {
  it('refuses a 4th non-own vehicle within the window, not an own one or an older one', async () => {
    t.clock.set('2026-11-26T10:00:00+08:00');
    const driver = await createLicence(t.ctx.db);
    for (let i = 0; i < 3; i++) {
      const car = await createVehicle(t.ctx.db);
      const r = await createViolation(t.ctx.db, {
        plate: car.plate,
        points: 1,
        code: '1116',
        fine: 100,
      });
      expect((await handle(r.id, driver.idNumber)).statusCode).toBe(201);
    }
    const fourth = await createVehicle(t.ctx.db);
    const r4 = await createViolation(t.ctx.db, {
      plate: fourth.plate,
      points: 1,
      code: '1116',
      fine: 100,
    });
    const refused = await handle(r4.id, driver.idNumber);
    expect(refusalCodes(refused)).toEqual(['SUBSTITUTE_VEHICLE_LIMIT']);
    expect(refusalItem(refused, 'SUBSTITUTE_VEHICLE_LIMIT')?.legalBasis).toBe(
      '道路交通安全违法行为记分管理办法 第十四条、第三十条',
    );
    const own = await createVehicle(t.ctx.db, { ownerIdNumber: driver.idNumber });
    const ownRecord = await createViolation(t.ctx.db, {
      plate: own.plate,
      points: 1,
      code: '1116',
      fine: 100,
    });
    expect((await handle(ownRecord.id, driver.idNumber)).statusCode).toBe(201);

    // A year later the earlier three are outside the 365-day window.
    t.clock.set('2027-11-27T10:00:00+08:00');
    expect((await handle(r4.id, driver.idNumber)).statusCode).toBe(201);
    t.clock.set();
  });

  it('refuses a 4th driver for the same vehicle', async () => {
    t.clock.set('2026-11-26T10:00:00+08:00');
    const car = await createVehicle(t.ctx.db);
    for (let i = 0; i < 3; i++) {
      await createViolation(t.ctx.db, {
        plate: car.plate,
        status: 'handled',
        handledBy: idNumber(),
        handledOn: '2026-10-01',
        ownerIdNumber: car.ownerIdNumber,
      });
    }
    const driver = await createLicence(t.ctx.db);
    const r = await createViolation(t.ctx.db, { plate: car.plate });
    expect(refusalCodes(await handle(r.id, driver.idNumber))).toEqual(['SUBSTITUTE_DRIVER_LIMIT']);
    // The owner handles the vehicle's records whatever the count.
    await createLicence(t.ctx.db, { idNumber: car.ownerIdNumber });
    expect((await handle(r.id, car.ownerIdNumber)).statusCode).toBe(201);
  });
});
