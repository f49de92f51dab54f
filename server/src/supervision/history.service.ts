import type { ActivityRow, RepeatedBusiness } from '../applications/activity.service.ts';
import type { DbOrTx } from '../db/database.ts';
import { legacyActivityRows, legacyRepeatedRows } from './history.repository.ts';

/** The legacy platform's business in the pipeline's activity shape (supervision reads both). */
export async function legacyActivity(
  db: DbOrTx,
  f: { cityCode: string; since: Date; until: Date; countyCode?: string },
): Promise<ActivityRow[]> {
  const rows = await legacyActivityRows(db, f);
  return rows.map((r) => ({
    outletCode: r.outlet_code,
    countyCode: r.county_code,
    day: r.day,
    quarter: r.quarter,
    status: r.status,
    n: r.n,
  }));
}

/** Legacy subjects with repeated business, in the pipeline's shape. */
export async function legacyRepeated(
  db: DbOrTx,
  f: {
    cityCode: string;
    types: readonly string[];
    since: Date;
    recentSince: Date;
    until: Date;
    min: number;
  },
): Promise<RepeatedBusiness[]> {
  const rows = await legacyRepeatedRows(db, f);
  return rows.map((r) => ({
    subject: r.subject,
    n: r.n,
    applicationIds: r.ids,
    outletCodes: r.outlets,
    countyCode: r.county_code,
  }));
}
