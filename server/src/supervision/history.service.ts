import { toRepeated, type RepeatedBusiness } from '../applications/activity.service.ts';
import type { RepeatQuery } from '../db/repeated.sql.ts';
import type { Selectable } from 'kysely';
import type { DbOrTx } from '../db/database.ts';
import type { LegacyApplicationsTable } from '../db/types.ts';
import type { OutletDays, OutletDaysList, OutletDaysQuery } from '../db/outlet-days.sql.ts';
import { datesBetween } from '../platform/time.ts';
import {
  legacyAgencyRows,
  legacyBandRows,
  legacyOutletDayRows,
  legacyOutletQuarterRows,
  legacyRepeatedRows,
  legacyUndeclaredRows,
  legacyWalkInRows,
} from './history.repository.ts';

/** Legacy business of one outlet over a group of days, in bands of quarters of an hour. */
export interface LegacyBands<G extends string> {
  outletCode: string;
  group: G;
  /** All of it; of it refused (the rest was completed: the history holds nothing else). */
  n: number;
  refused: number;
  /** Business per band: band i holds the quarters of an hour [bounds[i], bounds[i + 1]). */
  bands: number[];
}

/**
 * The legacy platform's business of the days [from, to] per outlet and group of days (a
 * bulletin's kinds of day), in bands, from the per-day summaries kept as it is imported.
 */
export async function legacyBands<G extends string>(
  db: DbOrTx,
  f: {
    cityCode: string;
    outletCodes?: readonly string[];
    from: string;
    to: string;
    groupOf(day: string): G;
    bounds: readonly number[];
  },
): Promise<LegacyBands<G>[]> {
  const days = datesBetween(f.from, f.to).map((day) => ({ day, group: f.groupOf(day) }));
  const rows = await legacyBandRows(db, { ...f, days });
  // The groups were given as text: each comes back as the caller's own.
  return rows.map((r) => ({
    outletCode: r.outlet_code,
    group: r.grp as G,
    n: r.n,
    refused: r.refused,
    bands: r.bands,
  }));
}

/** The legacy platform's business per outlet and day, as `businessByOutletDay` gives the pipeline's. */
export async function legacyByOutletDay(db: DbOrTx, f: OutletDaysQuery): Promise<OutletDays[]> {
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

/** One legacy application as anti-fraud reads it: who applied where, through whom, when. */
export interface LegacyLine {
  id: string;
  businessType: string;
  outletCode: string;
  countyCode: string;
  staffId: string;
  channel: string;
  applicant: { idNumber: string; name: string; phone: string | null };
  deviceId: string | null;
  submittedAt: Date;
  status: string;
}

type LineRow = Pick<
  Selectable<LegacyApplicationsTable>,
  | 'id'
  | 'business_type'
  | 'outlet_code'
  | 'county_code'
  | 'staff_id'
  | 'channel'
  | 'applicant_id_number'
  | 'applicant_name'
  | 'applicant_phone'
  | 'device_id'
  | 'submitted_at'
  | 'status'
>;

/** A legacy row as a `LegacyLine`: mapped in one place for both anti-fraud reads. */
const toLine = (r: LineRow): LegacyLine => ({
  id: r.id,
  businessType: r.business_type,
  outletCode: r.outlet_code,
  countyCode: r.county_code,
  staffId: r.staff_id,
  channel: r.channel,
  applicant: { idNumber: r.applicant_id_number, name: r.applicant_name, phone: r.applicant_phone },
  deviceId: r.device_id,
  submittedAt: r.submitted_at,
  status: r.status,
});

/** One legacy application done by an agent, as anti-fraud links agents to applicants. */
export interface LegacyAgency extends LegacyLine {
  agent: { idNumber: string; name: string; phone: string | null };
  plate: string | null;
}

/** Legacy business done by agents in [since, until), a bounded page after the last one's key. */
export async function legacyAgency(
  db: DbOrTx,
  f: Parameters<typeof legacyAgencyRows>[1],
): Promise<LegacyAgency[]> {
  const rows = await legacyAgencyRows(db, f);
  return rows.map((r) => {
    const agent = r.agent as { idNumber: string; name: string; phone?: string };
    return {
      ...toLine(r),
      agent: { idNumber: agent.idNumber, name: agent.name, phone: agent.phone ?? null },
      plate: r.plate,
    };
  });
}

/** One legacy application made by the applicant in person, as the clerk who took it saw it. */
export interface LegacyWalkIn {
  applicant: string;
  staffId: string;
  outletCode: string;
  countyCode: string;
  at: Date;
  status: string;
  businessType: string;
}

/**
 * Legacy business without an agent at some outlets in [since, until): how the outlets' work
 * usually falls to their clerks, the baseline anti-fraud weighs a clerk's share of a broker's
 * business against (most business comes without an agent).
 */
export async function legacyWalkIns(
  db: DbOrTx,
  f: Parameters<typeof legacyWalkInRows>[1],
): Promise<LegacyWalkIn[]> {
  const rows = await legacyWalkInRows(db, f);
  return rows.map((r) => ({
    applicant: r.applicant_id_number,
    staffId: r.staff_id,
    outletCode: r.outlet_code,
    countyCode: r.county_code,
    at: r.submitted_at,
    status: r.status,
    businessType: r.business_type,
  }));
}

/**
 * Legacy business without an agent whose applicant phone or own online device at least
 * `minApplicants` applicants gave in [since, until): anti-fraud's undeclared agents.
 */
export async function legacyUndeclared(
  db: DbOrTx,
  f: Parameters<typeof legacyUndeclaredRows>[1],
): Promise<LegacyLine[]> {
  return (await legacyUndeclaredRows(db, f)).map(toLine);
}
