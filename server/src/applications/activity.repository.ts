import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';
import { addDays, beijingMidnight } from '../platform/time.ts';
import {
  bandOf,
  dayValues,
  localTime,
  outletDayQuarters,
  outletDays,
  type OutletDays,
  type OutletDaysList,
  type OutletDaysQuery,
  uptoBands,
} from '../db/outlet-days.sql.ts';
import { repeatedSubjects, type RepeatQuery } from '../db/repeated.sql.ts';

/**
 * Which days of [from, to] have a current summary in `application_activity` (its version is the
 * day's: nothing changed since it was grouped), and the first Beijing day that may not be
 * summarised yet: days end two days before they are summarised (migration 20261224090000).
 */
export async function activityDayStates(db: DbOrTx, cityCode: string, from: string, to: string) {
  const { rows } = await sql<{ closed_before: string; current: string[] }>`
    SELECT beijing_day(now() - interval '2 days')::text AS closed_before,
           coalesce(array_agg(day::text) FILTER (WHERE built_version = version), '{}') AS current
      FROM application_activity_days
     WHERE city_code = ${cityCode} AND day >= ${from}::date AND day <= ${to}::date`.execute(db);
  const r = rows[0]!;
  return { closedBefore: r.closed_before, current: new Set(r.current) };
}

/** The first Beijing day with applications in a city, or null when it has none. */
export async function firstActivityDay(db: DbOrTx, cityCode: string) {
  const { rows } = await sql<{ day: string | null }>`
    SELECT beijing_day(min(submitted_at))::text AS day
      FROM applications WHERE city_code = ${cityCode}`.execute(db);
  return rows[0]?.day ?? null;
}

/**
 * Groups the applications of some closed days into `application_activity`, replacing what it
 * held for them; each day records the version it was seen at, read in the same statement (one
 * snapshot) as its rows. Builders of a city take turns (an advisory lock), and a day another
 * builder summarised while this one waited is left as it is. Returns the days summarised.
 */
