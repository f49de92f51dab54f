import { sql } from 'kysely';
import type { Db } from '../../server/src/db/database.ts';

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
