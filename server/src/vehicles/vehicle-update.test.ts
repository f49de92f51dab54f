import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { createVehicle } from '../../../test/support/factories.ts';
import { updateVehicle, type VehiclePatch } from './vehicles.repository.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

async function patched(patch: VehiclePatch) {
  const car = await createVehicle(t.ctx.db);
  const row = await t.ctx.db
    .selectFrom('vehicles')
    .selectAll()
    .where('vin', '=', car.vin)
    .executeTakeFirstOrThrow();
  await t.ctx.db.transaction().execute((tx) => updateVehicle(tx, row.city_code, row.id, patch));
  const after = await t.ctx.db
    .selectFrom('vehicles')
    .selectAll()
    .where('id', '=', row.id)
    .executeTakeFirstOrThrow();
  return { before: row, after };
}

// Each set of fields is compiled once and reused: the values of one patch never leak into the
// next of the same shape, and fields a patch leaves out stay as they were.
it('writes exactly the fields each patch gives, whatever shapes came before', async () => {
  const a = await patched({ ownerName: '甲', ownerPhone: null });
  expect(a.after).toMatchObject({ owner_name: '甲', owner_phone: null, plate: a.before.plate });
  const b = await patched({ ownerName: '乙', ownerPhone: '13800000002' });
  expect(b.after).toMatchObject({ owner_name: '乙', owner_phone: '13800000002' });
  const c = await patched({ status: 'deregistered', plate: null });
  expect(c.after).toMatchObject({
    status: 'deregistered',
    plate: null,
    owner_name: c.before.owner_name,
  });
  expect(c.after.updated_at.getTime()).toBeGreaterThanOrEqual(c.before.updated_at.getTime());
  const d = await patched({ inspectionValidUntil: '2030-05-31' });
  expect(d.after).toMatchObject({ status: d.before.status, plate: d.before.plate });
  expect(String(d.after.inspection_valid_until)).toContain('2030-05-31');
});
