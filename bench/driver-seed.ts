/**
 * Driver data for the violation-handle workload: a C1 licence for each driver (first issued
 * 2015-03-15, valid to 2031) and `count` one-point camera records (code 1116, 100 yuan), record
 * k on the plate of driver k mod drivers, so each request handles a record of the driver's own
 * vehicle that no request handled before. Written in bulk, outside the measurement.
 */
import type { Platform } from '../server/src/app/start.ts';
import { log } from './log.ts';
import { benchViolationId, type Subject } from './workloads.ts';

const CHUNK = 2000;

export async function seedDrivers(platform: Platform, drivers: Subject[], count: number) {
  const db = platform.ctx.db;
  const city = '520300';
  for (let i = 0; i < drivers.length; i += CHUNK) {
    const chunk = drivers.slice(i, i + CHUNK);
    await db
      .insertInto('licence_directory')
      .values(chunk.map((d) => ({ id_number: d.idNumber, city_code: city })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    await db
      .insertInto('licences')
      .values(
        chunk.map((d) => ({
          city_code: city,
          county_code: '520302',
          id_number: d.idNumber,
          name: d.name,
          licence_no: d.idNumber,
          classes: ['C1'],
          class_since: JSON.stringify({ C1: '2015-03-15' }),
          status: 'valid' as const,
          status_since: '2015-03-15',
          first_issued_on: '2015-03-15',
          validity_term: '10y' as const,
          valid_until: '2031-03-15',
          probation_until: null,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const now = new Date();
  for (let k = 0; k < count; k += CHUNK) {
    const rows = [];
    for (let j = k; j < Math.min(count, k + CHUNK); j++) {
      rows.push({
        city_code: city,
        id: benchViolationId(j),
        county_code: '520302',
        plate: drivers[j % drivers.length]!.plate,
        code: '1116',
        occurred_at: new Date(now.getTime() - 86_400_000),
        points: 1,
        fine: 100,
        status: 'unhandled' as const,
        source: 'import' as const,
        recorded_at: now,
      });
    }
    await db.insertInto('violations').values(rows).execute();
  }
  log(`seeded ${drivers.length} licences and ${count} violation records`);
}
