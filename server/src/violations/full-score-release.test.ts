import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { submit, tokenOf } from '../../../test/support/driver.ts';
import { createLicence, createVehicle, createViolation } from '../../../test/support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** The exam site's answer to a result of the demo site's subject on a day. */
async function examAnswer(id: string, subject: number, day: string, passed = true) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/exam-results',
    headers: await tokenOf(t, 'clerk.exam'),
    payload: {
      idNumber: id,
      subject,
      class: 'C1',
      examSiteCode: '520302-EX-001',
      examinerId: 'KG-1',
      score: passed ? 95 : 70,
      passed,
      faceMatch: 'pass',
      startedAt: `${day}T09:00:00+08:00`,
      finishedAt: `${day}T09:30:00+08:00`,
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as {
    counted: boolean;
    event: string | null;
    reasons: { code: string; message: string; remedy: string }[];
  };
}

const exam = async (id: string, subject: number, day: string, passed = true) =>
  (await examAnswer(id, subject, day, passed)).event;

const licence = async (id: string) =>
  (
    await t.app.inject({
      url: `/api/v1/licences/${id}`,
      headers: bearer(await t.login('clerk.police')),
    })
  ).json();

describe('full score: release when the exam is passed and the fines are paid (R163 §§21–23)', () => {
  it('waits for the study, then for the fine, then clears the points and returns the licence', async () => {
    t.clock.set('2026-11-10T10:00:00+08:00');
    const driver = await createLicence(t.ctx.db);
    const car = await createVehicle(t.ctx.db, { ownerIdNumber: driver.idNumber });
    const drink = await createViolation(t.ctx.db, {
      plate: car.plate,
      code: '1712',
      points: 12,
      fine: 1500,
    });
    const handled = await submit(
      t,
      'clerk.police',
      'violation.handle',
      { idNumber: driver.idNumber },
      {
        violationId: drink.id,
      },
    );
    expect(handled.json().result.fullScore).toMatchObject({ studyDays: 7, subjects: [1] });
    expect((await licence(driver.idNumber)).status).toBe('full-score');

    // Before the 7 days of study are over, a pass does not count.
    t.clock.set('2026-11-16T12:00:00+08:00');
    expect(await exam(driver.idNumber, 1, '2026-11-16')).toBeNull();
    // After them it does, but the fine is unpaid: the licence stays detained.
    t.clock.set('2026-11-17T12:00:00+08:00');
    const passed = await examAnswer(driver.idNumber, 1, '2026-11-17');
    // Told what the result did, not sent to book again for an application it has none of.
    expect(passed).toMatchObject({ counted: false, event: 'full-score-exams-passed' });
    expect(passed.reasons.map((r) => r.code)).toEqual(['RESULT_FULL_SCORE_EXAM']);
    expect(passed.reasons[0]!.message).toContain('缴清罚款后');
    expect(await licence(driver.idNumber)).toMatchObject({
      status: 'full-score',
      cycle: { points: 12 },
    });

    // Paying the fine ends it: points cleared, licence returned.
    const paid = await submit(
      t,
      'clerk.bank',
      'fine.pay',
      { idNumber: driver.idNumber },
      { violationId: drink.id },
    );
    expect(paid.statusCode).toBe(201);
    expect(await licence(driver.idNumber)).toMatchObject({ status: 'valid', cycle: { points: 0 } });
  });

  it('counts a pass only from the 10th day after a failed exam (R163 §21)', async () => {
    t.clock.set('2026-11-10T10:00:00+08:00');
    const driver = await createLicence(t.ctx.db);
    const car = await createVehicle(t.ctx.db, { ownerIdNumber: driver.idNumber });
    const drink = await createViolation(t.ctx.db, { plate: car.plate, code: '1712', points: 12 });
    const who = { idNumber: driver.idNumber };
    await submit(t, 'clerk.police', 'violation.handle', who, { violationId: drink.id });
    await submit(t, 'clerk.bank', 'fine.pay', who, { violationId: drink.id });
    t.clock.set('2026-11-17T12:00:00+08:00');
    expect(await exam(driver.idNumber, 1, '2026-11-17', false)).toBeNull();
    // The same day and the 9th day after are too early; the 10th day after is not.
    expect(await exam(driver.idNumber, 1, '2026-11-17')).toBeNull();
    t.clock.set('2026-11-26T12:00:00+08:00');
    expect(await exam(driver.idNumber, 1, '2026-11-26')).toBeNull();
    expect((await licence(driver.idNumber)).status).toBe('full-score');
    t.clock.set('2026-11-27T12:00:00+08:00');
    const released = await examAnswer(driver.idNumber, 1, '2026-11-27');
    expect(released).toMatchObject({ event: 'full-score-released' });
    expect(released.reasons).toMatchObject([
      { code: 'RESULT_FULL_SCORE_EXAM', remedy: '无需重新考试' },
    ]);
    expect(released.reasons[0]!.message).toContain('驾驶证已发还');
    expect(await licence(driver.idNumber)).toMatchObject({ status: 'valid', cycle: { points: 0 } });
  });

  it('releases at the exam when the fines are already paid, after every subject owed', async () => {
    t.clock.set('2026-11-10T10:00:00+08:00');
    const driver = await createLicence(t.ctx.db);
    const car = await createVehicle(t.ctx.db, { ownerIdNumber: driver.idNumber });
    // 24 points: subject 3 is owed too (R163 §22).
    for (const _ of [1, 2]) {
      const v = await createViolation(t.ctx.db, {
        plate: car.plate,
        code: '1712',
        points: 12,
        fine: 0,
      });
      await submit(
        t,
        'clerk.police',
        'violation.handle',
        { idNumber: driver.idNumber },
        { violationId: v.id },
      );
    }
    t.clock.set('2026-11-30T12:00:00+08:00');
    expect(await exam(driver.idNumber, 1, '2026-11-30')).toBeNull();
    expect(await exam(driver.idNumber, 3, '2026-11-30')).toBe('full-score-released');
    expect(await licence(driver.idNumber)).toMatchObject({ status: 'valid', cycle: { points: 0 } });
  });
});
