import type { ExamResultRequest } from '#shared/schemas/exams.ts';
import type { Tx } from '../db/database.ts';
import { beijingDate } from '../platform/time.ts';
import { passedSubjectsSince } from './exams.repository.ts';
import { licenceOf } from './licences.service.ts';
import type { DriverPoints } from './points-port.ts';

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
  const passed = await passedSubjectsSince(tx, at.cityCode, r.idNumber, since);
  if (!open.subjects.every((s) => passed.includes(s))) return null;
  const { released } = await points.fullScoreExamsPassed(tx, licence, at);
  return released ? 'full-score-released' : 'full-score-exams-passed';
}
