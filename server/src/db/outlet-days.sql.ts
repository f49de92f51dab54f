import { sql } from 'kysely';
import type { DbOrTx } from './database.ts';

/** The tables of business (the pipeline's and the legacy history), read the same way. */
export type BusinessTable = 'applications' | 'legacy_applications';

/**
 * The Beijing day and quarter of an hour (0–95) of each row: stored for the legacy history
 * (generated columns), computed for the pipeline's table, which keeps its own shape.
 */
export const localTime = (table: BusinessTable) =>
  table === 'legacy_applications'
    ? { day: sql.ref('local_day'), quarter: sql.ref('local_quarter') }
    : {
        // Beijing time is UTC+8 all year (no daylight saving since 1991): plain arithmetic on
        // the epoch is exact and several times cheaper than converting each row's time zone.
        day: sql`(date '1970-01-01' + floor((date_part('epoch', submitted_at) + 28800) / 86400)::int)`,
        quarter: sql`(floor((date_part('epoch', submitted_at) + 28800) / 900)::bigint % 96)::int`,
      };

/** Beijing days of business [from, until), with the bounds of the bands each day is cut into. */
export interface OutletDaysQuery {
  cityCode: string;
  /** The first day (YYYY-MM-DD, Beijing). */
  from: string;
  /** The day after the last. */
  until: string;
  bounds: readonly number[];
}

/** Some days of some outlets, each as the instants [since, until). */
export interface OutletDaysList {
  cityCode: string;
  days: readonly { outletCode: string; since: Date; until: Date }[];
}

/** Business of one outlet on one Beijing day, and of each band of quarters of that day. */
export interface OutletDayRow {
  outlet_code: string;
  day: string;
  n: number;
  refused: number;
  /** Business per band: `bands[i]` counts the quarters from `bounds[i]` to `bounds[i + 1]`. */
  bands: number[];
}

/** The summary each business table keeps per outlet and day (migration `business_days`). */
const SUMMARY: Record<BusinessTable, 'application_days' | 'legacy_application_days'> = {
  applications: 'application_days',
  legacy_applications: 'legacy_application_days',
};

/**
 * Business per outlet and Beijing day in [from, until), with each day cut into bands of
 * quarters of an hour at `bounds` (ascending, from 0 to 96): the caller chooses bands inside
 * which nothing it asks about changes (an outlet's opening hours). It reads the summary kept as
 * the rows are written, one row per outlet and day whatever the day's business: a band is the
 * difference of the day's running counts at its bounds (`upto[0]`, before the first quarter,
 * is null).
 */
export async function outletDays(
  db: DbOrTx,
  table: BusinessTable,
  f: OutletDaysQuery,
): Promise<OutletDayRow[]> {
  const at = (b: number) => (b === 0 ? sql`0` : sql`upto[${sql.lit(b)}]`);
  const bands = f.bounds.slice(0, -1).map((lo, i) => sql`${at(f.bounds[i + 1]!)} - ${at(lo)}`);
  const { rows } = await sql<OutletDayRow>`
    SELECT outlet_code, day::text AS day, n, refused, ARRAY[${sql.join(bands)}]::int[] AS bands
      FROM ${sql.table(SUMMARY[table])}
     WHERE city_code = ${f.cityCode} AND day >= ${f.from}::date AND day < ${f.until}::date`.execute(
    db,
  );
  return rows;
}

/**
 * Business per quarter of an hour on some days of some outlets (the days an overview singled
 * out), each day read through the outlet's index on the time of submission.
 */
export async function outletDayQuarters(db: DbOrTx, table: BusinessTable, f: OutletDaysList) {
  if (!f.days.length) return [];
  const { day, quarter } = localTime(table);
  const { rows } = await sql<{ outlet_code: string; day: string; quarter: number; n: number }>`
    SELECT t.outlet_code, ${day}::text AS day, ${quarter} AS quarter, count(*)::int AS n
      FROM unnest(${f.days.map((d) => d.outletCode)}::text[],
                  ${f.days.map((d) => d.since)}::timestamptz[],
                  ${f.days.map((d) => d.until)}::timestamptz[]) AS d (outlet_code, since, until)
      JOIN ${sql.table(table)} t
        ON t.city_code = ${f.cityCode} AND t.outlet_code = d.outlet_code
       AND t.submitted_at >= d.since AND t.submitted_at < d.until
     GROUP BY 1, 2, 3`.execute(db);
  return rows;
}
