import type { ActivityQuery, ActivityRow } from '../db/activity.sql.ts';
import type { DbOrTx } from '../db/database.ts';
import type { OutletDays, OutletDaysList, OutletDaysQuery } from '../db/outlet-days.sql.ts';
import type { RepeatQuery, repeatedSubjects } from '../db/repeated.sql.ts';
import {
  activityRows,
  agencyRows,
  outletDayRows,
  outletQuarterRows,
  repeatedRows,
} from './activity.repository.ts';

export type { ActivityRow } from '../db/activity.sql.ts';

/**
 * What supervision and the bulletins read of the pipeline's business (they never read its
 * table): counts per outlet, day, quarter of an hour and status, over [since, until).
 */
export async function businessActivity(db: DbOrTx, f: ActivityQuery): Promise<ActivityRow[]> {
  return await activityRows(db, f);
}

/**
 * What supervision's run reads of the pipeline's business: per outlet and Beijing day in
 * [since, until), cut into bands of quarters of an hour at `bounds`, in one pass over the period;
 * and, for a few days it singles out, per quarter of an hour.
 */
export async function businessByOutletDay(db: DbOrTx, f: OutletDaysQuery): Promise<OutletDays[]> {
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

/** One application on the platform that an agent (代办人) made for an applicant. */
export interface PlatformAgency {
  id: string;
  businessType: string;
  outletCode: string;
  countyCode: string;
  /** The platform user who took it in. */
  userId: string;
  channel: string;
  applicant: { idNumber: string; name: string; phone: string | null };
  agent: { idNumber: string; name: string; phone: string | null };
  plate: string | null;
  submittedAt: Date;
  /** Its status when read (an accepted one may finish later). */
  status: string;
}

/**
 * What anti-fraud reads of the pipeline's business done by agents (never its table): in
 * [since, until), a bounded page after the last one's key.
 */
export async function agencyApplications(
  db: DbOrTx,
  f: Parameters<typeof agencyRows>[1],
): Promise<PlatformAgency[]> {
  const rows = await agencyRows(db, f);
  return rows.map((r) => {
    const agent = r.agent as { idNumber: string; name: string; phone?: string };
    const plate = (r.data as { plate?: unknown }).plate;
    return {
      id: r.id,
      businessType: r.business_type,
      outletCode: r.outlet_code,
      countyCode: r.county_code,
      userId: r.actor_user_id,
      channel: r.channel,
      applicant: {
        idNumber: r.applicant_id_number,
        name: r.applicant_name,
        phone: r.applicant_phone,
      },
      agent: { idNumber: agent.idNumber, name: agent.name, phone: agent.phone ?? null },
      plate: typeof plate === 'string' ? plate : null,
      submittedAt: r.submitted_at,
      status: r.status,
    };
  });
}
