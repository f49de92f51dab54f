import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { createVehicle, GUIYANG } from '../../../test/support/factories.ts';
import { withStatementsLogged } from '../../../test/support/logged-db.ts';
import { vehicleFactsByPlate } from './vehicles.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const ZUNYI_HOME = { cityCode: '520300', platePrefixes: ['贵C'] };

/** The statements a use of `vehicleFactsByPlate` inside a transaction sends. */
async function statementsOf(plate: string, home?: typeof ZUNYI_HOME) {
  const { result: facts, statements } = await withStatementsLogged(t.databaseUrl, (db) =>
    db.transaction().execute((tx) => vehicleFactsByPlate(tx, plate, home)),
  );
  return { facts, statements };
}

const jurisdictionLookUps = (statements: string[]) =>
  statements.filter((q) => /from "?jurisdictions"?/i.test(q)).length;

// Violation handling reads the vehicle inside its transaction, where the issuing jurisdiction's
// cache (kept per pool) cannot serve: one look-up per handling, for the office's own plates too.
it('finds a vehicle of the office’s own prefixes without looking up the issuing jurisdiction', async () => {
  const car = await createVehicle(t.ctx.db);
  const { facts, statements } = await statementsOf(car.plate, ZUNYI_HOME);
  expect(facts).toMatchObject({ cityCode: '520300', plate: car.plate });
  expect(jurisdictionLookUps(statements)).toBe(0);
});

it('looks up the jurisdiction that issues another prefix, and finds its vehicle there', async () => {
  const car = await createVehicle(t.ctx.db, { countyCode: GUIYANG.countyCode });
  const { facts, statements } = await statementsOf(car.plate, ZUNYI_HOME);
  expect(facts).toMatchObject({ cityCode: GUIYANG.cityCode, plate: car.plate });
  expect(jurisdictionLookUps(statements)).toBe(1);
  expect((await statementsOf(car.plate)).facts).toMatchObject({ cityCode: GUIYANG.cityCode });
});