export async function summariseDays(
  tx: Tx,
  cityCode: string,
  days: readonly string[],
): Promise<string[]> {
  if (!days.length) return [];
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`application_activity:${cityCode}`}, 0))`.execute(
    tx,
  );
  const sorted = [...days].sort();
  const { current } = await activityDayStates(tx, cityCode, sorted[0]!, sorted.at(-1)!);
  const todo = sorted.filter((d) => !current.has(d));
  if (!todo.length) return [];
  // A year of a city's groups is sorted or hashed in memory rather than on disk.
  await sql`SET LOCAL work_mem = '64MB'`.execute(tx);
  await sql`DELETE FROM application_activity
             WHERE city_code = ${cityCode} AND day = ANY(${todo}::date[])`.execute(tx);
  const { day, quarter } = localTime('applications');
  await sql`
    WITH seen AS (
      SELECT d.day, coalesce(v.version, 0) AS version
        FROM unnest(${todo}::date[]) AS d (day)
        LEFT JOIN application_activity_days v ON v.city_code = ${cityCode} AND v.day = d.day
    ), marked AS (
      INSERT INTO application_activity_days AS a (city_code, day, built_version)
      SELECT ${cityCode}, day, version FROM seen
      ON CONFLICT (city_code, day) DO UPDATE SET built_version = excluded.built_version
    )
    INSERT INTO application_activity
      (city_code, day, outlet_code, county_code, n, completed, refused, upto)
    SELECT ${cityCode}, day, outlet_code, county_code, sum(n), sum(completed), sum(refused),
           quarters_upto(array_agg(quarter), array_agg(n))
      FROM (SELECT ${day} AS day, outlet_code, county_code, ${quarter} AS quarter,
                   count(*)::int AS n,
                   (count(*) FILTER (WHERE status = 'completed'))::int AS completed,
                   (count(*) FILTER (WHERE status = 'refused'))::int AS refused
              FROM applications
             WHERE city_code = ${cityCode}
               AND submitted_at >= ${beijingMidnight(todo[0]!)}
               AND submitted_at < ${beijingMidnight(addDays(todo.at(-1)!, 1))}
               AND ${day} = ANY(${todo}::date[])
             GROUP BY 1, 2, 3, 4) q
     GROUP BY day, outlet_code, county_code`.execute(tx);
  return todo;
}

/** Business of one outlet and county over some days: counts, and per band of quarters. */
export interface BandRow {
  outlet_code: string;
  county_code: string;
  n: number;
  completed: number;
  refused: number;
  bands: number[];
}

/** Which business a banded read counts, in a city or one of its counties. */
interface BandQuery {
  cityCode: string;
  countyCode?: string;
  /** Band i holds the quarters of an hour [bounds[i], bounds[i + 1]); from 0 to 96. */
  bounds: readonly number[];
}

const inCounty = (alias: string, countyCode?: string) =>
  countyCode ? sql`AND ${sql.ref(`${alias}.county_code`)} = ${countyCode}` : sql``;

/**
 * The summarised business of some closed days, summed per outlet, county and group of days
 * (each day's group given beside it, e.g. its kind), in bands of quarters of an hour.
 */
export async function summarisedBands(
  db: DbOrTx,
  f: BandQuery & { days: readonly { day: string; group: string }[] },
) {
  const bands = uptoBands(f.bounds).map((b) => sql`sum(${b})`);
  const { rows } = await sql<BandRow & { grp: string }>`
    SELECT s.outlet_code, s.county_code, g.grp, sum(s.n)::int AS n,
           sum(s.completed)::int AS completed, sum(s.refused)::int AS refused,
           ARRAY[${sql.join(bands)}]::int[] AS bands
      FROM application_activity s
      JOIN unnest(${f.days.map((d) => d.day)}::date[], ${f.days.map((d) => d.group)}::text[])
           AS g (day, grp) ON g.day = s.day
     WHERE s.city_code = ${f.cityCode} ${inCounty('s', f.countyCode)}
       AND s.day >= ${f.days[0]!.day}::date AND s.day <= ${f.days.at(-1)!.day}::date
     GROUP BY 1, 2, 3`.execute(db);
  return rows;
}

/** The same per outlet, county and day, grouped from the applications of [from, until). */
export async function bandsFromRows(db: DbOrTx, f: BandQuery & { from: string; until: string }) {
  const { day, quarter } = localTime('applications');
  const bands = f.bounds
    .slice(0, -1)
    .map((_, i) => sql`coalesce(sum(n) FILTER (WHERE band = ${sql.lit(i)}), 0)`);
  const { rows } = await sql<BandRow & { day: string }>`
    SELECT outlet_code, county_code, day::text AS day, sum(n)::int AS n,
           sum(completed)::int AS completed, sum(refused)::int AS refused,
           ARRAY[${sql.join(bands)}]::int[] AS bands
      FROM (SELECT outlet_code, county_code, ${day} AS day, ${bandOf(quarter, f.bounds)} AS band,
                   count(*) AS n, count(*) FILTER (WHERE status = 'completed') AS completed,
                   count(*) FILTER (WHERE status = 'refused') AS refused
              FROM applications a
             WHERE city_code = ${f.cityCode} ${inCounty('a', f.countyCode)}
               AND submitted_at >= ${beijingMidnight(f.from)}
               AND submitted_at < ${beijingMidnight(f.until)}
             GROUP BY 1, 2, 3, 4) g
     GROUP BY 1, 2, 3`.execute(db);
  return rows;
}

/**
 * The summarised business of some closed days per outlet and day, in the shape `outletDays`
 * gives (one array `[day - from, n, refused, ...bands]` per day, the days of an outlet together;
 * an outlet's counties summed).
 */
export async function summarisedOutletDays(
  db: DbOrTx,
  f: OutletDaysQuery & { days: readonly string[] },
): Promise<OutletDays[]> {
  const bands = uptoBands(f.bounds).map((b) => sql`sum(${b})`);
  const { rows } = await sql<OutletDays>`
    SELECT outlet_code, array_agg(v) AS days
      FROM (SELECT outlet_code, ${dayValues(f, sql`sum(n)`, sql`sum(refused)`, bands)} AS v
              FROM application_activity
             WHERE city_code = ${f.cityCode} AND day = ANY(${f.days}::date[])
             GROUP BY outlet_code, day) d
     GROUP BY outlet_code`.execute(db);
  return rows;
}

/** The pipeline's business per outlet and Beijing day, in bands of quarters (`outletDays`). */
export async function outletDayRows(db: DbOrTx, f: OutletDaysQuery) {
  return await outletDays(db, 'applications', f);
}

/**
 * The running counts per quarter of some summarised outlet-days (one row per county the outlet's
 * day was counted in), each looked up by its key.
 */
export async function summarisedDayQuarters(
  db: DbOrTx,
  f: { cityCode: string; days: readonly { outletCode: string; day: string }[] },
) {
  if (!f.days.length) return [];
  const { rows } = await sql<{ outlet_code: string; day: string; upto: number[] }>`
    SELECT a.outlet_code, a.day::text AS day, a.upto
      FROM unnest(${f.days.map((d) => d.outletCode)}::text[], ${f.days.map((d) => d.day)}::date[])
             AS p (outlet_code, day),
           -- One look-up by key per day (OFFSET 0 keeps the subquery apart, as for the legacy
           -- history's summaries).
           LATERAL (SELECT outlet_code, day, upto FROM application_activity
                     WHERE city_code = ${f.cityCode} AND day = p.day AND outlet_code = p.outlet_code
                    OFFSET 0) a`.execute(db);
  return rows;
}

/** The pipeline's business per quarter on some days of some outlets (`outletDayQuarters`). */
export async function outletQuarterRows(db: DbOrTx, f: OutletDaysList) {
  return await outletDayQuarters(db, 'applications', f);
}

/** Subjects of the pipeline's business repeated within a window, every kind at once. */
export async function repeatedRows(db: DbOrTx, f: RepeatQuery) {
  return await repeatedSubjects(db, 'applications', f);
}

type AgencyPageOf = {
  cityCode: string;
  since: Date;
  until: Date;
  after?: { submittedAt: Date; id: string };
  limit: number;
};

/**
 * Applications naming an agent in [since, until), a keyset page after (submittedAt, id) along
 * `applications_agency`, which holds those applications only and in that order.
 */
export async function agencyRows(db: DbOrTx, f: AgencyPageOf) {
  return await agencyPageQuery(db, f).execute();
}

/** `agencyRows`' query, for its plan to be checked. */
export function agencyPageQuery(db: DbOrTx, f: AgencyPageOf) {
  let q = db
    .selectFrom('applications')
    .select([
      'id',
      'business_type',
      'outlet_code',
      'county_code',
      'channel',
      'actor_user_id',
      'applicant_id_number',
      'applicant_name',
      'applicant_phone',
      'agent',
      'data',
      'status',
      'submitted_at',
    ])
    .where('city_code', '=', f.cityCode)
    .where('submitted_at', '>=', f.since)
    .where('submitted_at', '<', f.until)
    .where('agent', 'is not', null);
  if (f.after) {
    // A row comparison, which the index takes as its bound (an OR of the two cases it filters).
    const { submittedAt, id } = f.after;
    q = q.where((eb) => eb(eb.refTuple('submitted_at', 'id'), '>', eb.tuple(submittedAt, id)));
  }
  return q.orderBy('submitted_at').orderBy('id').limit(f.limit);
}
