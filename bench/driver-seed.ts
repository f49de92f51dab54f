/**
 * Driver data for the violation-handle workload: a C1 licence for each driver (first issued
 * 2015-03-15, valid to 2031) and `count` one-point camera records (code 1116, 100 yuan), record
 * k on the plate of driver k mod drivers, so each request handles a record of the driver's own
 * vehicle that no request handled before. Written in bulk, outside the measurement.
 */
import type { Platform } from '../server/src/app/start.ts';
import { log } from './log.ts';
import { benchLicenceHolder, benchViolationId, type Subject } from './workloads.ts';

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
  if (count > 0) await seedHandledHistory(platform, drivers);
  log(`seeded ${drivers.length} licences and ${count} violation records`);
}

/** Records of each driver handled and paid in an earlier cycle (`seedHandledHistory`). */
const HISTORY_PER_DRIVER = 3;

/**
 * A handled past for the drivers: a few records of each one's own vehicle, handled and paid in
 * 2023 (a cycle long closed: no points now), with their entries in the points ledger. A city's
 * violations are mostly handled, and the statistics the run starts with say so; over records
 * that were all unhandled they said that no record had a handler or a handling day. And a
 * ledger analysed while empty had every connection read a driver's points by a sequential scan
 * of the whole ledger, which grew with the run's handlings.
 */
async function seedHandledHistory(platform: Platform, drivers: Subject[]) {
  const db = platform.ctx.db;
  // Three rows per driver of sixteen columns: within the protocol's 65 535 parameters.
  const chunk = Math.floor(CHUNK / HISTORY_PER_DRIVER);
  for (let i = 0; i < drivers.length; i += chunk) {
    const rows = drivers.slice(i, i + chunk).flatMap((d, j) =>
      Array.from({ length: HISTORY_PER_DRIVER }, (_, k) => {
        const day = `2023-0${1 + k}-${String(10 + ((i + j) % 18)).padStart(2, '0')}`;
        const at = new Date(`${day}T10:00:00+08:00`);
        return {
          city_code: '520300',
          id: `BENCHH${String((i + j) * HISTORY_PER_DRIVER + k).padStart(8, '0')}`,
          county_code: '520302',
          plate: d.plate,
          code: '1116',
          occurred_at: new Date(at.getTime() - 7 * 86_400_000),
          points: 1,
          fine: 100,
          status: 'paid' as const,
          source: 'import' as const,
          recorded_at: at,
          handled_by: d.idNumber,
          owner_id_number: d.idNumber,
          handled_on: day,
          handled_at: at,
          paid_at: at,
        };
      }),
    );
    await db.insertInto('violations').values(rows).execute();
    // Each handling's points in the ledger, as the handling wrote them then.
    await db
      .insertInto('point_entries')
      .values(
        rows.map((r) => ({
          city_code: r.city_code,
          id_number: r.handled_by,
          kind: 'violation' as const,
          points: r.points,
          recorded_on: r.handled_on,
          violation_city_code: r.city_code,
          violation_id: r.id,
          fine_settled_on: r.handled_on,
        })),
      )
      .execute();
  }
}

/**
 * Licence holders for driving licence reissues: `count` valid C1 licences (as above) without
 * vehicles or records, so that no points ever detain them. Answers them as the registry names
 * them (a number already there keeps its licence and name).
 */
export async function seedLicenceHolders(platform: Platform, count: number): Promise<Subject[]> {
  const holders = Array.from({ length: count }, (_, n) => ({
    idNumber: benchLicenceHolder(n),
    name: `驾驶人${n}`,
    plate: '',
  }));
  await seedDrivers(platform, holders, 0);
  const rows = await platform.ctx.db
    .selectFrom('licences')
    .select(['id_number', 'name'])
    .where('city_code', '=', '520300')
    .where(
      'id_number',
      'in',
      holders.map((h) => h.idNumber),
    )
    .where('status', '=', 'valid')
    .execute();
  return rows.map((r) => ({ idNumber: r.id_number, name: r.name, plate: '' }));
}
