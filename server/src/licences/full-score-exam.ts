import type { ExamResultRequest } from '#shared/schemas/exams.ts';
import type { Tx } from '../db/database.ts';
import { addDays, beijingDate } from '../platform/time.ts';
import { resultsSince } from './exams.repository.ts';
import { licenceOf } from './licences.service.ts';
import type { DriverPoints } from './points-port.ts';

/** R163 §§21–22: a full score's exam failed is booked again 10 days after at the earliest. */
export const FULL_SCORE_RETRY_DAYS = 10;

/**
 * The subjects passed (with a face match) in a full score's exam results, in time order: a pass
 * within 10 days after a fail of the same subject was taken before the law allowed it and does
 * not count (R163 §21; §22 for the road and field tests).
 */
export function fullScorePasses(
  results: readonly { subject: number; passed: boolean; face_match: string; started_at: Date }[],
): number[] {
  const lastFail = new Map<number, string>();
  const passed = new Set<number>();
  for (const r of results) {
    const day = beijingDate(r.started_at);
    if (!r.passed) {
      lastFail.set(r.subject, day);
      continue;
    }
    const failed = lastFail.get(r.subject);
    const early = failed !== undefined && day < addDays(failed, FULL_SCORE_RETRY_DAYS);
    if (r.face_match !== 'fail' && !early) passed.add(r.subject);
  }
  return [...passed];
}

/**
 * A driver detained for a full score takes its exam at an exam site (R163 §§21–22): subject 1,
 * and subject 3, or 2 and 3, after a second or third full score. When every subject owed is
 * passed after the study, the full score's exams are done, and it is released at once if the
 * fines are paid (R163 §23). Returns what happened, or null for any other result.
 */
export async function fullScoreExam(
  tx: Tx,
  points: DriverPoints,
  r: ExamResultRequest,
  at: { cityCode: string; today: string; now: Date },
): Promise<'full-score-released' | 'full-score-exams-passed' | null> {
  if (!r.passed || r.faceMatch === 'fail' || r.subject === 4) return null;
  const licence = await licenceOf(tx, r.idNumber);
  const open = licence ? await points.openFullScore(tx, licence) : null;
  if (!licence || !open || beijingDate(new Date(r.startedAt)) < open.studyEndsOn) return null;
  const since = new Date(`${open.studyEndsOn}T00:00:00+08:00`);
  const passed = fullScorePasses(await resultsSince(tx, at.cityCode, r.idNumber, since));
  if (!open.subjects.every((s) => passed.includes(s))) return null;
  const { released } = await points.fullScoreExamsPassed(tx, licence, at);
  return released ? 'full-score-released' : 'full-score-exams-passed';
}
