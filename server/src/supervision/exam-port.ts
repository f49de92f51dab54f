import type { DbOrTx, Tx } from '../db/database.ts';
import type { Actor } from '../platform/actor.ts';
import type { PhaseObserver } from '../platform/phases.ts';
import type { AppContext } from '../platform/context.ts';

/**
 * One exam result as supervision audits it (CONTRACT.md Part 2, "Exam results"): who sat which
 * subject where, before which examiner, the outcome, the face match and the times.
 */
export interface ExamFact {
  id: string;
  idNumber: string;
  subject: number;
  examSiteCode: string;
  examinerId: string;
  passed: boolean;
  faceMatch: 'pass' | 'fail' | 'manual';
  startedAt: Date;
  finishedAt: Date;
  recordingRef: string | null;
  /** The phone the candidate gave, when the licences area knows it (identity associations). */
  phone?: string | null;
  /** The candidate's driving school, when known (the examiner-assignment test). */
  schoolCode?: string | null;
  /**
   * The row's place in the keyset order, exact to the microsecond (`finishedAt` is exact to
   * the millisecond only); handed back in `after` for the next page.
   */
  key?: string;
}

/**
 * The exam facts supervision needs: a city's results finished in [since, until), in bounded
 * pages ordered by (finishedAt, id), the next page after the last one's key.
 *
 * The licences area (exams and exam results) owns that data and supervision must not read its
 * tables, so this is a port, as `vehicles/violations-port.ts` is for violations. The composition
 * root (`server/src/app/registry.ts`, `SUPERVISION_PORTS`) wires in the licences service
 * (`licences/exam-results.service.ts#examResultFacts`); `noExamsRecorded` below is what the
 * jobs fall back to when started without ports.
 */
export type ExamResults = (
  db: DbOrTx,
  q: {
    cityCode: string;
    since: Date;
    until: Date;
    after?: { finishedAt: Date; id: string; key?: string };
    limit: number;
  },
) => Promise<ExamFact[]>;

/** No exam results at all: the jobs' fallback when started without ports. */
export const noExamsRecorded: ExamResults = async () => [];

/** A unit's outcomes: before the period (its baseline) and in it, `'1'` for a pass, in time order. */
export interface OutcomeSummary {
  baselineN: number;
  baselineEvents: number;
  n: number;
  events: number;
  /** The period's outcomes in order of (finishedAt, id): the CUSUM reads them in this order. */
  outcomes: string;
}

/**
 * A city's exam results summarised for a run (CONTRACT.md Part 2, "Exam results"), so that a
 * year's results need not travel one by one: every list is in order of its first exam.
 */
export interface ExamSummaries {
  /** Per examiner and subject, from `since`; the rest of the figures are the period's. */
  examiners: (OutcomeSummary & {
    examinerId: string;
    subject: number;
    /** The exam site of the examiner's first exam of the subject. */
    examSiteCode: string;
    /** Exams shorter than `minMinutes`, and the first `examples` of them (ids). */
    short: number;
    shortExamples: string[];
    /** Passes without a face match (`fail` or `manual`), and the first `examples` (ids). */
    overrides: number;
    overrideExamples: string[];
  })[];
  /** Per exam site and subject, from `since`. */
  sites: (OutcomeSummary & { examSiteCode: string; subject: number })[];
  /** Exams of each examiner per Beijing day of the period, with the site of the day's first. */
  examinerDays: { examinerId: string; day: string; n: number; firstSiteCode: string }[];
  /** Exams of each exam site per Beijing day of the period. */
  siteDays: { examSiteCode: string; day: string; n: number }[];
}

/**
 * The summaries of a city's exam results finished in [since, until): the period starts at
 * `from` (before it, only the baseline counts); `minMinutes` is the shortest normal exam.
 * Wired to `licences/exam-results.service.ts#examSummaries` at the composition root.
 */
export type ExamSummary = (
  db: DbOrTx,
  q: {
    cityCode: string;
    since: Date;
    from: Date;
    until: Date;
    minMinutes: number | null;
    examples: number;
  },
) => Promise<ExamSummaries>;

/**
 * The anti-fraud phase of a run (issue 11): the antifraud area reads supervision's legacy
 * history, so supervision cannot import it; the composition root wires
 * `antifraud/detect.service.ts#detectFraud` in. Without it a run finds no findings.
 */
export type FraudDetection = (
  ctx: AppContext,
  actor: Actor | null,
  run: { cityCode: string; from: string; to: string; runId: string },
  /** The run's observer: the detectors report their own phases to it. */
  observe?: PhaseObserver,
) => Promise<FraudOutcome>;

/**
 * What the detectors found, not yet stored: the run stores it in its own transaction, beside its
 * alerts, its record and its audit entry, so a run that fails leaves none of its findings.
 */
export interface FraudOutcome {
  findings: number;
  /** Stores the findings and the detectors' audit entry in the run's transaction. */
  store: (tx: Tx) => Promise<void>;
}

/** What supervision takes from other areas through the composition root. */
export interface SupervisionPorts {
  examResults: ExamResults;
  /**
   * What a run reads of the exams. A port that serves rows only (a stub over planted exams)
   * leaves it out, and the run summarises the rows itself (`exam-summaries.ts`).
   */
  examSummaries?: ExamSummary;
  fraud?: FraudDetection;
}
