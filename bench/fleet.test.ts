import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Platform } from '../server/src/app/start.ts';
import { createTestApp, type TestApp } from '../test/support/app.ts';
import { createVehicle, createViolation, zunyiPlate } from '../test/support/factories.ts';
import { earlierBenchWrites, seedFleet } from './fleet.ts';
import { benchViolationId, benchVin, modelYearCode } from './workloads.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => t.close());

describe("an existing data directory's earlier bench writes", () => {
  const platform = () => ({ ctx: t.ctx }) as unknown as Platform;

  it('finds none in a database no run has written to', async () => {
    expect(await earlierBenchWrites(platform(), '2026-11-06')).toBeNull();
  });

  it('names the fleet a run seeded', async () => {
    await seedFleet(platform(), 1, '2026-12-06');
    expect(await earlierBenchWrites(platform(), '2026-11-06')).toBe('its fleet');
  });

  it('names the violation records a run seeded', async () => {
    const { id } = await createViolation(t.ctx.db, { plate: zunyiPlate() });
    await t.ctx.db
      .updateTable('violations')
      .set({ id: benchViolationId(0) })
      .where('id', '=', id)
      .execute();
    expect(await earlierBenchWrites(platform(), '2026-11-06')).toBe('its violation records');
  });

  it('names the new cars a run registered (their VINs carry the model year)', async () => {
    await createVehicle(t.ctx.db, { vin: benchVin(0, 'NEWCR', modelYearCode('2026-11-06')) });
    expect(await earlierBenchWrites(platform(), '2026-11-06')).toBe('its registrations');
    // A run a model year later draws other VINs.
    expect(await earlierBenchWrites(platform(), '2027-11-06')).toBeNull();
  });
});
