import { BUSINESS_TYPE_CODES } from '#shared/catalog.ts';
import { sql, type RawBuilder } from 'kysely';
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

/**
 * The band of a quarter of an hour, 0-based: band i holds the quarters from bounds[i] to
 * bounds[i + 1] (`width_bucket` over the inner bounds).
 */
export function bandOf(quarter: RawBuilder<unknown>, bounds: readonly number[]) {
  const inner = bounds.slice(1, -1);
  return inner.length
    ? sql`width_bucket(${quarter}, ${sql.lit(`{${inner.join(',')}}`)}::int[])`
    : sql`0`;
}

/**
 * Each band's business from a day's running counts `upto` (quarters_upto): the difference of
 * the counts at its bounds (`upto[0]`, before the first quarter, is none).
 */
export function uptoBands(bounds: readonly number[]) {
  const at = (b: number) => (b === 0 ? sql`0` : sql`upto[${sql.lit(b)}]`);
  return bounds.slice(0, -1).map((lo, i) => sql`${at(bounds[i + 1]!)} - ${at(lo)}`);
}

/** Beijing days of business [from, until), with the bounds of the bands each day is cut into. */
export interface OutletDaysQuery {
  cityCode: string;
  /** The first day (YYYY-MM-DD, Beijing). */
  from: string;
  /** The day after the last. */
  until: string;
  bounds: readonly number[];
  /** Days of the period the pipeline's rows are not read for (read from its summaries instead). */
  except?: readonly string[];
}

/** Some days of some outlets, each as the instants [since, until). */
export interface OutletDaysList {
  cityCode: string;
  days: readonly { outletCode: string; since: Date; until: Date }[];
}

/**
 * Business of one outlet per Beijing day: each day with business as
 * `[day − from (days), n, refused, ...bands]`, where `bands[i]` counts the quarters from
 * `bounds[i]` to `bounds[i + 1]`. The days come in no particular order.
 */
export interface OutletDays {
  outlet_code: string;
  days: number[][];
}

/**
 * One array of integers per outlet-day, gathered per outlet: a year's 19,345 outlet-days of a
 * county came as rows in 75–90 ms of the reading thread (pg's work per row and per value); as 53
 * two-dimensional integer arrays, read as JSON (array-parsers.ts), in 35–40 ms.
 */
export const dayValues = (
  f: OutletDaysQuery,
  n: RawBuilder<unknown>,
  refused: RawBuilder<unknown>,
  bands: readonly RawBuilder<unknown>[],
) => sql`ARRAY[day - ${f.from}::date, ${n}, ${refused}, ${sql.join(bands)}]::int[]`;

/**
 * Business per outlet and Beijing day in [from, until), with each day cut into bands of
 * quarters of an hour at `bounds` (ascending, from 0 to 96): the caller chooses bands inside
 * which nothing it asks about changes (an outlet's opening hours). The legacy history is read
 * from its summary kept as it is imported (migration `business_days`): one row per outlet and
 * day, a band the difference of the day's running counts at its bounds (`upto[0]`, before the
 * first quarter, is null). The pipeline's applications are grouped from their rows in one pass
 * (a summary kept at each commit cost the pipeline too much; docs/BENCHMARKS.md).
 */
export async function outletDays(
  db: DbOrTx,
  table: BusinessTable,
  f: OutletDaysQuery,
): Promise<OutletDays[]> {
  if (table === 'applications') return await outletDaysFromRows(db, f);
  const bands = uptoBands(f.bounds);
  const { rows } = await sql<OutletDays>`
    SELECT outlet_code, array_agg(${dayValues(f, sql`n`, sql`refused`, bands)}) AS days
      FROM legacy_application_days
     WHERE city_code = ${f.cityCode} AND day >= ${f.from}::date AND day < ${f.until}::date
     GROUP BY outlet_code`.execute(db);
  return rows;
}

const beijingMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

/** The pipeline's business per outlet and day, grouped from its rows (see `outletDays`). */
async function outletDaysFromRows(db: DbOrTx, f: OutletDaysQuery): Promise<OutletDays[]> {
  const { day, quarter } = localTime('applications');
  // Each row's band is computed once, as a grouping key (`width_bucket` over the inner bounds:
  // band i holds the quarters from bounds[i] to bounds[i + 1]); the few groups per outlet and
  // day are then laid out as one array. A FILTER per band would compute the quarter again per
  // band, and a subquery kept apart to avoid that could not be read in parallel.
  const band = bandOf(quarter, f.bounds);
  const bands = f.bounds
    .slice(0, -1)
    .map((_, i) => sql`coalesce(sum(n) FILTER (WHERE band = ${sql.lit(i)}), 0)`);
  const { rows } = await sql<OutletDays>`
    SELECT outlet_code, array_agg(v) AS days
      FROM (SELECT outlet_code, ${dayValues(f, sql`sum(n)`, sql`sum(refused)`, bands)} AS v
              FROM (SELECT outlet_code, ${day} AS day,
                           ${band} AS band,
                           count(*) AS n, count(*) FILTER (WHERE status = 'refused') AS refused
                      FROM applications
                     WHERE city_code = ${f.cityCode}
                       AND submitted_at >= ${beijingMidnight(f.from)}
                       AND submitted_at < ${beijingMidnight(f.until)}
                       ${f.except?.length ? sql`AND NOT ${day} = ANY(${f.except}::date[])` : sql``}
                     GROUP BY 1, 2, 3) g
             GROUP BY outlet_code, day) d
     GROUP BY outlet_code`.execute(db);
  return rows;
}

/**
 * Business per quarter of an hour on some days of some outlets (the days an overview singled
 * out), each day read through the outlet's index on the time of submission. The pipeline's
 * outlet index is by business type before time (`applications_outlet_type_time`): a day is a
 * range of each type, every type named.
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
       ${table === 'applications' ? sql`AND t.business_type = ANY(${BUSINESS_TYPE_CODES}::text[])` : sql``}
     GROUP BY 1, 2, 3`.execute(db);
  return rows;
}
