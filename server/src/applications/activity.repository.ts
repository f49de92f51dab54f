import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.ts';
import { outletDayQuarters, outletDays } from '../db/outlet-days.sql.ts';

/** Beijing wall-clock of a timestamp column (the domain's dates are Beijing dates). */
const local = (column: string) => sql.raw(`(${column} AT TIME ZONE 'Asia/Shanghai')`);

/**
 * Business per outlet, Beijing day, quarter of an hour and status, in one scan of the period
 * (`applications_city_time`): the volume, refusal, off-hours and bulletin figures all come from
 * these rows. Only non-empty groups come back, so an outlet's day is a handful of rows.
 */
export async function activityRows(
  db: DbOrTx,
  f: { cityCode: string; since: Date; until: Date; countyCode?: string },
) {
  const at = local('submitted_at');
  const { rows } = await sql<{
    outlet_code: string;
    county_code: string;
    day: string;
    quarter: number;
    status: string;
    n: number;
  }>`
    SELECT outlet_code, county_code, to_char(${at}, 'YYYY-MM-DD') AS day,
           (extract(hour FROM ${at}) * 4 + floor(extract(minute FROM ${at}) / 15))::int AS quarter,
           status, count(*)::int AS n
      FROM applications
     WHERE city_code = ${f.cityCode} AND submitted_at >= ${f.since} AND submitted_at < ${f.until}
       ${f.countyCode ? sql`AND county_code = ${f.countyCode}` : sql``}
     GROUP BY 1, 2, 3, 4, 5`.execute(db);
  return rows;
}

/** The pipeline's business per outlet and Beijing day, in bands of quarters (`outletDays`). */
export async function outletDayRows(
  db: DbOrTx,
  f: { cityCode: string; since: Date; until: Date; bounds: readonly number[] },
) {
  return await outletDays(db, 'applications', f);
}

/** The pipeline's business per quarter on some days of some outlets (`outletDayQuarters`). */
export async function outletQuarterRows(
  db: DbOrTx,
  f: { cityCode: string; days: readonly { outletCode: string; since: Date; until: Date }[] },
) {
  return await outletDayQuarters(db, 'applications', f);
}

/**
 * Subjects (a plate, or the applicant for licence business) with at least `min` completed
 * applications of some types in a window, one of them since `recentSince`
 * (`applications_type_time`).
 */
export async function repeatedRows(
  db: DbOrTx,
  f: {
    cityCode: string;
    types: readonly string[];
    since: Date;
    recentSince: Date;
    until: Date;
    min: number;
    /** Only applications whose `data.change` is one of these (change registration's kinds). */
    changes?: readonly string[];
  },
) {
  const { rows } = await sql<{
    subject: string;
    n: number;
    ids: string[];
    outlets: string[];
    county_code: string;
  }>`
    SELECT CASE WHEN business_type LIKE 'licence.%' THEN applicant_id_number
                ELSE coalesce(data ->> 'plate', data ->> 'vin') END AS subject,
           count(*)::int AS n,
           array_agg(id::text ORDER BY submitted_at) AS ids,
           array_agg(DISTINCT outlet_code) AS outlets,
           (array_agg(county_code ORDER BY submitted_at DESC))[1] AS county_code
      FROM applications
     WHERE city_code = ${f.cityCode} AND business_type = ANY(${[...f.types]})
       AND status = 'completed' AND submitted_at >= ${f.since} AND submitted_at < ${f.until}
       ${f.changes ? sql`AND data ->> 'change' = ANY(${[...f.changes]})` : sql``}
     GROUP BY 1
    HAVING count(*) >= ${f.min} AND max(submitted_at) >= ${f.recentSince}`.execute(db);
  return rows.filter((r) => r.subject !== null);
}
