import type { RepeatedBusiness } from '../applications/activity.service.ts';
import type { OutletDays } from '../db/outlet-days.sql.ts';
import type { DirectoryOutlet } from '../network/network.service.ts';
import type { StationSummary } from '../vehicles/inspections.service.ts';
import type { ExamSummaries, OutcomeSummary } from './exam-port.ts';
import { addDays } from '../platform/time.ts';
import { dayKind } from '../network/opening-hours.ts';
import { closedQuarters, dayKinds, type ClosedQuarters } from './hours.ts';
import type { RateUnit } from './peer-outliers.ts';

/** The sources a run reads (`sources.ts`); a reader that needs only some names them. */
export type SourceId = 'business-days' | 'repeated-business' | 'inspections' | 'exams' | 'photos';

/** Up to this many records are named in an alert's evidence (the rest are counted). */
export const EXAMPLES = 10;

/** What the rules of a run look at, accumulated from bounded batches of each source. */
export interface RunFacts {
  from: string;
  to: string;
  outlets: ReadonlyMap<string, DirectoryOutlet>;
  stations: Map<string, UnitStats>;
  examiners: Map<string, UnitStats>;
  examSites: Map<string, UnitStats>;
  outletBusiness: Map<string, OutletBusiness>;
  /** Exams per Beijing day of each examiner and exam site in the period (daily load). */
  examLoad: { examiners: Map<string, ExamLoad>; sites: Map<string, ExamLoad> };
  reissues: RepeatedBusiness[];
  transfers: RepeatedBusiness[];
  /** Vehicles moved out and in (change registration) on the platform. */
  moves: RepeatedBusiness[];
  reusedPhotos: {
    hash: string;
    reportNo: string;
    stationCode: string;
    vehicle: string;
    otherReportNo: string;
    otherVehicle: string;
  }[];
  /** Rows read per source, for the run's record. */
  read: Record<string, number>;
}

/** A station, examiner or exam site: outcomes, durations and working times. */
export interface UnitStats extends RateUnit {
  id: string;
  /** An examiner's or exam site's figures are per exam subject (科目): which one. */
  examSubject?: number;
  countyCode: string;
  outletCode: string | null;
  short: number;
  shortExamples: string[];
  offHours: number;
  offHoursExamples: string[];
  overrides: number;
  overrideExamples: string[];
}

/** An examiner's or exam site's exams per day of the period (all subjects together). */
export interface ExamLoad {
  countyCode: string;
  outletCode: string;
  days: Map<string, number>;
}

/** An outlet's business: totals and refusals in the period, per day, and when it was closed. */
export interface OutletBusiness {
  countyCode: string;
  n: number;
  refused: number;
  days: Map<string, number>;
  baselineDays: Map<string, number>;
  closed: number;
  /** The days of the period with business in closed quarters. */
  closedDays: Set<string>;
  closedExamples: { day: string; time: string; n: number }[];
}

export interface Context {
  from: string;
  to: string;
  outlets: ReadonlyMap<string, DirectoryOutlet>;
  calendar: ReadonlyMap<string, 'holiday' | 'workday'>;
}

const closedOf = new WeakMap<Context['outlets'], ReturnType<typeof closedQuarters>>();

/** The outlets' closed quarters (`closedQuarters`), worked out once per run's directory. */
export function outletsClosed(c: Context) {
  let closed = closedOf.get(c.outlets);
  if (!closed) closedOf.set(c.outlets, (closed = closedQuarters(c.outlets.values())));
  return closed;
}

