import type { DbOrTx } from '../db/database.ts';
import type { OutletDayRow, OutletDaysList, OutletDaysQuery } from '../db/outlet-days.sql.ts';
import type { RepeatQuery, repeatedSubjects } from '../db/repeated.sql.ts';
import {
  activityRows,
  outletDayRows,
  outletQuarterRows,
  repeatedRows,
} from './activity.repository.ts';

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

/**
 * What supervision and the bulletins read of the pipeline's business (they never read its
 * table): counts per outlet, day, quarter of an hour and status, over [since, until).
 */
export async function businessActivity(
  db: DbOrTx,
  f: { cityCode: string; since: Date; until: Date; countyCode?: string },
): Promise<ActivityRow[]> {
  const rows = await activityRows(db, f);
  return rows.map((r) => ({
    outletCode: r.outlet_code,
    countyCode: r.county_code,
    day: r.day,
    quarter: r.quarter,
    status: r.status,
    n: r.n,
  }));
}

/**
 * What supervision's run reads of the pipeline's business: per outlet and Beijing day in
 * [since, until), cut into bands of quarters of an hour at `bounds`, in one pass over the period;
 * and, for a few days it singles out, per quarter of an hour.
 */
export async function businessByOutletDay(db: DbOrTx, f: OutletDaysQuery): Promise<OutletDayRow[]> {
  return await outletDayRows(db, f);
}

export async function businessByQuarter(db: DbOrTx, f: OutletDaysList) {
  return await outletQuarterRows(db, f);
}

/** A vehicle (plate) or person with repeated business of one kind in a window. */
export interface RepeatedBusiness {
  kind: string;
  subject: string;
  n: number;
  applicationIds: string[];
  outletCodes: string[];
  countyCode: string;
}

/**
 * Subjects with at least a kind's `min` completed applications of its types in [since, until),
 * one recent, for every kind in one pass (a kind with `changes`: only change registrations of
 * those kinds, e.g. `move-out`, `move-in`).
 */
export async function repeatedBusiness(db: DbOrTx, f: RepeatQuery): Promise<RepeatedBusiness[]> {
  return toRepeated(await repeatedRows(db, f));
}

/** Rows of `repeatedSubjects` in the shape supervision reads (the legacy history's too). */
export const toRepeated = (
  rows: Awaited<ReturnType<typeof repeatedSubjects>>,
): RepeatedBusiness[] =>
  rows.map((r) => ({
    kind: r.kind,
    subject: r.subject,
    n: r.n,
    applicationIds: r.ids,
    outletCodes: r.outlets,
    countyCode: r.county_code,
  }));
