import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../server/src/db/database.ts';
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
 * The outlet-days of `legacy_application_days` that differ from the same figures computed from
 * every legacy row: what a test of the summary's triggers expects to be empty. Each entry names
 * the key and both sides.
 */
export async function summaryDrift(db: Db) {
  const { rows } = await sql<{ key: string; kept: string | null; computed: string | null }>`
    WITH computed AS (
      SELECT city_code, day, outlet_code, sum(n)::int AS n, sum(refused)::int AS refused,
             quarters_upto(array_agg(quarter), array_agg(n)) AS upto
        FROM (SELECT city_code, (submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS day,
                     outlet_code,
                     (date_part('hour', submitted_at AT TIME ZONE 'Asia/Shanghai') * 4
                      + floor(date_part('minute', submitted_at AT TIME ZONE 'Asia/Shanghai') / 15))::int
                       AS quarter,
                     count(*)::int AS n,
                     (count(*) FILTER (WHERE status = 'refused'))::int AS refused
                FROM legacy_applications GROUP BY 1, 2, 3, 4) q
       GROUP BY 1, 2, 3)
    SELECT concat_ws(' ', coalesce(k.city_code, c.city_code), coalesce(k.day, c.day),
                     coalesce(k.outlet_code, c.outlet_code)) AS key,
           CASE WHEN k.city_code IS NOT NULL THEN concat_ws(' ', k.n, k.refused, k.upto) END AS kept,
           CASE WHEN c.city_code IS NOT NULL THEN concat_ws(' ', c.n, c.refused, c.upto) END AS computed
      FROM legacy_application_days k
      FULL JOIN computed c USING (city_code, day, outlet_code)
     WHERE k.city_code IS NULL OR c.city_code IS NULL
        OR (k.n, k.refused, k.upto) IS DISTINCT FROM (c.n, c.refused, c.upto)
     ORDER BY 1`.execute(db);
  return rows;
}

/**
 * The repeat candidates `legacy_application_repeats` holds or lacks against the definition
 * computed from every row: completed legacy business of the repeat kinds whose subject has
 * another within 1 095 days.
 */
export async function repeatsDrift(db: Db) {
  const { rows } = await sql<{ id: string; kept: boolean }>`
    WITH items AS (
      SELECT city_code, id, legacy_subject(business_type, plate, applicant_id_number) AS subject,
             business_type, outlet_code, county_code, submitted_at
        FROM legacy_applications
       WHERE status = 'completed' AND repeat_business_type(business_type)),
    expected AS (
      SELECT city_code, id, subject, business_type, outlet_code, county_code, submitted_at
        FROM (SELECT i.*, lag(submitted_at) OVER w AS previous, lead(submitted_at) OVER w AS next
                FROM items i WHERE subject IS NOT NULL
              WINDOW w AS (PARTITION BY city_code, subject ORDER BY submitted_at, id)) r
       WHERE submitted_at - previous <= interval '1095 days'
          OR next - submitted_at <= interval '1095 days'),
    held AS (
      SELECT city_code, id, subject, business_type, outlet_code, county_code, submitted_at
        FROM legacy_application_repeats)
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

/**
 * An application of the pipeline written straight into its table, as the supervision tests plant
 * business (no request, no rules): completed unless said, by the clerk `actorId` at `outletCode`.
 * Returns its id.
 */
export async function plantApplication(
  db: DbOrTx,
  a: {
    outletCode: string;
    /** The outlet's county (Zunyi's Honghuagang district unless said). */
    countyCode?: string;
    actorId: string;
    at: Date;
    type?: string;
    data?: object;
    status?: 'completed' | 'refused';
  },
) {
  const id = randomUUID();
  await sql`
    INSERT INTO applications (id, city_code, business_type, outlet_code, outlet_name, county_code,
      channel, actor_user_id, applicant_id_number, applicant_name, data, status, request_hash,
      submitted_at)
    VALUES (${id}, ${ZUNYI.cityCode}, ${a.type ?? 'vehicle.licence-reissue'}, ${a.outletCode},
      '测试', ${a.countyCode ?? ZUNYI.countyCode}, 'window', ${a.actorId}, '520302199001010011', '某某',
      ${JSON.stringify(a.data ?? {})}, ${a.status ?? 'completed'}, 'h', ${a.at})`.execute(db);
  return id;
}

/** The id of a user, as `applications.actor_user_id` holds it. */
export async function userIdOf(db: DbOrTx, username: string) {
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return String(user.id);
}