const hhmm = (quarter: number) =>
  `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;

function unit(
  map: Map<string, UnitStats>,
  key: string,
  init: Pick<UnitStats, 'id' | 'examSubject' | 'group' | 'countyCode' | 'outletCode'>,
): UnitStats {
  let u = map.get(key);
  if (!u) {
    u = {
      key,
      ...init,
      n: 0,
      events: 0,
      outcomes: '',
      baseline: { n: 0, events: 0 },
      short: 0,
      shortExamples: [],
      offHours: 0,
      offHoursExamples: [],
      overrides: 0,
      overrideExamples: [],
    };
    map.set(key, u);
  }
  return u;
}

/** A unit's outcomes as the owning area summarised them. */
function setOutcomes(u: UnitStats, o: OutcomeSummary) {
  u.baseline = { n: o.baselineN, events: o.baselineEvents };
  u.n = o.n;
  u.events = o.events;
  u.outcomes = o.outcomes;
}

/** The stations' figures, from the vehicles area's summaries of their inspections. */
export function addStationSummaries(facts: RunFacts, rows: readonly StationSummary[]) {
  for (const r of rows) {
    const s = unit(facts.stations, r.stationCode, {
      id: r.stationCode,
      group: 'inspection-station',
      countyCode: r.countyCode,
      outletCode: r.stationCode,
    });
    setOutcomes(s, r);
    s.short = r.short;
    s.shortExamples = r.shortExamples;
    s.offHours = r.offHours;
    s.offHoursExamples = r.offHoursExamples;
  }
}

/**
 * What the vehicles area needs to tell inspections started while their station was closed
 * (`classifyQuarter`): the kind of each day from `since` (and the day before) to the period's
 * end, and each outlet's closed quarters per kind of day.
 */
export function closedStarts(c: Context, since: string) {
  const days = [];
  for (let day = addDays(since, -1); day <= c.to; day = addDays(day, 1)) {
    days.push({ day, kind: dayKind(day, c.calendar) });
  }
  const masks = [...outletsClosed(c).masks].flatMap(([stationCode, m]) =>
    Object.entries(m).map(([kind, mask]) => ({ stationCode, kind, mask })),
  );
  return { days, masks };
}

function load(map: Map<string, ExamLoad>, key: string, county: string, site: string) {
  let l = map.get(key);
  if (!l) {
    l = { countyCode: county, outletCode: site, days: new Map() };
    map.set(key, l);
  }
  return l;
}

/** The examiners' and exam sites' figures and daily loads, from the exams' summaries. */
export function addExamSummaries(facts: RunFacts, c: Context, s: ExamSummaries) {
  const countyOf = (site: string) => c.outlets.get(site)?.countyCode ?? '';
  for (const e of s.examiners) {
    const examiner = unit(facts.examiners, `${e.examinerId}|${e.subject}`, {
      id: e.examinerId,
      examSubject: e.subject,
      group: `subject-${e.subject}`,
      countyCode: countyOf(e.examSiteCode),
      outletCode: e.examSiteCode,
    });
    setOutcomes(examiner, e);
    examiner.short = e.short;
    examiner.shortExamples = e.shortExamples;
    examiner.overrides = e.overrides;
    examiner.overrideExamples = e.overrideExamples;
  }
  for (const x of s.sites) {
    const site = unit(facts.examSites, `${x.examSiteCode}|${x.subject}`, {
      id: x.examSiteCode,
      examSubject: x.subject,
      group: `subject-${x.subject}`,
      countyCode: countyOf(x.examSiteCode),
      outletCode: x.examSiteCode,
    });
    setOutcomes(site, x);
  }
  for (const d of s.examinerDays) {
    const site = d.firstSiteCode;
    load(facts.examLoad.examiners, d.examinerId, countyOf(site), site).days.set(d.day, d.n);
  }
  for (const d of s.siteDays) {
    const site = d.examSiteCode;
    load(facts.examLoad.sites, site, countyOf(site), site).days.set(d.day, d.n);
  }
}

/**
 * Adds business per outlet and day (the pipeline's and the legacy history's, `outletDays` cut
 * at `closed.bounds`) to the outlets' figures: a band's business counts as closed when the
 * outlet is closed in that band on that kind of day. The days with closed business are kept
 * for `closedExampleDays`.
 */
export function addOutletDays(
  facts: RunFacts,
  c: Context,
  /** The first day of `rows` (their day 0), on or before the period's first. */
  since: string,
  rows: readonly OutletDays[],
  closed: { masks: ClosedQuarters; bounds: readonly number[] },
) {
  const kindOf = dayKinds(c.calendar);
  const dayAt: string[] = [];
  const dayOf = (offset: number) => (dayAt[offset] ??= addDays(since, offset));
  for (const r of rows) {
    let b = facts.outletBusiness.get(r.outlet_code);
    if (!b) {
      b = {
        countyCode: c.outlets.get(r.outlet_code)?.countyCode ?? '',
        n: 0,
        refused: 0,
        days: new Map(),
        baselineDays: new Map(),
        closed: 0,
        closedDays: new Set(),
        closedExamples: [],
      };
      facts.outletBusiness.set(r.outlet_code, b);
    }
    const masks = closed.masks.get(r.outlet_code);
    for (const d of r.days) {
      const day = dayOf(d[0]!);
      const n = d[1]!;
      if (day < c.from) {
        b.baselineDays.set(day, (b.baselineDays.get(day) ?? 0) + n);
        continue;
      }
      b.n += n;
      b.refused += d[2]!;
      b.days.set(day, (b.days.get(day) ?? 0) + n);
      const mask = masks?.[kindOf(day)];
      if (!mask) continue;
      // d[3 + i] counts band i, which starts at bounds[i].
      let inClosed = 0;
      for (let i = 3; i < d.length; i++) {
        if (d[i] && mask[closed.bounds[i - 3]!] === '1') inClosed += d[i]!;
      }
      if (!inClosed) continue;
      b.closed += inClosed;
      b.closedDays.add(day);
    }
  }
}

/** The earliest days of each outlet with closed business: enough to name its examples. */
export function closedExampleDays(facts: RunFacts) {
  return [...facts.outletBusiness].flatMap(([outletCode, b]) =>
    [...b.closedDays]
      .sort()
      .slice(0, EXAMPLES)
      .map((day) => ({ outletCode, day })),
  );
}

/**
 * The examples of closed business, from the business per quarter of `closedExampleDays`
 * (both sources): each outlet's earliest closed quarters, a quarter of both sources once.
 */
export function addClosedExamples(
  facts: RunFacts,
  c: Context,
  rows: readonly { outlet_code: string; day: string; quarter: number; n: number }[],
  masks: ClosedQuarters,
) {
  const quarters = new Map<string, Map<string, { day: string; time: string; n: number }>>();
  const kindOf = dayKinds(c.calendar);
  for (const r of rows) {
    if (masks.get(r.outlet_code)?.[kindOf(r.day)][r.quarter] !== '1') continue;
    let of = quarters.get(r.outlet_code);
    if (!of) quarters.set(r.outlet_code, (of = new Map()));
    const time = hhmm(r.quarter);
    const key = `${r.day} ${time}`;
    const seen = of.get(key);
    if (seen) seen.n += r.n;
    else of.set(key, { day: r.day, time, n: r.n });
  }
  for (const [code, of] of quarters) {
    const b = facts.outletBusiness.get(code);
    if (!b) continue;
    b.closedExamples = [...of]
      .sort((x, y) => x[0].localeCompare(y[0]))
      .slice(0, EXAMPLES)
      .map(([, e]) => e);
  }
}

/** Outlets as units of a refusal-rate comparison: refusals of all business, peers by category. */
export function refusalUnits(facts: RunFacts): Map<string, UnitStats> {
  const units = new Map<string, UnitStats>();
  for (const [code, b] of facts.outletBusiness) {
    const u = unit(units, code, {
      id: code,
      group: facts.outlets.get(code)?.category ?? 'unknown',
      countyCode: b.countyCode,
      outletCode: code,
    });
    u.n = b.n;
    u.events = b.refused;
  }
  return units;
}

export function emptyFacts(c: Context): RunFacts {
  return {
    from: c.from,
    to: c.to,
    outlets: c.outlets,
    stations: new Map(),
    examiners: new Map(),
    examSites: new Map(),
    outletBusiness: new Map(),
    examLoad: { examiners: new Map(), sites: new Map() },
    reissues: [],
    transfers: [],
    moves: [],
    reusedPhotos: [],
    read: {},
  };
}
