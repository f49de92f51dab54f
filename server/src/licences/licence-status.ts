import { addMonths } from '#shared/dates.ts';
import { effectiveLicenceStatus, type LicenceStatus } from '#shared/licences.ts';

/**
 * The last day a licence past its validity may still be renewed: a year after it (R162 §63,
 * §79 第一款第八项). From the next day the licence is cancelled.
 */
export const lastRenewalDay = (validUntil: string) => addMonths(validUntil, 12);

/** R162 §79 第一款第八项: 超过机动车驾驶证有效期一年以上未换证 (a long-term licence never is). */
export const lapsedOn = (validUntil: string | null, today: string) =>
  validUntil !== null && today > lastRenewalDay(validUntil);

/**
 * A licence's status on a day, as every reader and rule of the driver business sees it: a stored
 * `valid` licence past its validity is `expired`, and a year after that it is `cancelled` (注销,
 * R162 §79 第一款第八项). Read from the validity like `expired`, never written: the law cancels
 * it on that day, so a job writing it later would leave it valid in between, and the read of
 * `GET /licences/{id}` stays one round trip. A status the registry stored (detained, suspended,
 * revoked, cancelled) stands as stored.
 */
export function licenceStatusOn(
  stored: LicenceStatus,
  validUntil: string | null,
  today: string,
): LicenceStatus {
  const status = effectiveLicenceStatus(stored, validUntil, today);
  return status === 'expired' && lapsedOn(validUntil, today) ? 'cancelled' : status;
}
