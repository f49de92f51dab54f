import { sql } from 'kysely';
import type { DbOrTx } from './database.ts';
import { localTime, type BusinessTable } from './outlet-days.sql.ts';

/** Business of one outlet in one quarter of an hour of a Beijing day, by status. */
export interface ActivityRow {
  outletCode: string;
  countyCode: string;
  day: string;
  /** 0–95: the quarter of an hour of the day (Beijing time) the business was submitted in. */
  quarter: number;
  status: string;
  n: number;
}

/** Which business an activity read counts: a city's (or one county's) in [since, until). */
export interface ActivityQuery {
  cityCode: string;
  since: Date;
  until: Date;
  countyCode?: string;
}

/**
 * Business per outlet, Beijing day, quarter of an hour and status, in one scan of the period
 * (the table's index on city and submission time): the volume, refusal, off-hours and bulletin
 * figures all come from these rows. Only non-empty groups come back, so an outlet's day is a
 * handful of rows. The pipeline's table and the legacy history are read the same way.
 */
export async function activityByQuarter(
  db: DbOrTx,
  table: BusinessTable,
  f: ActivityQuery,
): Promise<ActivityRow[]> {
  const { day, quarter } = localTime(table);
  const { rows } = await sql<{
    outlet_code: string;
    county_code: string;
    day: string;
    quarter: number;
    status: string;
    n: number;
  }>`
    SELECT outlet_code, county_code, to_char(${day}, 'YYYY-MM-DD') AS day, ${quarter} AS quarter,
           status, count(*)::int AS n
      FROM ${sql.table(table)}
     WHERE city_code = ${f.cityCode} AND submitted_at >= ${f.since} AND submitted_at < ${f.until}
       ${f.countyCode ? sql`AND county_code = ${f.countyCode}` : sql``}
     GROUP BY 1, 2, 3, 4, 5`.execute(db);
  return rows.map((r) => ({
    outletCode: r.outlet_code,
    countyCode: r.county_code,
    day: r.day,
    quarter: r.quarter,
    status: r.status,
    n: r.n,
  }));
}
