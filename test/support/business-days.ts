import { sql } from 'kysely';
import type { Db } from '../../server/src/db/database.ts';
import { ZUNYI } from './factories.ts';

/** A line of the legacy history at an outlet (completed unless said). */
export function legacyLine(l: {
  id: string;
  outletCode: string;
  at: Date;
  type?: string;
  plate?: string | null;
  refused?: boolean;
}) {
  return {
    city_code: ZUNYI.cityCode,
    id: l.id,
    business_type: l.type ?? 'vehicle.licence-reissue',
    outlet_code: l.outletCode,
    county_code: ZUNYI.countyCode,
    staff_id: 'S1',
    channel: 'window' as const,
    applicant_id_number: '520302199001010011',
    applicant_name: '某某',
    plate: l.plate ?? null,
    submitted_at: l.at,
    status: l.refused ? ('refused' as const) : ('completed' as const),
    imported_at: new Date(),
  };
}

/**
 * The outlet-days of a business table's summary (`application_days`, `legacy_application_days`)
 * that differ from the same figures computed from every row of the table: what a test of the
 * summary's triggers expects to be empty. Each entry names the key and both sides.
 */
export async function summaryDrift(db: Db, table: 'applications' | 'legacy_applications') {
  const summary = table === 'applications' ? 'application_days' : 'legacy_application_days';
  const { rows } = await sql<{ key: string; kept: string | null; computed: string | null }>`
    WITH computed AS (
      SELECT city_code, day, outlet_code, sum(n)::int AS n, sum(refused)::int AS refused,
             quarters_upto(array_agg(quarter), array_agg(n)) AS upto
        FROM (SELECT city_code, beijing_day(submitted_at) AS day, outlet_code,
                     beijing_quarter(submitted_at) AS quarter, count(*)::int AS n,
                     (count(*) FILTER (WHERE status = 'refused'))::int AS refused
                FROM ${sql.table(table)} GROUP BY 1, 2, 3, 4) q
       GROUP BY 1, 2, 3)
    SELECT concat_ws(' ', coalesce(k.city_code, c.city_code), coalesce(k.day, c.day),
                     coalesce(k.outlet_code, c.outlet_code)) AS key,
           CASE WHEN k.city_code IS NOT NULL THEN concat_ws(' ', k.n, k.refused, k.upto) END AS kept,
           CASE WHEN c.city_code IS NOT NULL THEN concat_ws(' ', c.n, c.refused, c.upto) END AS computed
      FROM ${sql.table(summary)} k
      FULL JOIN computed c USING (city_code, day, outlet_code)
     WHERE k.city_code IS NULL OR c.city_code IS NULL
        OR (k.n, k.refused, k.upto) IS DISTINCT FROM (c.n, c.refused, c.upto)
     ORDER BY 1`.execute(db);
  return rows;
}

/**
 * The repeat candidates a business table's summary (`application_repeats`,
 * `legacy_application_repeats`) holds or lacks against the definition computed from every row:
 * completed business of the repeat kinds whose subject has another within 1 095 days.
 */
export async function repeatsDrift(db: Db, table: 'applications' | 'legacy_applications') {
  const kept = table === 'applications' ? 'application_repeats' : 'legacy_application_repeats';
  const items =
    table === 'applications' ? 'application_repeat_items' : 'legacy_application_repeat_items';
  const { rows } = await sql<{ id: string; kept: boolean }>`
    WITH expected AS (
      SELECT city_code, id::text AS id, subject, business_type, change, outlet_code, county_code,
             submitted_at
        FROM (SELECT i.*, lag(submitted_at) OVER w AS previous, lead(submitted_at) OVER w AS next
                FROM ${sql.table(items)} i WHERE subject IS NOT NULL
              WINDOW w AS (PARTITION BY city_code, subject ORDER BY submitted_at, id)) r
       WHERE submitted_at - previous <= interval '1095 days'
          OR next - submitted_at <= interval '1095 days'),
    held AS (
      SELECT city_code, id::text AS id, subject, business_type, change, outlet_code, county_code,
             submitted_at FROM ${sql.table(kept)})
    (SELECT id, true AS kept FROM (SELECT * FROM held EXCEPT SELECT * FROM expected) x)
    UNION ALL
    (SELECT id, false FROM (SELECT * FROM expected EXCEPT SELECT * FROM held) y)
    ORDER BY 1, 2`.execute(db);
  return rows;
}

/**
 * The station-days of `inspection_days` that differ from the same figures computed from every
 * inspection (each entry: the key, and both sides as text).
 */
export async function inspectionDaysDrift(db: Db) {
  const { rows } = await sql<{ key: string; kept: string | null; computed: string | null }>`
    WITH computed AS (
      SELECT city_code, (finished_at AT TIME ZONE 'Asia/Shanghai')::date AS day,
             outlet_code AS station_code,
             concat_ws(' ', count(*), count(*) FILTER (WHERE result = 'pass'),
               string_agg(CASE result WHEN 'pass' THEN '1' ELSE '0' END, '' ORDER BY finished_at, id),
               array_agg(report_no ORDER BY finished_at, id)) AS figures
        FROM inspections GROUP BY 1, 2, 3),
    kept AS (
      SELECT city_code, day, station_code,
             concat_ws(' ', n, passes, outcomes, report_nos) AS figures FROM inspection_days)
    SELECT concat_ws(' ', city_code, day, station_code) AS key, k.figures AS kept,
           c.figures AS computed
      FROM kept k FULL JOIN computed c USING (city_code, day, station_code)
     WHERE k.figures IS DISTINCT FROM c.figures
     ORDER BY 1`.execute(db);
  return rows;
}
