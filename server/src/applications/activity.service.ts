import type { Db, DbOrTx, Tx } from '../db/database.ts';
import type { OutletDays, OutletDaysList, OutletDaysQuery } from '../db/outlet-days.sql.ts';
import type { RepeatQuery, repeatedSubjects } from '../db/repeated.sql.ts';
import {
  addDays,
  beijingDate,
  beijingMidnight,
  datesBetween,
  daysBetween,
} from '../platform/time.ts';
import {
  activityDayStates,
  agencyRows,
  bandsFromRows,
  firstActivityDay,
  outletDayRows,
  outletQuarterRows,
  repeatedRows,
  summariseDays,
  summarisedBands,
  summarisedDayQuarters,
  summarisedOutletDays,
  type BandRow,
} from './activity.repository.ts';

/** Business of one outlet and county over a group of days, in bands of quarters of an hour. */
export interface ActivityBands<G extends string = string> {
  outletCode: string;
  countyCode: string;
  group: G;
  /** Applications of any status, and of them completed and refused (when read). */
  n: number;
  completed: number;
  refused: number;
  /** Applications per band: band i holds the quarters of an hour [bounds[i], bounds[i + 1]). */
  bands: number[];
}

/** Which business a banded read counts: a city's (or a county's) on the days [from, to]. */
export interface ActivityBandsQuery<G extends string> {
  cityCode: string;
  countyCode?: string;
  /** The first and last Beijing day (YYYY-MM-DD), both counted. */
  from: string;
  to: string;
  /** The group a day's business is counted in (a bulletin groups days by their kind). */
  groupOf(day: string): G;
  /** Ascending quarters of an hour from 0 to 96 (Beijing time) that cut each day into bands. */
  bounds: readonly number[];
}

/** A year and a day: how many closed days one transaction summarises at most. */
const DAYS_PER_SUMMARY = 366;

const inTransaction = async <T>(db: DbOrTx, work: (tx: Tx) => Promise<T>) =>
  db.isTransaction ? await work(db as Tx) : await (db as Db).transaction().execute(work);

/** Summarises closed days (a derived table, not a change of state: nothing to audit). */
async function summarise(db: DbOrTx, cityCode: string, days: readonly string[]) {
  let done = 0;
  for (let i = 0; i < days.length; i += DAYS_PER_SUMMARY) {
    const chunk = days.slice(i, i + DAYS_PER_SUMMARY);
    done += (await inTransaction(db, (tx) => summariseDays(tx, cityCode, chunk))).length;
  }
  return done;
}

/**
 * What the bulletins read of the pipeline's business (they never read its table): per outlet,
 * county and group of days, the applications by status and per band of quarters of an hour.
 * Days that ended two days ago or more are read from their summary (`application_activity`),
 * made first where it is missing or stale; the days since are grouped from the applications.
 */
export async function businessBands<G extends string>(
  db: DbOrTx,
  f: ActivityBandsQuery<G>,
): Promise<ActivityBands<G>[]> {
  // The days it summarised are the ones read as closed (midnight may pass in between).
  const { closedBefore } = await summariseStale(db, f);
  const days = datesBetween(f.from, f.to);
  const closed = days.filter((d) => d < closedBefore);
  const open = days.slice(closed.length);
  const where = { cityCode: f.cityCode, countyCode: f.countyCode, bounds: f.bounds };
  const [summary, live] = await Promise.all([
    closed.length
      ? summarisedBands(db, {
          ...where,
          days: closed.map((day) => ({ day, group: f.groupOf(day) })),
        })
      : [],
    open.length ? bandsFromRows(db, { ...where, from: open[0]!, until: addDays(f.to, 1) }) : [],
  ]);
  const rows = new Map<string, ActivityBands<G>>();
  const add = (r: BandRow, group: G) => {
    const key = `${r.outlet_code}|${r.county_code}|${group}`;
    const row = rows.get(key);
    if (!row) {
      rows.set(key, {
        outletCode: r.outlet_code,
        countyCode: r.county_code,
        group,
        n: r.n,
        completed: r.completed,
        refused: r.refused,
        bands: [...r.bands],
      });
      return;
    }
    row.n += r.n;
    row.completed += r.completed;
    row.refused += r.refused;
    r.bands.forEach((b, i) => (row.bands[i]! += b));
  };
  // The groups were given as text: each comes back as the caller's own.
  for (const r of summary) add(r, r.grp as G);
  for (const r of live) add(r, f.groupOf(r.day));
  return [...rows.values()];
}

/**
 * Summarises every closed day of a city's applications whose summary is missing or stale (the
 * nightly job; a bulletin summarises the days it needs itself). Returns how many days it did.
 */
