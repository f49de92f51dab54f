import {
  businessByOutletDay,
  businessByQuarter,
  summariseBusinessDays,
  repeatedBusiness,
  type RepeatedBusiness,
} from '../applications/activity.service.ts';
import type { PolicyKey } from '../catalog/policy-keys.ts';
import type { DbOrTx } from '../db/database.ts';
import type { OutletDays } from '../db/outlet-days.sql.ts';
import type { RepeatKind } from '../db/repeated.sql.ts';
import { addDays, beijingMidnight, daysBetween } from '../platform/time.ts';
import { reusedPhotos, stationSummaries } from '../vehicles/inspections.service.ts';
import type { ExamFact, ExamSummaries, SupervisionPorts } from './exam-port.ts';
import { summariseExams } from './exam-summaries.ts';
import {
  addClosedExamples,
  addExamSummaries,
  addOutletDays,
  addStationSummaries,
  closedExampleDays,
  closedStarts,
  EXAMPLES,
  outletsClosed,
  type Context,
  type RunFacts,
  type SourceId,
} from './facts.ts';
import { legacyByOutletDay, legacyByQuarter, legacyRepeated } from './history.service.ts';

/** Rows a detector reads per query: every source of rows is read in bounded pages. */
export const PAGE = 5000;

/** Beijing midnight at the start of a day. */
export const startOf = beijingMidnight;

/** What a source reads with and into. */
export interface SourceRead {
  db: DbOrTx;
  ports: SupervisionPorts;
  cityCode: string;
  period: { from: string; to: string };
  v: Partial<Record<PolicyKey, number | null>>;
  c: Context;
  facts: RunFacts;
}

/**
 * One source of a run: what it reads into the facts, returning how many rows it read. Sources
 * of different lanes are read at once (on their own connections); a lane reads its sources in
 * the order of the list. A new source (another area's records) is one more entry.
 */
export interface Source {
  id: SourceId;
  name: string;
  lane: 'business' | 'repeats' | 'exams';
  /**
   * Work before the run's read-only snapshots, which may write (summaries a read then finds);
   * returns what it handled.
   */
  prepare?(s: SourceRead): Promise<number>;
  read(s: SourceRead): Promise<number>;
}

/**
 * Pages of a keyset source, each handed to `add`; returns the rows read. A row's `key` places
 * it exactly (its `finishedAt` is a Date, to the millisecond, while the rows carry
 * microseconds: a cursor of the Date alone would read a page's last row again).
 */
export async function readPages<T extends { finishedAt: Date; id: string; key?: string }>(
  page: (after: { finishedAt: Date; id: string; key?: string } | undefined) => Promise<T[]>,
  add: (batch: T[]) => void,
) {
  let after: { finishedAt: Date; id: string; key?: string } | undefined;
  let read = 0;
  for (;;) {
    const batch = await page(after);
    add(batch);
    read += batch.length;
    const last = batch.at(-1);
    if (batch.length < PAGE || !last) return read;
    after = { finishedAt: last.finishedAt, id: last.id, ...(last.key ? { key: last.key } : {}) };
  }
}

/**
 * The exam summaries of a run: the port's own (one grouped pass in SQL), or, from a port that
 * serves rows only, its rows in keyset pages summarised here.
 */
async function examSummariesOf(
  db: DbOrTx,
  ports: SupervisionPorts,
  q: ReturnType<typeof summaryQuery>,
): Promise<ExamSummaries & { read: number }> {
  if (ports.examSummaries) {
    const summaries = await ports.examSummaries(db, q);
    const read = summaries.examiners.reduce((sum, u) => sum + u.baselineN + u.n, 0);
    return { ...summaries, read };
  }
  const rows: ExamFact[] = [];
  await readPages(
    (after) => ports.examResults(db, { ...q, after, limit: PAGE }),
    (batch) => rows.push(...batch),
  );
  return { ...summariseExams(rows, q), read: rows.length };
}

