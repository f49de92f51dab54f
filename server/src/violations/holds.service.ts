import { audit } from '../audit/audit.service.ts';
import type { Tx } from '../db/database.ts';
import type { Actor } from '../platform/actor.ts';
import { AppError } from '../platform/errors.ts';
import { lockHold, lockStandingHoldsOfCase, markHoldLifted } from './holds.repository.ts';

/** Ends one hold, audited in the caller's transaction. */
async function endHold(
  tx: Tx,
  actor: Actor,
  now: Date,
  f: { cityCode: string; caseId: string; applicationId: string; idNumber: string; reason: string },
) {
  await markHoldLifted(tx, { ...f, at: now, by: actor.username });
  await audit(tx, actor, now, {
    cityCode: f.cityCode,
    action: 'substitute-hold.lifted',
    entityType: 'substitute-hold',
    entityId: f.applicationId,
    details: { idNumber: f.idNumber, caseId: f.caseId, reason: f.reason },
    event: 'substitute-hold.lifted',
  });
}

/**
 * Lifts the hold a case's measure took, if that application took a hold: from now on the person
 * may take points for others again. `null` when the application took no hold (another kind of
 * measure); a hold of another case is not this case's to lift, and a lifted one cannot be again.
 */
export async function liftSubstituteHold(
  tx: Tx,
  actor: Actor,
  now: Date,
  f: { cityCode: string; caseId: string; applicationId: string; reason: string },
): Promise<{ idNumber: string } | null> {
  const hold = await lockHold(tx, f.cityCode, f.applicationId);
  if (!hold || hold.case_id !== f.caseId) return null;
  if (hold.lifted_at) throw new AppError('CONFLICT', '该暂停代为处理措施已解除');
  await endHold(tx, actor, now, { ...f, idNumber: hold.id_number });
  return { idNumber: hold.id_number };
}

/**
 * Ends every standing hold of a case that closes: a hold (暂停) serves the investigation and does
 * not outlive it. Returns the holds ended, for the case's record.
 */
export async function endHoldsOfCase(
  tx: Tx,
  actor: Actor,
  now: Date,
  f: { cityCode: string; caseId: string; reason: string },
): Promise<{ applicationId: string; idNumber: string }[]> {
  const holds = await lockStandingHoldsOfCase(tx, f.cityCode, f.caseId);
  for (const h of holds) {
    await endHold(tx, actor, now, { ...f, applicationId: h.application_id, idNumber: h.id_number });
  }
  return holds.map((h) => ({ applicationId: h.application_id, idNumber: h.id_number }));
}
