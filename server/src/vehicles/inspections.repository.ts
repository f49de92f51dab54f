import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import { epochMs, type DbOrTx, type Tx } from '../db/database.ts';
import type { InspectionsTable } from '../db/types.ts';

export interface InspectionRecord {
  id: string;
  reportNo: string;
  vin: string | null;
  plate: string | null;
  result: 'pass' | 'fail';
  finishedAt: Date;
  outletCode: string;
}

export async function insertInspection(
  tx: Tx,
  i: {
    cityCode: string;
    id: string;
    reportPrefix: string;
    countyCode: string;
    outletCode: string;
    vin: string | null;
    plate: string | null;
    result: 'pass' | 'fail';
    items: unknown;
    startedAt: Date;
    finishedAt: Date;
    inspector: string;
    photoHashes: string[];
    recordedBy: string;
    recordedAt: Date;
  },
): Promise<string> {
  const row = await tx
    .insertInto('inspections')
    .values({
      city_code: i.cityCode,
      id: i.id,
      report_no: sql<string>`${i.reportPrefix} || lpad(nextval('inspection_report_serial')::text, 8, '0')`,
      county_code: i.countyCode,
      outlet_code: i.outletCode,
      vin: i.vin,
      plate: i.plate,
      result: i.result,
      items: JSON.stringify(i.items),
      started_at: i.startedAt,
      finished_at: i.finishedAt,
      inspector: i.inspector,
      photo_hashes: i.photoHashes,
      recorded_by: i.recordedBy,
      recorded_at: i.recordedAt,
    })
    .returning('report_no')
    .executeTakeFirstOrThrow();
  return row.report_no;
}

export async function findInspection(
  db: DbOrTx,
  cityCode: string,
  reportNo: string,
): Promise<InspectionRecord | null> {
  const row = await db
    .selectFrom('inspections')
    .select(['id', 'report_no', 'vin', 'plate', 'result', 'finished_at', 'outlet_code'])
    .where('city_code', '=', cityCode)
    .where('report_no', '=', reportNo)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        reportNo: row.report_no,
        vin: row.vin,
        plate: row.plate,
        result: row.result,
        finishedAt: row.finished_at,
        outletCode: row.outlet_code,
      }
    : null;
}

/** One inspection as supervision audits it: where, the outcome and the times (nothing else). */
export interface InspectionFact {
  id: string;
  reportNo: string;
  stationCode: string;
  countyCode: string;
  passed: boolean;
  startedAt: Date;
  finishedAt: Date;
}

/** A page of a city's inspections finished in [since, until), by (finished_at, id) keyset. */
export async function inspectionFactsPage(
  db: DbOrTx,
  f: {
    cityCode: string;
    since: Date;
    until: Date;
    after?: { finishedAt: Date; id: string };
    limit: number;
  },
): Promise<InspectionFact[]> {
  let query = db
    .selectFrom('inspections')
    .select([
      'id',
      'report_no',
      'outlet_code',
      'county_code',
      'result',
      epochMs('started_at').as('started_ms'),
      epochMs('finished_at').as('finished_ms'),
    ])
    .where('city_code', '=', f.cityCode)
    .where('finished_at', '>=', f.since)
    .where('finished_at', '<', f.until);
  if (f.after) {
    query = query.where(
      sql<boolean>`(finished_at, id) > (${f.after.finishedAt}, ${f.after.id}::uuid)`,
    );
  }
  const rows = await query.orderBy('finished_at').orderBy('id').limit(f.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    reportNo: r.report_no,
    stationCode: r.outlet_code,
    countyCode: r.county_code,
    passed: r.result === 'pass',
    startedAt: new Date(r.started_ms),
    finishedAt: new Date(r.finished_ms),
  }));
}

/**
 * Photos of inspections finished in [since, until) that also appear in an inspection of another
 * vehicle (any time): the same picture cannot show two vehicles (`inspections_photos`).
 */
export async function reusedPhotoRows(
  db: DbOrTx,
  f: { cityCode: string; since: Date; until: Date },
) {
  const { rows } = await sql<{
    hash: string;
    report_no: string;
    station_code: string;
    county_code: string;
    vehicle: string;
    other_report_no: string;
    other_station_code: string;
    other_vehicle: string;
  }>`
    SELECT h.hash, i.report_no, i.outlet_code AS station_code, i.county_code,
           coalesce(i.vin, i.plate) AS vehicle, o.report_no AS other_report_no,
           o.outlet_code AS other_station_code, coalesce(o.vin, o.plate) AS other_vehicle
      FROM inspections i
     CROSS JOIN LATERAL unnest(i.photo_hashes) AS h(hash)
      JOIN inspections o ON o.city_code = i.city_code AND o.photo_hashes @> ARRAY[h.hash]
                        AND coalesce(o.vin, o.plate) <> coalesce(i.vin, i.plate)
     WHERE i.city_code = ${f.cityCode} AND i.finished_at >= ${f.since} AND i.finished_at < ${f.until}
     ORDER BY i.report_no, h.hash, o.report_no`.execute(db);
  return rows;
}

/**
 * Imported inspections (legacy history), one statement: a legacy id already imported in the
 * city, or a report number already taken, is skipped. Returns the legacy ids that went in.
 */
export async function insertImportedInspections(tx: Tx, rows: Insertable<InspectionsTable>[]) {
  if (!rows.length) return new Set<string>();
  const inserted = await tx
    .insertInto('inspections')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .returning('import_id')
    .execute();
  return new Set(inserted.map((r) => r.import_id!));
}

/** The VINs of a city's registered vehicles by plate (the plates that are on file). */
export async function vinsOfPlates(db: DbOrTx, cityCode: string, plates: readonly string[]) {
  if (!plates.length) return new Map<string, string>();
  const rows = await db
    .selectFrom('vehicles')
    .select(['plate', 'vin'])
    .where('city_code', '=', cityCode)
    .where('plate', 'in', [...plates])
    .execute();
  return new Map(rows.flatMap((r) => (r.plate ? [[r.plate, r.vin] as const] : [])));
}