export async function summariseClosedDays(db: DbOrTx, cityCode: string): Promise<number> {
  const first = await firstActivityDay(db, cityCode);
  if (!first) return 0;
  const { closedBefore, current } = await activityDayStates(db, cityCode, first, '9999-12-31');
  return await summarise(
    db,
    cityCode,
    datesBetween(first, addDays(closedBefore, -1)).filter((d) => !current.has(d)),
  );
}

/**
 * What supervision's run reads of the pipeline's business: per outlet and Beijing day in
 * [since, until), cut into bands of quarters of an hour at `bounds`, in one pass over the period;
 * and, for a few days it singles out, per quarter of an hour.
 */
export async function businessByOutletDay(db: DbOrTx, f: OutletDaysQuery): Promise<OutletDays[]> {
  const days = datesBetween(f.from, addDays(f.until, -1));
  const { current } = await activityDayStates(db, f.cityCode, f.from, days.at(-1) ?? f.from);
  const summarised = days.filter((d) => current.has(d));
  if (!summarised.length) return await outletDayRows(db, f);
  const rest = days.filter((d) => !current.has(d));
  const fromSummary = await summarisedOutletDays(db, { ...f, days: summarised });
  // The rest from the rows, from its first day on; its days are counted from that day.
  const fromRows = rest.length
    ? await outletDayRows(db, { ...f, from: rest[0]!, except: summarised })
    : [];
  const shift = rest.length ? daysBetween(f.from, rest[0]!) : 0;
  const byOutlet = new Map(fromSummary.map((o) => [o.outlet_code, [...o.days]]));
  for (const o of fromRows) {
    const shifted = o.days.map(([day, ...values]) => [day! + shift, ...values]);
    byOutlet.set(o.outlet_code, [...(byOutlet.get(o.outlet_code) ?? []), ...shifted]);
  }
  return [...byOutlet].map(([outlet_code, outletDays]) => ({ outlet_code, days: outletDays }));
}

/**
 * Summarises the closed days of [from, to] whose summary is missing or stale, so that reads of
 * the period in a read-only snapshot find them (a supervision run's, before its snapshots).
 */
export async function summariseBusinessDays(
  db: DbOrTx,
  f: { cityCode: string; from: string; to: string },
): Promise<number> {
  return (await summariseStale(db, f)).done;
}

/** Summarises the stale closed days of [from, to]; returns how many, and where closed days end. */
async function summariseStale(db: DbOrTx, f: { cityCode: string; from: string; to: string }) {
  const { closedBefore, current } = await activityDayStates(db, f.cityCode, f.from, f.to);
  const stale = datesBetween(f.from, f.to).filter((d) => d < closedBefore && !current.has(d));
  return { done: await summarise(db, f.cityCode, stale), closedBefore };
}

/**
 * The pipeline's business per quarter of an hour on some days of some outlets (the examples a
 * run names): a day with a current summary from its running counts, the others from their rows.
 */
export async function businessByQuarter(
  db: DbOrTx,
  f: OutletDaysList,
): Promise<{ outlet_code: string; day: string; quarter: number; n: number }[]> {
  const days = f.days.flatMap((d) =>
    datesBetween(beijingDate(d.since), addDays(beijingDate(d.until), -1)).map((day) => ({
      outletCode: d.outletCode,
      day,
    })),
  );
  if (!days.length) return [];
  const sorted = days.map((d) => d.day).sort();
  const { current } = await activityDayStates(db, f.cityCode, sorted[0]!, sorted.at(-1)!);
  const rest = days.filter((d) => !current.has(d.day));
  const [summarised, fromRows] = await Promise.all([
    summarisedDayQuarters(db, {
      cityCode: f.cityCode,
      days: days.filter((d) => current.has(d.day)),
    }),
    rest.length
      ? outletQuarterRows(db, {
          cityCode: f.cityCode,
          days: rest.map((d) => ({
            outletCode: d.outletCode,
            since: beijingMidnight(d.day),
            until: beijingMidnight(addDays(d.day, 1)),
          })),
        })
      : [],
  ]);
  // An outlet's day may be summarised under more than one county: its quarters are summed.
  const quarters = new Map<
    string,
    { outlet_code: string; day: string; quarter: number; n: number }
  >();
  for (const r of summarised) {
    for (let q = 0; q < r.upto.length; q++) {
      // Element q of the array is upto[q + 1]: the day's business in quarters 0…q.
      const n = r.upto[q]! - (q === 0 ? 0 : r.upto[q - 1]!);
      if (!n) continue;
      const key = `${r.outlet_code}|${r.day}|${q}`;
      const seen = quarters.get(key);
      if (seen) seen.n += n;
      else quarters.set(key, { outlet_code: r.outlet_code, day: r.day, quarter: q, n });
    }
  }
  return [...quarters.values(), ...fromRows];
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
