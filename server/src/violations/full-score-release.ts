import { addCalendarDays } from '#shared/dates.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import {
  applyLicenceEvent,
  type LicenceChangeOn,
  type LicenceRecord,
} from '../licences/licences.service.ts';
import { cycleSummary } from './cycle.ts';
import { licenceFullScores } from './licence-full-scores.ts';
import {
  insertPointEntry,
  ledgerOf,
  markFullScoreExamsPassed,
  releaseFullScoreRecord,
} from './points.repository.ts';
import { unpaidFinesOf } from './violations.repository.ts';

/** The full score a licence is still studying for, and the first day its exam may be taken. */
export async function openFullScoreOf(db: DbOrTx, licence: LicenceRecord) {
  const open = (await licenceFullScores(db, licence)).find((r) => r.status === 'studying');
  return open ? { ...open, studyEndsOn: addCalendarDays(open.reachedOn, open.studyDays) } : null;
}

/**
 * Ends a full score whose exams are passed once the fines are paid too (R163 §23): the points
 * are cleared, and the licence is returned. Asked when the exams are passed and when a fine is
 * paid, whichever comes last. Returns whether it was released.
 */
export async function releaseIfDue(
  tx: Tx,
  licence: LicenceRecord,
  on: LicenceChangeOn,
): Promise<boolean> {
  const open = await openFullScoreOf(tx, licence);
  if (!open?.examsPassedOn) return false;
  if ((await unpaidFinesOf(tx, licence.cityCode, licence.idNumber)) > 0) return false;
  const ledger = await ledgerOf(tx, licence.cityCode, licence.idNumber);
  const { points } = cycleSummary(licence.firstIssuedOn, on.today, ledger);
  await insertPointEntry(tx, {
    cityCode: licence.cityCode,
    idNumber: licence.idNumber,
    kind: 'full-score-cleared',
    points,
    recordedOn: on.today,
  });
  await releaseFullScoreRecord(tx, licence.cityCode, open.id, on.today);
  if (licence.status === 'full-score') {
    await applyLicenceEvent(tx, licence, 'release-full-score', {}, on);
  }
  return true;
}

/** The exams a full score owes were passed (R163 §§21–22): released now if the fines are paid. */
export async function fullScoreExamsPassed(
  tx: Tx,
  licence: LicenceRecord,
  on: { today: string; now: Date },
) {
  const open = await openFullScoreOf(tx, licence);
  if (!open) return { released: false };
  await markFullScoreExamsPassed(tx, licence.cityCode, open.id, on.today);
  return { released: await releaseIfDue(tx, licence, on) };
}
