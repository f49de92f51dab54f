import type { CycleSummary } from '#shared/schemas/licences.ts';
import type { Read } from '../db/compiled-query.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { LicenceRecord } from './licences.repository.ts';

/**
 * What the licence business needs from the points ledger, which the violations area keeps
 * (R163). Violations build on licences (a cycle runs from the first issue date; a full score
 * detains the licence), so licences cannot import violations: the composition root hands this
 * port in (app/server.ts, app/registry.ts), implemented by violations/points.service.ts.
 */
export interface DriverPoints {
  /** The points cycle in force on a day (R163 §3, §15). */
  cycle(db: DbOrTx, licence: LicenceRecord, today: string): Promise<CycleSummary>;
  /**
   * The same cycle, for a licence not read yet: the ledger's read of a driver in a city, to be
   * sent with the licence's own (`readTogether`). It answers what gives the cycle of the licence
   * read with it (which must be that driver's in that city) on a day.
   */
  pendingCycle(
    cityCode: string,
    idNumber: string,
  ): Read<(licence: LicenceRecord, today: string) => CycleSummary>;
  /** How many full scores (满分) a licence reached between two days, both included (R162 §62). */
  fullScoresBetween(db: DbOrTx, licence: LicenceRecord, from: string, to: string): Promise<number>;
  /** Full scores in the cycle in force and the `cycles - 1` before it (R162 §17). */
  fullScoresInCycles(
    db: DbOrTx,
    licence: LicenceRecord,
    today: string,
    cycles: number,
  ): Promise<number>;
  /** The full score the licence is studying for: its exams and the first day they may be taken. */
  openFullScore(
    db: DbOrTx,
    licence: LicenceRecord,
  ): Promise<{ reachedOn: string; subjects: number[]; studyEndsOn: string } | null>;
  /** The exams of the full score were passed; released now when the fines are paid (R163 §23). */
  fullScoreExamsPassed(
    tx: Tx,
    licence: LicenceRecord,
    on: { today: string; now: Date },
  ): Promise<{ released: boolean }>;
  /** The last cycle that ended before the one in force, with its points on its last day. */
  lastEndedCycle(
    db: DbOrTx,
    licence: LicenceRecord,
    today: string,
  ): Promise<{ start: string; end: string; points: number } | null>;
  /** Records of the holder's own vehicles not handled yet (R162 §73 refuses the review). */
  unhandledViolations(db: DbOrTx, licence: LicenceRecord): Promise<number>;
  /**
   * Points a licence brought from the legacy platform, counted in the cycle in force; 12 or
   * more are a full score reached that day, with its record and the licence detained, as on
   * the platform (R163 §17).
   */
  recordImported(
    tx: Tx,
    licence: LicenceRecord,
    points: number,
    on: { today: string; now: Date; actor?: string | null },
  ): Promise<void>;
}
