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
  /** The kind of each Beijing day an inspection may start on, and when stations are closed. */
  closed: {
    /** Consecutive days; an inspection started before the first is not counted as closed. */
    days: readonly { day: string; kind: string }[];
    /** Per station and kind of day: 96 characters, '1' for a quarter of an hour it is closed. */
    masks: readonly { stationCode: string; kind: string; mask: string }[];
  };
}

/**
 * Inspections summarised per station in one grouped pass over those finished in [since,
 * until): before `from` only the baseline counts; in the period, the outcomes in order of
 * (finished_at, id), the short ones (under `minMinutes`) and those started in a quarter the
 * station is closed on that kind of day, each with its first `examples` report numbers. Rows
 * in order of each station's first inspection.
 */
export async function stationSummaryRows(db: DbOrTx, q: StationSummaryQuery) {
  const period = sql`finished_at >= ${q.from}`;
  const short =
    q.minMinutes === null
      ? sql`false`
      : sql`finished_at - started_at < ${q.minMinutes} * interval '1 minute'`;
  const { days, masks } = q.closed;
  // Beijing time is UTC+8 all year: a start's local day (counted from the first day given) and
  // quarter of an hour by arithmetic, its kind of day and the station's mask by look-up (no
  // join: a join per row costs more than the rest of the pass).
  const local = sql`(date_part('epoch', started_at) + 28800)`;
  const firstDay = days.length ? Date.parse(`${days[0]!.day}T00:00:00Z`) / 86_400_000 : 0;
  const kinds = days.map((d) => d.kind);
  const byStation: Record<string, Record<string, string>> = {};
  for (const m of masks) (byStation[m.stationCode] ??= {})[m.kind] = m.mask;
  const closed = sql`coalesce(substr(
      ${JSON.stringify(byStation)}::jsonb -> outlet_code
        ->> (${kinds}::text[])[floor(${local} / 86400)::int - ${firstDay - 1}],
      1 + floor((${local} - floor(${local} / 86400) * 86400) / 900)::int, 1) = '1', false)`;
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
    off_hours: number;
    off_hours_examples: string[];
  }>`
    SELECT outlet_code AS station_code,
           (array_agg(county_code ORDER BY finished_at, id))[1] AS county_code,
           count(*) FILTER (WHERE NOT ${period})::int AS baseline_n,
           count(*) FILTER (WHERE NOT ${period} AND result = 'pass')::int AS baseline_events,
           count(*) FILTER (WHERE ${period})::int AS n,
           count(*) FILTER (WHERE ${period} AND result = 'pass')::int AS events,
           coalesce(string_agg(CASE result WHEN 'pass' THEN '1' ELSE '0' END, ''
             ORDER BY finished_at, id) FILTER (WHERE ${period}), '') AS outcomes,
           count(*) FILTER (WHERE ${period} AND ${short})::int AS short,
           coalesce((array_agg(report_no ORDER BY finished_at, id)
             FILTER (WHERE ${period} AND ${short}))[1:${q.examples}], '{}') AS short_examples,
           count(*) FILTER (WHERE ${period} AND ${closed})::int AS off_hours,
           coalesce((array_agg(report_no ORDER BY finished_at, id)
             FILTER (WHERE ${period} AND ${closed}))[1:${q.examples}], '{}') AS off_hours_examples
      FROM inspections
     WHERE city_code = ${q.cityCode} AND finished_at >= ${q.since} AND finished_at < ${q.until}
     GROUP BY outlet_code
     ORDER BY min(finished_at), outlet_code`.execute(db);
  return rows;
}

/**
 * Photos of inspections finished in [since, until) that also appear in an inspection of another
 * vehicle (any time): the same picture cannot show two vehicles. The other inspections come
 * from `inspection_photos` (one row per hash and inspection), one join on the hash.
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
      JOIN inspection_photos p ON p.city_code = i.city_code AND p.hash = h.hash
                              AND p.inspection_id <> i.id
      JOIN inspections o ON o.city_code = p.city_code AND o.id = p.inspection_id
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
