import type { LicenceStatus } from '#shared/licences.ts';
import type { CycleSummary } from '#shared/schemas/licences.ts';
import type { Tx } from '../db/database.ts';
import { effectiveLicenceStatus } from '#shared/licences.ts';
import { lockedLicenceOfWith, type LicenceRecord } from '../licences/licences.service.ts';
import { boundsOf, cycleOf, cycleSummary, type LedgerEntry } from './cycle.ts';
import { ledgerOf, ledgerRead } from './points.repository.ts';

export interface DriverFacts {
  licence: LicenceRecord | null;
  /** As read today (past its validity expired, a year past it cancelled: effectiveLicenceStatus). */
  status: LicenceStatus | null;
  cycle: CycleSummary;
  ledger: LedgerEntry[];
}

/**
 * The driver behind an application: the licence, locked so two windows take turns on the same
 * driver, and the points cycle in force. Without a licence there is no cycle (all zero).
 *
 * The ledger is read for the application's city behind the lock, in the same round trip (where
 * nearly every licence is kept); a licence another city keeps has its ledger read after.
 */
export async function loadDriver(
  tx: Tx,
  idNumber: string,
  today: string,
  cityCode: string,
): Promise<DriverFacts> {
  const [licence, here] = await lockedLicenceOfWith(tx, idNumber, ledgerRead(cityCode, idNumber));
  if (!licence) {
    return {
      licence: null,
      status: null,
      cycle: { start: today, end: today, points: 0, reduced: 0, carriedOver: 0 },
      ledger: [],
    };
  }
  const ledger =
    licence.cityCode === cityCode ? here : await ledgerOf(tx, licence.cityCode, idNumber);
  return {
    licence,
    status: effectiveLicenceStatus(licence.status, licence.validUntil, today),
    cycle: cycleSummary(licence.firstIssuedOn, today, ledger),
    ledger,
  };
}

/** The first day of the cycle `back` cycles before the one in force (never before the first). */
export function cycleStartBack(licence: LicenceRecord, cycle: CycleSummary, back: number) {
  const { index } = cycleOf(licence.firstIssuedOn, cycle.start);
  return boundsOf(licence.firstIssuedOn, Math.max(0, index - back)).start;
}

/** The last cycle that ended before the one in force, with its points on its last day. */
export function lastEndedCycle(driver: DriverFacts) {
  const { licence, cycle, ledger } = driver;
  if (!licence) return null;
  const { index } = cycleOf(licence.firstIssuedOn, cycle.start);
  if (index === 0) return null;
  const { start, end } = boundsOf(licence.firstIssuedOn, index - 1);
  return { start, end, points: cycleSummary(licence.firstIssuedOn, end, ledger).points };
}
