/**
 * The bench's fleet: registered vehicles seeded before the run for the business that changes a
 * vehicle for good (a transfer gives it a new owner and number, a mortgage stands until
 * released, a mark moves the inspection date), so each serves exactly one request.
 */
import { sql } from 'kysely';
import type { Platform } from '../server/src/app/start.ts';
import { buildDemoVehicles, demoIdNumber } from '../server/src/demo/demo-vehicles.ts';
import { registerImportedVehicles } from '../server/src/vehicles/vehicles.service.ts';
import { addDays } from '../server/src/platform/time.ts';
import { addMonths } from '../server/src/vehicles/inspection-intervals.ts';
import {
  benchViolationId,
  benchVin,
  FLEET_KINDS,
  modelYearCode,
  type FleetKind,
  type Subject,
} from './workloads.ts';

const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const BATCH = 2000;
/** The lender of the fleet's paid-off loans (a unified social credit code). */
const PAID_OFF_LENDER = '91520300MA6DHIST0X';

/**
 * The i-th fleet plate of a kind: 贵C, two letters, three digits (GA 36), a layout the demo
 * registry (one letter, four digits) never uses; 576 000 numbers per run.
 */
function fleetPlate(kind: number, i: number): string {
  const block = kind * 200 + Math.floor(i / 1000);
  const letters = PLATE_LETTERS[Math.floor(block / 24) % 24]! + PLATE_LETTERS[block % 24]!;
  return `贵C${letters}${String(i % 1000).padStart(3, '0')}`;
}

/** Years back (or ahead, when negative) from a day; the end of February stays a real day. */
const yearsBefore = (day: string, years: number) => addMonths(day, -12 * years);

/**
 * Seeds `size` vehicles per fleet kind: small private cars, each with its own owner. Those for
 * inspection marks are in their fourth year, due within the application window and exempt from
 * the station (2022 reform); the others are inspected until next year.
 */
export async function seedFleet(
  platform: Platform,
  size: number,
  today: string,
): Promise<Record<FleetKind, Subject[]>> {
  const template = buildDemoVehicles(1)[0]!;
  const fleet = {} as Record<FleetKind, Subject[]>;
  for (const [k, kind] of FLEET_KINDS.entries()) {
    const marking = kind === 'inspection-mark';
    const registeredOn = marking ? addDays(yearsBefore(today, 4), 14) : yearsBefore(today, 3);
    const rows = Array.from({ length: size }, (_, i) => ({
      ...template,
      county_code: '520302',
      vin: benchVin(k * 1_000_000 + i, 'FLEET'),
      plate: fleetPlate(k, i),
      vehicle_type: 'small-car',
      use_nature: 'non-operating',
      owner_id_number: demoIdNumber('520302', '1980-01-01', i),
      owner_name: '车主甲',
      owner_phone: null,
      status: 'normal' as const,
      registered_on: registeredOn,
      manufactured_on: addDays(registeredOn, -30),
      inspection_valid_until: marking ? addDays(today, 35) : yearsBefore(today, -1),
    }));
    for (let from = 0; from < rows.length; from += BATCH) {
      await platform.ctx.db.transaction().execute((tx) =>
        registerImportedVehicles(
          tx,
          rows.slice(from, from + BATCH).map((row) => ({ row, mortgage: null })),
        ),
      );
    }
    await seedPaidOffLoans(platform, rows);
    fleet[kind] = rows.map((r) => ({
      plate: r.plate,
      idNumber: r.owner_id_number,
      name: r.owner_name,
    }));
  }
  return fleet;
}

/**
 * A paid-off loan for every other fleet car: a mortgage registered ten days after the car and
 * released a year later. A city's register of mortgages is mostly released ones; a register
 * analysed while empty had every connection read a vehicle's active mortgage by a sequential
 * scan of the whole register, which grew with the run's mortgages.
 */
async function seedPaidOffLoans(platform: Platform, rows: { vin: string }[]) {
  const vins = rows.filter((_, i) => i % 2 === 0).map((r) => r.vin);
  for (let from = 0; from < vins.length; from += BATCH) {
    await sql`
      INSERT INTO mortgages (city_code, vehicle_id, mortgagee_org_code, contract_no, registered_on,
                             released_on)
      SELECT city_code, id, ${PAID_OFF_LENDER}, 'DYHIST' || id, registered_on + 10,
             registered_on + 375
        FROM vehicles
       WHERE city_code = '520300' AND vin = ANY(${vins.slice(from, from + BATCH)}::text[])`.execute(
      platform.ctx.db,
    );
  }
}

/**
 * What an earlier run's writes left in the database, named (its fleet, its violation records,
 * its temporary plates, its registrations: each looked up by the first id a run uses); null
 * when none. An existing data directory takes one run's writes.
 */
export async function earlierBenchWrites(
  platform: Platform,
  /** The run's new cars' date of manufacture (their VINs' model year). */
  manufacturedOn: string,
): Promise<string | null> {
  const newCar = benchVin(0, 'NEWCR', modelYearCode(manufacturedOn));
  const { rows } = await sql<{ what: string }>`
    SELECT 'its fleet' AS what FROM vehicle_directory WHERE vin = ${benchVin(0, 'FLEET')}
    UNION ALL
    SELECT 'its violation records' FROM violations
     WHERE city_code = '520300' AND id = ${benchViolationId(0)}
    UNION ALL
    SELECT 'its temporary plates' WHERE EXISTS (SELECT FROM temp_plates WHERE vin = ${benchVin(0)})
    UNION ALL
    SELECT 'its registrations' FROM vehicle_directory WHERE vin = ${newCar}`.execute(
    platform.ctx.db,
  );
  return rows.length ? rows.map((r) => r.what).join(', ') : null;
}