/**
 * Repeated business the frequent-* rules look for (R164 §74, R162 §83), by kind. The candidates
 * the database keeps are of these types (`repeat_business_type`, migration `business_repeats`).
 */
export const REPEATS: readonly (Omit<RepeatKind, 'min'> & { maxKey: PolicyKey })[] = [
  {
    kind: 'reissue',
    types: [
      'vehicle.licence-reissue',
      'vehicle.certificate-reissue',
      'vehicle.plate-reissue',
      'licence.reissue',
    ],
    maxKey: 'supervision.frequent-reissue.max-count',
  },
  {
    kind: 'transfer',
    types: ['vehicle.transfer'],
    maxKey: 'supervision.frequent-transfer.max-count',
  },
  // Moves of a vehicle out of and into the city: change registration (R164 §§27–30).
  {
    kind: 'move',
    types: ['vehicle.change'],
    changes: ['move-out', 'move-in'],
    maxKey: 'supervision.frequent-move.max-count',
  },
];

/** The same subject may have business on both platforms: one entry per kind and subject. */
function mergeRepeated(rows: readonly RepeatedBusiness[]) {
  const merged = new Map<string, RepeatedBusiness>();
  for (const r of rows) {
    const key = `${r.kind} ${r.subject}`;
    const seen = merged.get(key);
    merged.set(
      key,
      seen
        ? {
            ...seen,
            n: seen.n + r.n,
            applicationIds: [...seen.applicationIds, ...r.applicationIds],
            outletCodes: [...new Set([...seen.outletCodes, ...r.outletCodes])],
          }
        : r,
    );
  }
  return [...merged.values()];
}

/** Whether an outlet had business on a day, in per-outlet lists of days from `since`. */
function hadBusiness(outlets: readonly OutletDays[], since: string) {
  const days = new Map(outlets.map((o) => [o.outlet_code, new Set(o.days.map((d) => d[0]))]));
  return (d: { outletCode: string; day: string }) =>
    days.get(d.outletCode)?.has(daysBetween(since, d.day)) ?? false;
}

/** Outlet-days in per-outlet lists (`OutletDays`). */
const countDays = (outlets: readonly OutletDays[]) =>
  outlets.reduce((sum, o) => sum + o.days.length, 0);

const until = (s: SourceRead) => startOf(addDays(s.period.to, 1));
const baselineDays = (s: SourceRead) => s.v['supervision.cusum.baseline-days'] ?? 0;
/** Inspections and exams are read from the start of the units' baseline before the period. */
const historySince = (s: SourceRead) => startOf(addDays(s.period.from, -baselineDays(s)));

/** Where a lane of inspections or exams reads from: its baseline, the period and what counts. */
function summaryQuery(s: SourceRead, minKey: PolicyKey) {
  return {
    cityCode: s.cityCode,
    since: historySince(s),
    from: startOf(s.period.from),
    until: until(s),
    minMinutes: s.v[minKey] ?? null,
    examples: EXAMPLES,
  };
}

/** The first day business per outlet and day is read from: the period's, less the look-back. */
const lookbackFrom = (s: SourceRead) =>
  addDays(s.period.from, -(s.v['supervision.volume-spike.lookback-days'] ?? 0));

