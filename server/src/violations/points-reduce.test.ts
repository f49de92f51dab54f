import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { refusalCodes, refusalItem, submit } from '../../../test/support/driver.ts';
import {
  createFullScore,
  createLicence,
  createPointEntry,
  createVehicle,
  createViolation,
  idNumber,
} from '../../../test/support/factories.ts';
import { expectEnglishRefusalItems } from '../../../test/support/refusals.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());
// Licences first issued 2015-03-15: the cycle in force is 2026-03-15 … 2027-03-14, the one
// before began 2025-03-15, and the last three began 2024-03-15.
beforeEach(() => t.clock.set('2026-11-26T10:00:00+08:00'));

const ONLINE = { method: 'online', minutes: 30, examPassed: true };
const reduce = (driver: string, data: Record<string, unknown> = ONLINE, user = 'clerk.police') =>
  submit(t, user, 'points.reduce', { idNumber: driver }, data);

/** A driver with some points in the cycle in force (a clean licence otherwise). */
async function driverWith(points: number, o: Parameters<typeof createLicence>[1] = {}) {
  const d = await createLicence(t.ctx.db, o);
  if (points) await createPointEntry(t.ctx.db, { idNumber: d.idNumber, points, on: '2026-06-01' });
  return d;
}

const basisOf = (res: Awaited<ReturnType<typeof reduce>>, code: string) =>
  refusalItem(res, code)?.legalBasis;

