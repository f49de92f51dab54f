import {
  lapsedOn,
  lastRestorationDay,
  permittedClasses,
  type LicenceClass,
} from '#shared/licences.ts';
import type { LicenceRecord } from './licences.repository.ts';

/**
 * Whether a licence application of a class restores a licence (恢复驾驶资格, R162 §79 第三款):
 * the licence was cancelled for being more than a year overdue (the only cancellation whose
 * cause the registry knows: read from the validity, effectiveLicenceStatus) and permits the class.
 * `in-time` within two years of the cancellation (subject 1 alone restores it), `too-late` after;
 * null for any other application.
 */
export function restorationOf(
  licence: Pick<LicenceRecord, 'status' | 'validUntil' | 'classes'> | null,
  cls: LicenceClass,
  today: string,
): 'in-time' | 'too-late' | null {
  if (!licence || licence.status !== 'valid' || !lapsedOn(licence.validUntil, today)) return null;
  if (!permittedClasses(licence.classes).includes(cls)) return null;
  return today <= lastRestorationDay(licence.validUntil!) ? 'in-time' : 'too-late';
}
