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

/** Consecutive Beijing days, each with its kind (as a number) in one byte. */
export interface DayKinds {
  first: string;
  kinds: Uint8Array;
}

/**
 * Each inspection of the period's station-days (its day, place `i` in the day's arrays) with its
 * start's place: the Beijing day it started on (counted from `days.first`) and quarter of an
 * hour, from the starts kept in quarters from the finishing day's midnight. The report numbers
 * are only subscripted for the rows kept: unnesting them too cost more than the rest.
 */
function startsIn(q: { cityCode: string; from: Date; until: Date; days: DayKinds }) {
  const first = sql`${q.days.first}::date`;
  return sql`
    SELECT station_code, day, i, report_nos,
           (day - ${first}) + floor(quarter / 96.0)::int AS d,
           ((quarter % 96) + 96) % 96 AS quarter
      FROM inspection_days, unnest(start_quarters) WITH ORDINALITY AS u (quarter, i)
     WHERE city_code = ${q.cityCode} AND day >= ${dayOf(q.from)} AND day < ${dayOf(q.until)}`;
}

/**
 * Inspections finished in [from, until) per station, kind of the day they started on and
 * quarter of an hour of their start (at most 4 × 96 rows per station, whatever the year holds).
 * Starts outside the days given are left out.
 */
export async function stationStartQuarters(
  db: DbOrTx,
  q: { cityCode: string; from: Date; until: Date; days: DayKinds },
) {
  const { rows } = await sql<{ station_code: string; kind: number; quarter: number; n: number }>`
    SELECT station_code, get_byte(${Buffer.from(q.days.kinds)}::bytea, d) AS kind,
           quarter, count(*)::int AS n
      FROM (${startsIn(q)}) s
     WHERE d >= 0 AND d < ${q.days.kinds.length}
     GROUP BY 1, 2, 3`.execute(db);
  return rows;
}

/**
 * The report numbers of a station's first inspections (by finished_at, id) finished in [from,
 * until) that started in a quarter `closed` marks: byte `kind * 96 + quarter` is 1.
 */
export async function closedStartReports(
  db: DbOrTx,
  q: {
    cityCode: string;
    stationCode: string;
    from: Date;
    until: Date;
    days: DayKinds;
    closed: Uint8Array;
    limit: number;
  },
) {
  const { rows } = await sql<{ report_no: string }>`
    SELECT report_nos[i] AS report_no FROM (${startsIn(q)}) s
     WHERE station_code = ${q.stationCode} AND d >= 0 AND d < ${q.days.kinds.length}
       AND get_byte(${Buffer.from(q.closed)}::bytea,
                    get_byte(${Buffer.from(q.days.kinds)}::bytea, d) * 96 + quarter) = 1
     ORDER BY day, i
     LIMIT ${q.limit}`.execute(db);
  return rows.map((r) => r.report_no);
}

/**
 * Photos of inspections finished in [since, until) that also appear in an inspection of another
 * vehicle (any time): the same picture cannot show two vehicles. The hashes of the city that
 * more than one inspection has come first (one pass over `inspection_photos` in hash order);
 * only their inspections are read.
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
    WITH shared AS (
      SELECT hash FROM inspection_photos WHERE city_code = ${f.cityCode}
       GROUP BY hash HAVING count(*) > 1)
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
