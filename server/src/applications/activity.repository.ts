import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.ts';
import {
  outletDayQuarters,
  outletDays,
  type OutletDaysList,
  type OutletDaysQuery,
} from '../db/outlet-days.sql.ts';
import { repeatedSubjects, type RepeatQuery } from '../db/repeated.sql.ts';

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
export async function outletDayRows(db: DbOrTx, f: OutletDaysQuery) {
  return await outletDays(db, 'applications', f);
}

/** The pipeline's business per quarter on some days of some outlets (`outletDayQuarters`). */
export async function outletQuarterRows(db: DbOrTx, f: OutletDaysList) {
  return await outletDayQuarters(db, 'applications', f);
}

/** Subjects of the pipeline's business repeated within a window, every kind at once. */
export async function repeatedRows(db: DbOrTx, f: RepeatQuery) {
  return await repeatedSubjects(db, 'applications', f);
}

/** Applications naming an agent in [since, until), a keyset page after (submittedAt, id). */
export async function agencyRows(
  db: DbOrTx,
  f: {
    cityCode: string;
    since: Date;
    until: Date;
    after?: { submittedAt: Date; id: string };
    limit: number;
  },
) {
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
    const a = f.after;
    q = q.where((eb) =>
      eb.or([
        eb('submitted_at', '>', a.submittedAt),
        eb.and([eb('submitted_at', '=', a.submittedAt), eb('id', '>', a.id)]),
      ]),
    );
  }
  return await q.orderBy('submitted_at').orderBy('id').limit(f.limit).execute();
}
