import type { OpeningHours } from '#shared/schemas/network.ts';
import type { RepeatedBusiness } from '../applications/activity.service.ts';
import type { OutletDayRow } from '../db/outlet-days.sql.ts';
import type { DirectoryOutlet } from '../network/network.service.ts';
import type { InspectionFact } from '../vehicles/inspections.service.ts';
import type { ExamFact } from './exam-port.ts';
import { beijingDate } from '../platform/time.ts';
import { classifyQuarter, dayKind, quarterOf, type ClosedQuarters } from './hours.ts';
import type { RateUnit } from './peer-outliers.ts';

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

const hoursOf = (c: Context, code: string): OpeningHours | null =>
  c.outlets.get(code)?.hours ?? null;
const hhmm = (quarter: number) =>
  `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;

function unit(
  map: Map<string, UnitStats>,
  key: string,
  init: Pick<UnitStats, 'id' | 'group' | 'countyCode' | 'outletCode'>,
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

const note = (list: string[], item: string) => {
  if (list.length < EXAMPLES) list.push(item);
};

/** One outcome of a unit: into its history before the period, or into the period. */
function count(u: UnitStats, day: string, from: string, event: boolean) {
  if (day < from) {
    u.baseline.n++;
    if (event) u.baseline.events++;
    return false;
  }
  u.n++;
  if (event) u.events++;
  u.outcomes += event ? '1' : '0';
  return true;
}

const minutesBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 60_000;

/** Adds a batch of inspections (in finishing order) to the stations' figures. */
export function addInspections(
  facts: RunFacts,
  c: Context,
  batch: readonly InspectionFact[],
  minMinutes: number | null,
) {
  for (const i of batch) {
    const s = unit(facts.stations, i.stationCode, {
      id: i.stationCode,
      group: 'inspection-station',
      countyCode: i.countyCode,
      outletCode: i.stationCode,
    });
    const day = beijingDate(i.finishedAt);
    if (!count(s, day, c.from, i.passed)) continue;
    if (minMinutes !== null && minutesBetween(i.startedAt, i.finishedAt) < minMinutes) {
      s.short++;
      note(s.shortExamples, i.reportNo);
    }
    const started = beijingDate(i.startedAt);
    const kind = dayKind(started, c.calendar);
    if (classifyQuarter(hoursOf(c, i.stationCode), kind, quarterOf(i.startedAt)) === 'closed') {
      s.offHours++;
      note(s.offHoursExamples, i.reportNo);
    }
  }
}

function load(map: Map<string, ExamLoad>, key: string, county: string, site: string, day: string) {
  let l = map.get(key);
  if (!l) {
    l = { countyCode: county, outletCode: site, days: new Map() };
    map.set(key, l);
  }
  l.days.set(day, (l.days.get(day) ?? 0) + 1);
}

/** Adds a batch of exam results (in finishing order) to examiners' and exam sites' figures. */
export function addExams(
  facts: RunFacts,
  c: Context,
  batch: readonly ExamFact[],
  minMinutes: number | null,
) {
  for (const e of batch) {
    const site = c.outlets.get(e.examSiteCode);
    const countyCode = site?.countyCode ?? '';
    const group = `subject-${e.subject}`;
    const day = beijingDate(e.finishedAt);
    const examiner = unit(facts.examiners, `${e.examinerId}|${e.subject}`, {
      id: e.examinerId,
      group,
      countyCode,
      outletCode: e.examSiteCode,
    });
    const examSite = unit(facts.examSites, `${e.examSiteCode}|${e.subject}`, {
      id: e.examSiteCode,
      group,
      countyCode,
      outletCode: e.examSiteCode,
    });
    count(examSite, day, c.from, e.passed);
    if (!count(examiner, day, c.from, e.passed)) continue;
    load(facts.examLoad.examiners, e.examinerId, countyCode, e.examSiteCode, day);
    load(facts.examLoad.sites, e.examSiteCode, countyCode, e.examSiteCode, day);
    if (e.faceMatch !== 'pass' && e.passed) {
      examiner.overrides++;
      note(examiner.overrideExamples, e.id);
    }
    if (minMinutes !== null && minutesBetween(e.startedAt, e.finishedAt) < minMinutes) {
      examiner.short++;
      note(examiner.shortExamples, e.id);
    }
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
  rows: readonly OutletDayRow[],
  closed: { masks: ClosedQuarters; bounds: readonly number[] },
) {
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
    if (r.day < c.from) {
      b.baselineDays.set(r.day, (b.baselineDays.get(r.day) ?? 0) + r.n);
      continue;
    }
    b.n += r.n;
    b.refused += r.refused;
    b.days.set(r.day, (b.days.get(r.day) ?? 0) + r.n);
    const mask = closed.masks.get(r.outlet_code)?.[dayKind(r.day, c.calendar)];
    if (!mask) continue;
    let n = 0;
    r.bands.forEach((count, i) => {
      if (count && mask[closed.bounds[i]!] === '1') n += count;
    });
    if (!n) continue;
    b.closed += n;
    b.closedDays.add(r.day);
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
  for (const r of rows) {
    if (masks.get(r.outlet_code)?.[dayKind(r.day, c.calendar)][r.quarter] !== '1') continue;
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
