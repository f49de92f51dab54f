import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { submit } from '../../../test/support/driver.ts';
import {
  createLicence,
  createPointEntry,
  createVehicle,
  createViolation,
  idNumber,
} from '../../../test/support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const get = async (url: string, user = 'clerk.police') =>
  await t.app.inject({ url, headers: bearer(await t.login(user)) });

describe('the window’s check before handling a violation', () => {
  it('shows the cycle, the points after, and the §14 and 3 × 3 counts, writing nothing', async () => {
    t.clock.set('2026-11-26T10:00:00+08:00');
    const driver = await createLicence(t.ctx.db);
    await createPointEntry(t.ctx.db, { idNumber: driver.idNumber, points: 6, on: '2026-06-01' });
    const car = await createVehicle(t.ctx.db);
    const record = await createViolation(t.ctx.db, { plate: car.plate });
    const res = await get(
      `/api/v1/violations/${record.id}/handling-preview?idNumber=${driver.idNumber}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      violation: { id: record.id, plate: car.plate, points: 6, status: 'unhandled' },
      driver: { hasLicence: true, status: 'valid', cyclePoints: 6, cycleEnd: '2027-03-14' },
      ownsVehicle: false,
      substitute: { plates: 0, maxPlates: 3, drivers: 0, maxDrivers: 3 },
      pointsAfter: 12,
      reachesFullScore: true,
      items: [],
    });
    const row = await t.ctx.db
      .selectFrom('violations')
      .select('status')
      .where('id', '=', record.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('unhandled');
  });

  it('names the refusal items the submission would get', async () => {
    const car = await createVehicle(t.ctx.db);
    const record = await createViolation(t.ctx.db, { plate: car.plate });
    const res = await get(
      `/api/v1/violations/${record.id}/handling-preview?idNumber=${idNumber()}`,
    );
    expect(res.json().items.map((i: { code: string }) => i.code)).toEqual(['DRIVER_NO_LICENCE']);
    expect(
      (
        await get(
          `/api/v1/violations/${record.id}/handling-preview?idNumber=${idNumber()}`,
          'clerk.bank',
        )
      ).statusCode,
    ).toBe(403);
  });
});

describe('GET /drivers/{idNumber}: the driver file', () => {
  it('gathers licence, ledger, violations and applications for the police', async () => {
    t.clock.set('2026-11-26T10:00:00+08:00');
    const driver = await createLicence(t.ctx.db);
    const car = await createVehicle(t.ctx.db, { ownerIdNumber: driver.idNumber });
    const record = await createViolation(t.ctx.db, { plate: car.plate });
    await submit(
      t,
      'clerk.police',
      'violation.handle',
      { idNumber: driver.idNumber },
      { violationId: record.id },
    );
    const res = await get(`/api/v1/drivers/${driver.idNumber}`);
    expect(res.statusCode).toBe(200);
    const file = res.json();
    expect(file.licence).toMatchObject({ classes: ['C1'], cycle: { points: 6 } });
    expect(file.ledger).toEqual([{ on: '2026-11-26', kind: 'violation', points: 6 }]);
    expect(file.violations[0]).toMatchObject({ id: record.id, status: 'handled' });
    expect(file.applications[0]).toMatchObject({
      businessType: 'violation.handle',
      status: 'completed',
    });
  });

  it('is for the readers of the licence registry', async () => {
    const driver = await createLicence(t.ctx.db);
    for (const user of ['clerk.bank', 'clerk.hospital', 'clerk.exam']) {
      expect((await get(`/api/v1/drivers/${driver.idNumber}`, user)).statusCode, user).toBe(403);
    }
    expect((await get(`/api/v1/drivers/${driver.idNumber}`, 'sup.city')).statusCode).toBe(200);
    expect((await get(`/api/v1/drivers/${idNumber()}`)).statusCode).toBe(404);
  });
});

describe('GET /exam-results?date=: an exam site’s day', () => {
  it('lists the site’s own results of the day to its clerks only', async () => {
    t.clock.set('2026-11-26T16:00:00+08:00');
    const id = idNumber('520302', '20000101');
    const posted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/exam-results',
      headers: bearer(await t.login('clerk.exam')),
      payload: {
        idNumber: id,
        subject: 1,
        class: 'C1',
        examSiteCode: '520302-EX-001',
        examinerId: 'KG-9',
        score: 92,
        passed: true,
        faceMatch: 'pass',
        startedAt: '2026-11-26T09:00:00+08:00',
        finishedAt: '2026-11-26T09:40:00+08:00',
      },
    });
    expect(posted.json()).toMatchObject({ counted: false, applicationId: null, event: null });
    const list = await get('/api/v1/exam-results?date=2026-11-26', 'clerk.exam');
    expect(list.json().items).toEqual([
      expect.objectContaining({
        id: posted.json().id,
        subject: 1,
        score: 92,
        passed: true,
        counted: false,
      }),
    ]);
    const other = await get('/api/v1/exam-results?date=2026-11-26', 'clerk.city');
    expect(other.statusCode).toBe(403);
    // The refusal speaks of reading too, not only of submitting.
    expect(other.json().error.message).toContain('查看');
  });
});