describe('points.reduce (学法减分, R163 §§25–27)', () => {
  it('takes 1 point for 30 minutes online with a passed exam', async () => {
    const d = await driverWith(6);
    const res = await reduce(d.idNumber);
    expect(res.statusCode).toBe(201);
    expect(res.json().result).toEqual({ reduced: 1, reducedThisCycle: 1, cyclePoints: 5 });
  });

  it('reduces only the named holder’s points: another name on the number is refused', async () => {
    const d = await driverWith(3, { name: '王三' });
    const as = (name: string, data = ONLINE) =>
      submit(t, 'clerk.police', 'points.reduce', { idNumber: d.idNumber, name }, data);
    const impostor = await as('张冒名', { method: 'online', minutes: 29, examPassed: true });
    expect(refusalCodes(impostor)).toEqual(['APPLICANT_NAME_MISMATCH', 'STUDY_TOO_SHORT']);
    expect(basisOf(impostor, 'APPLICANT_NAME_MISMATCH')).toBe(
      '道路交通安全违法行为记分管理办法 第二十五条',
    );
    expect((await as('王三')).statusCode).toBe(201);
  });

  it('takes 2 for an hour on site with an exam, 1 for an hour of public-welfare work', async () => {
    const d = await driverWith(6);
    const onsite = await reduce(d.idNumber, { method: 'onsite', minutes: 60, examPassed: true });
    expect(onsite.json().result).toMatchObject({ reduced: 2, reducedThisCycle: 2 });
    const welfare = await reduce(d.idNumber, {
      method: 'public-welfare',
      minutes: 60,
      examPassed: false,
    });
    expect(welfare.json().result).toMatchObject({
      reduced: 1,
      reducedThisCycle: 3,
      cyclePoints: 3,
    });
  });

  it('wants the full time and a passed exam (29 minutes is short, 30 is enough)', async () => {
    const d = await driverWith(3);
    const short = await reduce(d.idNumber, { method: 'online', minutes: 29, examPassed: false });
    expect(refusalCodes(short)).toEqual(['STUDY_TOO_SHORT', 'EXAM_NOT_PASSED']);
    expect(basisOf(short, 'STUDY_TOO_SHORT')).toBe('道路交通安全违法行为记分管理办法 第二十七条');
    expect((await reduce(d.idNumber)).statusCode).toBe(201);
  });

  it('reduces at most 6 points a cycle, and only points held (no pre-crediting)', async () => {
    const d = await driverWith(9);
    await createPointEntry(t.ctx.db, {
      idNumber: d.idNumber,
      points: 5,
      on: '2026-07-01',
      kind: 'reduction',
    });
    const capped = await reduce(d.idNumber, { method: 'onsite', minutes: 60, examPassed: true });
    expect(capped.json().result).toEqual({ reduced: 1, reducedThisCycle: 6, cyclePoints: 3 });
    const full = await reduce(d.idNumber);
    expect(refusalCodes(full)).toEqual(['REDUCTION_CAP_REACHED']);
    expect(basisOf(full, 'REDUCTION_CAP_REACHED')).toBe(
      '道路交通安全违法行为记分管理办法 第二十五条',
    );

    const one = await driverWith(1);
    const onsite = await reduce(one.idNumber, { method: 'onsite', minutes: 60, examPassed: true });
    expect(onsite.json().result).toMatchObject({ reduced: 1, cyclePoints: 0 });
    expect(refusalCodes(await reduce(one.idNumber))).toEqual(['NO_POINTS_TO_REDUCE']);
    // The cap counts per cycle: in the next cycle the driver starts again.
    t.clock.set('2027-03-15T09:00:00+08:00');
    await createPointEntry(t.ctx.db, { idNumber: d.idNumber, points: 3, on: '2027-03-15' });
    expect((await reduce(d.idNumber)).json().result).toMatchObject({
      reduced: 1,
      reducedThisCycle: 1,
    });
  });

  it('needs every record handled and fewer than 12 points (§25)', async () => {
    const d = await driverWith(12);
    const car = await createVehicle(t.ctx.db, { ownerIdNumber: d.idNumber });
    await createViolation(t.ctx.db, { plate: car.plate });
    const res = await reduce(d.idNumber);
    expect(refusalCodes(res)).toEqual(['UNHANDLED_VIOLATIONS', 'POINTS_AT_FULL_SCORE']);
    expect(refusalItem(res, 'UNHANDLED_VIOLATIONS')?.message).toContain(car.plate);
    expectEnglishRefusalItems(res.json().refusal.items, [car.plate]);
  });

  it('refuses a person without a licence, and only that', async () => {
    expect(refusalCodes(await reduce(idNumber()))).toEqual(['DRIVER_NO_LICENCE']);
  });

  it('needs a licence in force: not expired, cancelled or revoked (§25)', async () => {
    const expired = await driverWith(3, { validUntil: '2026-11-25', validityTerm: '6y' });
    const lapsed = await driverWith(3, { validUntil: '2025-11-25', validityTerm: '6y' });
    const cancelled = await driverWith(3, { status: 'cancelled' });
    const revoked = await driverWith(3, { status: 'revoked' });
    const onsite = { method: 'onsite', minutes: 60, examPassed: true };
    for (const [d, words] of [
      [expired, '超过有效期'],
      [lapsed, '一年以上未换证'],
      [cancelled, '注销'],
      [revoked, '吊销'],
    ] as const) {
      const res = await reduce(d.idNumber, onsite);
      expect(res.statusCode, words).toBe(422);
      expect(refusalCodes(res), words).toEqual(['LICENCE_NOT_IN_FORCE']);
      expect(refusalItem(res, 'LICENCE_NOT_IN_FORCE')?.message, words).toContain(words);
      expect(basisOf(res, 'LICENCE_NOT_IN_FORCE')).toBe(
        '道路交通安全违法行为记分管理办法 第二十五条',
      );
      expectEnglishRefusalItems(res.json().refusal.items);
    }
    // On its last day the licence is in force.
    const lastDay = await driverWith(3, { validUntil: '2026-11-26', validityTerm: '6y' });
    expect((await reduce(lastDay.idNumber, onsite)).statusCode).toBe(201);
  });
});

