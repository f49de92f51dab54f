import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { businessClient } from '../../../test/support/business.ts';
import { createVehicle, createViolation, idNumber } from '../../../test/support/factories.ts';

/**
 * The composition root wires the areas' ports: vehicle business reads the violations area's
 * records through `VEHICLE_PORTS` (R164 §25: violations handled before a transfer).
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());
const { submit, codes } = businessClient(() => t);

describe('the wired ports', () => {
  it('refuses a transfer while the plate has an unhandled violation, and allows it once handled', async () => {
    const v = await createVehicle(t.ctx.db);
    await createViolation(t.ctx.db, { plate: v.plate });
    const transfer = () =>
      submit(
        'vehicle.transfer',
        { idNumber: idNumber(), name: '王五' },
        { plate: v.plate, invoiceNo: 'ESC2026001' },
        'clerk.market',
      );
    expect(codes(await transfer())).toEqual(['VIOLATIONS_UNHANDLED']);
    await t.ctx.db
      .updateTable('violations')
      .set({ status: 'handled', handled_on: '2026-11-20' })
      .where('plate', '=', v.plate)
      .execute();
    expect((await transfer()).statusCode).toBe(201);
  });
});
