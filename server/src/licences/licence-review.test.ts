import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { refusalCodes, refusalItem, submit } from '../../../test/support/driver.ts';
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
// Licences first issued 2015-03-15: the last cycle that ended is 2025-03-15 … 2026-03-14.
beforeEach(() => t.clock.set('2026-11-26T10:00:00+08:00'));

const STUDIED = { studyHours: 3, healthDeclared: true };
const review = (id: string, data: Record<string, unknown> = STUDIED) =>
  submit(t, 'clerk.city', 'licence.review', { idNumber: id }, data);

describe('licence.review (审验, R162 §§72–73)', () => {
  it('reviews a B2 licence after a cycle with points, once', async () => {
    const d = await createLicence(t.ctx.db, { classes: ['B2'] });
    await createPointEntry(t.ctx.db, { idNumber: d.idNumber, points: 3, on: '2025-10-01' });
    const res = await review(d.idNumber);
    expect(res.statusCode).toBe(201);
    expect(res.json().result).toEqual({
      reviewedCycle: { start: '2025-03-15', end: '2026-03-14' },
    });
    expect(refusalCodes(await review(d.idNumber))).toEqual(['REVIEW_ALREADY_DONE']);
    // Reviewed, the licence no longer bars point reduction (R163 §26(3)).
    await createPointEntry(t.ctx.db, { idNumber: d.idNumber, points: 3, on: '2026-06-01' });
    const reduce = await submit(
      t,
      'clerk.police',
      'points.reduce',
      { idNumber: d.idNumber },
      {
        method: 'online',
        minutes: 30,
        examPassed: true,
      },
    );
    expect(reduce.statusCode).toBe(201);
  });

  it('is owed only by large classes after a cycle with points', async () => {
    const c1 = await createLicence(t.ctx.db);
    await createPointEntry(t.ctx.db, { idNumber: c1.idNumber, points: 3, on: '2025-10-01' });
    expect(refusalCodes(await review(c1.idNumber))).toEqual(['REVIEW_NOT_REQUIRED']);
    const clean = await createLicence(t.ctx.db, { classes: ['A1'] });
    expect(refusalCodes(await review(clean.idNumber))).toEqual(['REVIEW_NOT_REQUIRED']);
  });

  it('fails with unhandled violations, too little study or no declaration, all at once', async () => {
    const d = await createLicence(t.ctx.db, { classes: ['B2'] });
    await createPointEntry(t.ctx.db, { idNumber: d.idNumber, points: 3, on: '2025-10-01' });
    const car = await createVehicle(t.ctx.db, { ownerIdNumber: d.idNumber });
    await createViolation(t.ctx.db, { plate: car.plate });
    const res = await review(d.idNumber, { studyHours: 2, healthDeclared: false });
    expect(refusalCodes(res)).toEqual([
      'UNHANDLED_VIOLATIONS',
      'STUDY_TOO_SHORT',
      'HEALTH_NOT_DECLARED',
    ]);
    expect(refusalItem(res, 'UNHANDLED_VIOLATIONS')?.legalBasis).toBe(
      '机动车驾驶证申领和使用规定 第七十三条',
    );
  });

  it('takes the review materials from a representative (R162 §105: 提交审验材料 by an agent)', async () => {
    const d = await createLicence(t.ctx.db, { classes: ['B2'] });
    await createPointEntry(t.ctx.db, { idNumber: d.idNumber, points: 3, on: '2025-10-01' });
    const agent = { idNumber: idNumber('520302', '19800303'), name: '代办人' };
    const res = await submit(
      t,
      'clerk.city',
      'licence.review',
      { idNumber: d.idNumber },
      STUDIED,
      agent,
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('completed');
  });
});