describe('R163 §26: who may not reduce points, each a refusal item with its article', () => {
  it('(1) two full scores in this cycle and the one before; not when one is older', async () => {
    const d = await driverWith(3);
    await createFullScore(t.ctx.db, {
      idNumber: d.idNumber,
      cycleStart: '2025-03-15',
      reachedOn: '2025-04-01',
    });
    await createFullScore(t.ctx.db, {
      idNumber: d.idNumber,
      cycleStart: '2026-03-15',
      reachedOn: '2026-04-01',
    });
    const res = await reduce(d.idNumber);
    expect(refusalCodes(res)).toEqual(['EXCLUDED_FULL_SCORE_RECORDS']);
    expect(basisOf(res, 'EXCLUDED_FULL_SCORE_RECORDS')).toBe(
      '道路交通安全违法行为记分管理办法 第二十六条第一项',
    );
    const older = await driverWith(3);
    await createFullScore(t.ctx.db, {
      idNumber: older.idNumber,
      cycleStart: '2024-03-15',
      reachedOn: '2025-03-14',
    });
    await createFullScore(t.ctx.db, {
      idNumber: older.idNumber,
      cycleStart: '2026-03-15',
      reachedOn: '2026-04-01',
    });
    expect((await reduce(older.idNumber)).statusCode).toBe(201);
  });

  it('(2) drink driving, hit-and-run or fake plates in the last three cycles, to the day', async () => {
    const car = await createVehicle(t.ctx.db);
    const d = await driverWith(3);
    await createViolation(t.ctx.db, {
      plate: car.plate,
      code: '1712',
      points: 12,
      category: 'drink-driving',
      status: 'paid',
      handledBy: d.idNumber,
      handledOn: '2024-03-15',
    });
    const res = await reduce(d.idNumber);
    expect(refusalCodes(res)).toEqual(['EXCLUDED_SERIOUS_VIOLATION']);
    expect(basisOf(res, 'EXCLUDED_SERIOUS_VIOLATION')).toBe(
      '道路交通安全违法行为记分管理办法 第二十六条第二项',
    );
    expect(refusalItem(res, 'EXCLUDED_SERIOUS_VIOLATION')?.message).toContain('饮酒');
    const earlier = await driverWith(3);
    await createViolation(t.ctx.db, {
      plate: car.plate,
      code: '1712',
      points: 12,
      category: 'drink-driving',
      status: 'paid',
      handledBy: earlier.idNumber,
      handledOn: '2024-03-14',
    });
    expect((await reduce(earlier.idNumber)).statusCode).toBe(201);
    for (const category of ['hit-and-run', 'forged-documents']) {
      const other = await driverWith(3);
      await createViolation(t.ctx.db, {
        plate: car.plate,
        points: 12,
        category,
        status: 'paid',
        handledBy: other.idNumber,
        handledOn: '2025-01-01',
      });
      expect(refusalCodes(await reduce(other.idNumber)), category).toEqual([
        'EXCLUDED_SERIOUS_VIOLATION',
      ]);
    }
  });

  it('(2) a point-trading penalty in the last three cycles', async () => {
    const car = await createVehicle(t.ctx.db);
    const d = await driverWith(3);
    await createViolation(t.ctx.db, {
      plate: car.plate,
      code: '1790',
      points: 12,
      category: 'point-trading',
      status: 'paid',
      handledBy: d.idNumber,
      handledOn: '2025-09-01',
    });
    const res = await reduce(d.idNumber);
    expect(refusalCodes(res)).toEqual(['EXCLUDED_POINT_TRADING']);
    expect(basisOf(res, 'EXCLUDED_POINT_TRADING')).toBe(
      '道路交通安全违法行为记分管理办法 第二十六条第二项',
    );
  });

  it('(3) probation, to its last day', async () => {
    const d = await driverWith(3, {
      firstIssuedOn: '2025-11-27',
      probationUntil: '2026-11-26',
      validUntil: '2031-11-27',
      validityTerm: '6y',
    });
    const res = await reduce(d.idNumber);
    expect(refusalCodes(res)).toEqual(['EXCLUDED_PROBATION']);
    expect(basisOf(res, 'EXCLUDED_PROBATION')).toBe(
      '道路交通安全违法行为记分管理办法 第二十六条第三项',
    );
    // The day after probation is also a new cycle: points recorded in it can be reduced.
    t.clock.set('2026-11-27T09:00:00+08:00');
    await createPointEntry(t.ctx.db, { idNumber: d.idNumber, points: 3, on: '2026-11-27' });
    expect((await reduce(d.idNumber)).statusCode).toBe(201);
  });

  it('(3) an A/B licence overdue for review after a cycle with points, from the 31st day', async () => {
    const d = await driverWith(0, { classes: ['B2'] });
    await createPointEntry(t.ctx.db, { idNumber: d.idNumber, points: 2, on: '2025-10-01' });
    await createPointEntry(t.ctx.db, { idNumber: d.idNumber, points: 3, on: '2026-04-01' });
    t.clock.set('2026-04-13T09:00:00+08:00'); // 30 days after the cycle ended on 2026-03-14
    expect((await reduce(d.idNumber)).statusCode).toBe(201);
    t.clock.set('2026-04-14T09:00:00+08:00');
    const res = await reduce(d.idNumber);
    expect(refusalCodes(res)).toEqual(['EXCLUDED_REVIEW_OVERDUE']);
    expect(refusalItem(res, 'EXCLUDED_REVIEW_OVERDUE')?.message).toContain('2026-04-13');
    // A C1 licence has no review.
    const c1 = await driverWith(0);
    await createPointEntry(t.ctx.db, { idNumber: c1.idNumber, points: 2, on: '2025-10-01' });
    await createPointEntry(t.ctx.db, { idNumber: c1.idNumber, points: 3, on: '2026-04-01' });
    expect((await reduce(c1.idNumber)).statusCode).toBe(201);
  });

  it('(3) a detained or suspended licence', async () => {
    for (const status of ['suspended', 'full-score'] as const) {
      const d = await driverWith(3, { status });
      const res = await reduce(d.idNumber);
      expect(refusalCodes(res), status).toEqual(['EXCLUDED_LICENCE_DETAINED']);
      expect(basisOf(res, 'EXCLUDED_LICENCE_DETAINED')).toBe(
        '道路交通安全违法行为记分管理办法 第二十六条第三项',
      );
    }
  });

  it('(4) an own vehicle overdue for inspection (from the day after), or for scrapping', async () => {
    const d = await driverWith(3);
    const car = await createVehicle(t.ctx.db, { ownerIdNumber: d.idNumber });
    const setInspection = (until: string) =>
      t.ctx.db
        .updateTable('vehicles')
        .set({ inspection_valid_until: until })
        .where('plate', '=', car.plate)
        .execute();
    await setInspection('2026-11-26');
    expect((await reduce(d.idNumber)).statusCode).toBe(201);
    await setInspection('2026-11-25');
    const res = await reduce(d.idNumber);
    expect(refusalCodes(res)).toEqual(['EXCLUDED_VEHICLE_INSPECTION_OVERDUE']);
    expect(basisOf(res, 'EXCLUDED_VEHICLE_INSPECTION_OVERDUE')).toBe(
      '道路交通安全违法行为记分管理办法 第二十六条第四项',
    );
    const scrap = await driverWith(3);
    await createVehicle(t.ctx.db, { ownerIdNumber: scrap.idNumber, status: 'scrap-due' });
    expect(refusalCodes(await reduce(scrap.idNumber))).toEqual(['EXCLUDED_VEHICLE_SCRAP_OVERDUE']);
    // Past the scrapping age of its kind, recorded so or not (an operating car of 2013).
    const aged = await driverWith(3);
    await createVehicle(t.ctx.db, {
      ownerIdNumber: aged.idNumber,
      useNature: 'operating',
      registeredOn: '2013-01-01',
    });
    expect(refusalCodes(await reduce(aged.idNumber))).toEqual(['EXCLUDED_VEHICLE_SCRAP_OVERDUE']);
  });

  it('(5) cheating in study or exams in the last three cycles', async () => {
    const car = await createVehicle(t.ctx.db);
    const d = await driverWith(3);
    await createViolation(t.ctx.db, {
      plate: car.plate,
      code: '9031',
      points: 0,
      fine: 500,
      category: 'education-fraud',
      status: 'paid',
      handledBy: d.idNumber,
      handledOn: '2026-01-10',
    });
    const res = await reduce(d.idNumber);
    expect(refusalCodes(res)).toEqual(['EXCLUDED_EDUCATION_FRAUD']);
    expect(basisOf(res, 'EXCLUDED_EDUCATION_FRAUD')).toBe(
      '道路交通安全违法行为记分管理办法 第二十六条第五项',
    );
  });

  it('lists every reason at once', async () => {
    const d = await driverWith(3, {
      firstIssuedOn: '2026-01-10',
      probationUntil: '2027-01-09',
      status: 'suspended',
      validUntil: '2032-01-10',
      validityTerm: '6y',
    });
    const old = await createVehicle(t.ctx.db, { ownerIdNumber: d.idNumber, status: 'scrap-due' });
    const res = await reduce(d.idNumber, { method: 'online', minutes: 10, examPassed: false });
    expect(refusalCodes(res)).toEqual([
      'STUDY_TOO_SHORT',
      'EXAM_NOT_PASSED',
      'EXCLUDED_PROBATION',
      'EXCLUDED_LICENCE_DETAINED',
      'EXCLUDED_VEHICLE_SCRAP_OVERDUE',
    ]);
    expectEnglishRefusalItems(res.json().refusal.items, [old.plate]);
  });

  it('is the driver’s own business: no agent, and not at dealers or banks', async () => {
    const d = await driverWith(3);
    const agent = await submit(
      t,
      'clerk.police',
      'points.reduce',
      { idNumber: d.idNumber },
      ONLINE,
      {
        idNumber: idNumber(),
        name: '代办人',
      },
    );
    expect(refusalCodes(agent)).toEqual(['AGENT_NOT_ALLOWED']);
    for (const user of ['clerk.dealer', 'clerk.bank']) {
      expect(refusalCodes(await reduce(d.idNumber, ONLINE, user)), user).toEqual(['NOT_DELEGATED']);
    }
  });
});