export const SOURCES: readonly Source[] = [
  {
    id: 'business-days',
    name: 'business per outlet and day (both sources)',
    lane: 'business',
    // The pipeline's closed days of the period and its look-back summarised, so that the read
    // sums them instead of grouping their rows.
    prepare: async (s) =>
      await summariseBusinessDays(s.db, {
        cityCode: s.cityCode,
        from: lookbackFrom(s),
        to: s.period.to,
      }),
    read: async (s) => {
      const { db, cityCode, c, facts } = s;
      const closed = outletsClosed(c);
      const f = {
        cityCode,
        from: lookbackFrom(s),
        until: addDays(s.period.to, 1),
        bounds: closed.bounds,
      };
      const live = await businessByOutletDay(db, f);
      const legacy = await legacyByOutletDay(db, f);
      addOutletDays(facts, c, f.from, [...live, ...legacy], closed);
      facts.read.applicationDays = countDays(live);
      facts.read.legacyApplicationDays = countDays(legacy);
      // The examples of business outside hours: the earliest such days, per quarter, each
      // asked of the sources that had business that day.
      const days = closedExampleDays(facts).map((d) => ({
        outletCode: d.outletCode,
        since: startOf(d.day),
        until: startOf(addDays(d.day, 1)),
        day: d.day,
      }));
      const quarters = [
        ...(await businessByQuarter(db, {
          cityCode,
          days: days.filter(hadBusiness(live, f.from)),
        })),
        ...(await legacyByQuarter(db, {
          cityCode,
          days: days.filter(hadBusiness(legacy, f.from)),
        })),
      ];
      addClosedExamples(facts, c, quarters, closed.masks);
      return countDays(live) + countDays(legacy) + quarters.length;
    },
  },
  {
    id: 'repeated-business',
    name: 'repeated business (every kind, both sources)',
    // A lane of its own: the longest source of a county-year run (its candidates, 51,000 items).
    lane: 'repeats',
    read: async (s) => {
      const window = s.v['supervision.frequent.window-days'] ?? 0;
      const kinds = REPEATS.flatMap(({ maxKey, ...k }) => {
        const max = s.v[maxKey];
        return window && max !== null && max !== undefined ? [{ ...k, min: max + 1 }] : [];
      });
      const f = {
        cityCode: s.cityCode,
        since: startOf(addDays(s.period.to, 1 - window)),
        recentSince: startOf(s.period.from),
        until: until(s),
        kinds,
      };
      // The legacy history does not say what a change registration changed: platform rows only.
      const legacy = await legacyRepeated(s.db, { ...f, kinds: kinds.filter((k) => !k.changes) });
      const repeated = mergeRepeated([...(await repeatedBusiness(s.db, f)), ...legacy]);
      s.facts.reissues = repeated.filter((r) => r.kind === 'reissue');
      s.facts.transfers = repeated.filter((r) => r.kind === 'transfer');
      s.facts.moves = repeated.filter((r) => r.kind === 'move');
      return repeated.length;
    },
  },
  {
    id: 'inspections',
    name: 'inspections per station',
    // After the business per outlet and day: the two together are about as long as the exams
    // or the repeated business, so no lane waits long for another.
    lane: 'business',
    read: async (s) => {
      const q = summaryQuery(s, 'supervision.inspection-duration.min-minutes');
      const rows = await stationSummaries(s.db, {
        ...q,
        closed: closedStarts(s.c, addDays(s.period.from, -baselineDays(s))),
      });
      addStationSummaries(s.facts, rows);
      s.facts.read.inspections = rows.reduce((sum, r) => sum + r.baselineN + r.n, 0);
      return rows.length;
    },
  },
  {
    id: 'exams',
    name: 'exam results per examiner, exam site and day',
    lane: 'exams',
    read: async (s) => {
      const q = summaryQuery(s, 'supervision.exam-duration.min-minutes');
      const summaries = await examSummariesOf(s.db, s.ports, q);
      addExamSummaries(s.facts, s.c, summaries);
      s.facts.read.exams = summaries.read;
      return summaries.examiners.length + summaries.sites.length;
    },
  },
  {
    id: 'photos',
    name: 'reused photos',
    lane: 'exams',
    read: async (s) => {
      s.facts.reusedPhotos = await reusedPhotos(s.db, {
        cityCode: s.cityCode,
        since: startOf(s.period.from),
        until: until(s),
      });
      s.facts.read.reusedPhotos = s.facts.reusedPhotos.length;
      return s.facts.reusedPhotos.length;
    },
  },
];
