import { effectiveLicenceStatus, LICENCE_CLASS_INFO, type LicenceClass } from '#shared/licences.ts';
import type { DbOrTx } from '../db/database.ts';
import { CAR_CLASSES } from './exam-book.rules.ts';
import { findLicenceAnywhere, type LicenceRecord } from './licences.repository.ts';

interface Exam {
  subject: number;
  class: LicenceClass;
  today: string;
}

/** Only a large class's subject 3 waits differently for a holder (R162 §44). */
const asks = (w: Exam) => w.subject === 3 && LICENCE_CLASS_INFO[w.class].large;

/**
 * Whether a candidate for a large class's subject 3 already holds a car-class (汽车类) licence,
 * which shortens the wait after the learner permit from 40 days to 30 (R162 §44); a revoked or
 * cancelled licence is not held.
 */
export function carLicenceIn(licence: LicenceRecord | null, w: Exam): boolean {
  if (!licence || !asks(w)) return false;
  const status = effectiveLicenceStatus(licence.status, licence.validUntil, w.today);
  return (
    status !== 'revoked' &&
    status !== 'cancelled' &&
    licence.classes.some((c) => CAR_CLASSES.includes(c))
  );
}

/** As `carLicenceIn`, the licence read only when it matters (no extra statement otherwise). */
export async function carLicenceHeld(db: DbOrTx, w: Exam & { idNumber: string }) {
  return asks(w) && carLicenceIn(await findLicenceAnywhere(db, w.idNumber), w);
}
