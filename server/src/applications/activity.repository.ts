import { activityByQuarter, type ActivityQuery } from '../db/activity.sql.ts';
import type { DbOrTx } from '../db/database.ts';
import {
  outletDayQuarters,
  outletDays,
  type OutletDaysList,
  type OutletDaysQuery,
} from '../db/outlet-days.sql.ts';
import { repeatedSubjects, type RepeatQuery } from '../db/repeated.sql.ts';

/** The pipeline's business per outlet, Beijing day, quarter of an hour and status. */
export async function activityRows(db: DbOrTx, f: ActivityQuery) {
  return await activityByQuarter(db, 'applications', f);
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
