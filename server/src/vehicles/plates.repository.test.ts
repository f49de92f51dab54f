import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { unavailablePlates } from './plates.repository.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const TODAY = '2026-06-15';

describe('unavailablePlates', () => {
  it('gives the numbers carried by a vehicle or held past today, in one statement for any number of candidates', async () => {
    const { db } = t.ctx;
    const [vehicle] = (
      await sql<{
        city_code: string;
        plate: string;
      }>`SELECT city_code, plate FROM vehicles WHERE plate IS NOT NULL ORDER BY plate LIMIT 1`.execute(
        db,
      )
    ).rows;
    const city = vehicle!.city_code;
    const hold = (plate: string, until: string | null) =>
      sql`INSERT INTO plate_reservations (city_code, plate, kind, holder_id_number, reserved_at, reserved_until)
          VALUES (${city}, ${plate}, 'retained', NULL, now(), ${until})`.execute(db);
    await hold('贵C9T001', null); // held with no end
    await hold('贵C9T002', TODAY); // kept until today: still held
    await hold('贵C9T003', '2026-06-14'); // lapsed yesterday

    const asked = [vehicle!.plate, '贵C9T001', '贵C9T002', '贵C9T003', '贵C9T005'];
    expect(await unavailablePlates(db, city, asked, TODAY)).toEqual(
      new Set([vehicle!.plate, '贵C9T001', '贵C9T002']),
    );
    // One candidate, and a plate both carried and held, come out once.
    await hold(vehicle!.plate, null);
    expect(await unavailablePlates(db, city, [vehicle!.plate], TODAY)).toEqual(
      new Set([vehicle!.plate]),
    );
    expect(await unavailablePlates(db, city, ['贵C9T005'], TODAY)).toEqual(new Set());
    expect(await unavailablePlates(db, city, [], TODAY)).toEqual(new Set());
  });
});
