import {
  toRepeated,
  type ActivityRow,
  type RepeatedBusiness,
} from '../applications/activity.service.ts';
import type { RepeatQuery } from '../db/repeated.sql.ts';
import type { DbOrTx } from '../db/database.ts';
import type { OutletDayRow, OutletDaysList, OutletDaysQuery } from '../db/outlet-days.sql.ts';
import {
  legacyActivityRows,
  legacyOutletDayRows,
  legacyOutletQuarterRows,
  legacyRepeatedRows,
} from './history.repository.ts';

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

/** The legacy platform's business per outlet and day, as `businessByOutletDay` gives the pipeline's. */
export async function legacyByOutletDay(db: DbOrTx, f: OutletDaysQuery): Promise<OutletDayRow[]> {
  return await legacyOutletDayRows(db, f);
}

/** The legacy platform's business per quarter on some days of some outlets. */
export async function legacyByQuarter(db: DbOrTx, f: OutletDaysList) {
  return await legacyOutletQuarterRows(db, f);
}

/** Legacy subjects with repeated business, in the pipeline's shape (kinds without `changes`). */
export async function legacyRepeated(db: DbOrTx, f: RepeatQuery): Promise<RepeatedBusiness[]> {
  return toRepeated(await legacyRepeatedRows(db, f));
}
