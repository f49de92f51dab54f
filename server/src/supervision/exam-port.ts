import type { DbOrTx } from '../db/database.ts';
import type { Actor } from '../platform/actor.ts';
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
    after?: { finishedAt: Date; id: string };
    limit: number;
  },
) => Promise<ExamFact[]>;

/** No exam results at all: the jobs' fallback when started without ports. */
export const noExamsRecorded: ExamResults = async () => [];

/**
 * The anti-fraud phase of a run (issue 11): the antifraud area reads supervision's legacy
 * history, so supervision cannot import it; the composition root wires
 * `antifraud/detect.service.ts#detectFraud` in. Without it a run finds no findings.
 */
export type FraudDetection = (
  ctx: AppContext,
  actor: Actor | null,
  run: { cityCode: string; from: string; to: string; runId: string },
) => Promise<{ findings: number }>;

/** What supervision takes from other areas through the composition root. */
export interface SupervisionPorts {
  examResults: ExamResults;
  fraud?: FraudDetection;
}
