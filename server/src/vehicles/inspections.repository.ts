import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';
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

/**
 * A vehicle's inspection reports, oldest first, with the station's code (the vehicle file). By
 * VIN: a station's result names the vehicle on file (`recordInspection`, the import).
 */
export async function inspectionsOfVehicle(db: DbOrTx, cityCode: string, vin: string) {
  return await db
    .selectFrom('inspections as i')
    .select(['i.report_no', 'i.plate', 'i.result', 'i.finished_at', 'i.outlet_code'])
    .where('i.city_code', '=', cityCode)
    .where('i.vin', '=', vin)
    .orderBy('i.finished_at')
    .limit(1000)
    .execute();
}

/** What `stationSummaryRows` is asked (see there). */
export interface StationSummaryQuery {
  cityCode: string;
  since: Date;
  from: Date;
  until: Date;
  minMinutes: number | null;
  examples: number;
}

/**
 * The Beijing day of an instant that is a Beijing midnight (the bounds supervision reads in):
 * `inspection_days` holds whole days.
 */
const dayOf = (at: Date) => sql`beijing_day(${at}::timestamptz)`;

/**
 * Inspections summarised per station over those finished in [since, until), from
 * `inspection_days` (one row per station and day, kept as inspections are recorded; the bounds
 * are Beijing midnights): before `from` only the baseline counts; in the period, the outcomes in
 * order of (finished_at, id) and the short ones (under `minMinutes`) with their first
 * `examples` report numbers. Rows in order of each station's first inspection.
 */
export async function stationSummaryRows(db: DbOrTx, q: StationSummaryQuery) {
  const period = sql`day >= ${dayOf(q.from)}`;
  const limit = q.minMinutes === null ? null : q.minMinutes * 60;
  const { rows } = await sql<{
    station_code: string;
    county_code: string;
    baseline_n: number;
    baseline_events: number;
    n: number;
    events: number;
    outcomes: string;
    short: number;
    short_examples: string[];
  }>`
    WITH days AS (
      SELECT * FROM inspection_days
       WHERE city_code = ${q.cityCode} AND day >= ${dayOf(q.since)} AND day < ${dayOf(q.until)}),
    short AS (
      SELECT station_code, count(*)::int AS short,
             (array_agg(report_nos[i] ORDER BY day, i))[1:${q.examples}] AS examples
        FROM days, unnest(seconds) WITH ORDINALITY AS u (seconds, i)
       WHERE ${period} AND u.seconds < ${limit}::float8
       GROUP BY station_code)
    SELECT d.station_code, (array_agg(first_county ORDER BY first_at))[1] AS county_code,
           coalesce(sum(n) FILTER (WHERE NOT ${period}), 0)::int AS baseline_n,
           coalesce(sum(passes) FILTER (WHERE NOT ${period}), 0)::int AS baseline_events,
           coalesce(sum(n) FILTER (WHERE ${period}), 0)::int AS n,
           coalesce(sum(passes) FILTER (WHERE ${period}), 0)::int AS events,
           coalesce(string_agg(outcomes, '' ORDER BY day) FILTER (WHERE ${period}), '') AS outcomes,
           coalesce(min(s.short), 0) AS short,
           coalesce(min(s.examples), '{}') AS short_examples
      FROM days d LEFT JOIN short s USING (station_code)
     GROUP BY d.station_code
     ORDER BY min(first_at), d.station_code`.execute(db);
  return rows;
}

/**
 * The starts of the inspections finished in [from, until), per station and Beijing day, in the
 * day's order (finished_at, id): quarters of an hour from the day's midnight, negative when an
 * inspection started the day before. A county-year is about 1,800 rows; telling the starts
 * while the station was closed is a loop over them in Node, where unnesting them in SQL took
 * several times as long (docs/BENCHMARKS.md).
 */
export async function stationDayStarts(
  db: DbOrTx,
  q: { cityCode: string; from: Date; until: Date },
) {
  const { rows } = await sql<{ station_code: string; day: string; start_quarters: number[] }>`
    SELECT station_code, day, start_quarters FROM inspection_days
     WHERE city_code = ${q.cityCode} AND day >= ${dayOf(q.from)} AND day < ${dayOf(q.until)}
     ORDER BY station_code, day`.execute(db);
  return rows;
}

/** Where one inspection sits in `inspection_days`: its station, day and place (from 1). */
export interface DayPlace {
  stationCode: string;
  day: string;
  i: number;
}

/** The report numbers of some inspections by their place in `inspection_days`, in that order. */
export async function reportNumbersAt(db: DbOrTx, cityCode: string, places: readonly DayPlace[]) {
  if (!places.length) return [];
  const { rows } = await sql<{ report_no: string }>`
    SELECT d.report_nos[p.i] AS report_no
      FROM unnest(${places.map((p) => p.stationCode)}::text[], ${places.map((p) => p.day)}::date[],
                  ${places.map((p) => p.i)}::int[]) WITH ORDINALITY AS p (station_code, day, i, ord)
      JOIN inspection_days d
        ON d.city_code = ${cityCode} AND d.day = p.day AND d.station_code = p.station_code
     ORDER BY p.ord`.execute(db);
  return rows.map((r) => r.report_no);
}

/**
 * Photos of inspections finished in [since, until) that also appear in an inspection of another
 * vehicle (any time): the same picture cannot show two vehicles. The hashes of the city that
 * more than one inspection has come first (`inspection_photo_shares`, kept as inspections are
 * recorded); only their inspections are read.
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
    WITH shared AS (SELECT hash FROM inspection_photo_shares WHERE city_code = ${f.cityCode})
    SELECT s.hash, i.report_no, i.outlet_code AS station_code, i.county_code,
           coalesce(i.vin, i.plate) AS vehicle, o.report_no AS other_report_no,
           o.outlet_code AS other_station_code, coalesce(o.vin, o.plate) AS other_vehicle
      FROM shared s
      JOIN inspection_photos pi ON pi.city_code = ${f.cityCode} AND pi.hash = s.hash
      JOIN inspections i ON i.city_code = pi.city_code AND i.id = pi.inspection_id
      JOIN inspection_photos po ON po.city_code = pi.city_code AND po.hash = s.hash
                               AND po.inspection_id <> pi.inspection_id
      JOIN inspections o ON o.city_code = po.city_code AND o.id = po.inspection_id
                        AND coalesce(o.vin, o.plate) <> coalesce(i.vin, i.plate)
     WHERE i.finished_at >= ${f.since} AND i.finished_at < ${f.until}
     ORDER BY i.report_no, s.hash, o.report_no`.execute(db);
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
