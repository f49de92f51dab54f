import type { CycleSummary, LicenceResponse } from '#shared/schemas/licences.ts';
import { maskIdNumber } from '#shared/validators/index.ts';
import { seesFullIdentity, type Actor } from '../platform/actor.ts';
import { licenceDuties } from './licence-duties.ts';
import { effectiveLicenceStatus } from '#shared/licences.ts';
import type { LicenceRecord } from './licences.repository.ts';

/** The identity number as this viewer may see it (in full for the police and administrators). */
export const idFor = (idNumber: string, viewer: Actor) =>
  seesFullIdentity(viewer) ? idNumber : maskIdNumber(idNumber);

/** CONTRACT.md's licence shape, read on a day (expiry and probation are as of that day). */
export function presentLicence(
  l: LicenceRecord,
  cycle: CycleSummary,
  viewer: Actor,
  today: string,
): LicenceResponse {
  return {
    idNumber: idFor(l.idNumber, viewer),
    name: l.name,
    licenceNo: seesFullIdentity(viewer) ? l.licenceNo : maskIdNumber(l.licenceNo),
    classes: l.classes,
    status: effectiveLicenceStatus(l.status, l.validUntil, today),
    firstIssuedOn: l.firstIssuedOn,
    validUntil: l.validUntil,
    validityTerm: l.validityTerm,
    probationUntil: l.probationUntil && l.probationUntil >= today ? l.probationUntil : null,
    cycle,
    duties: licenceDuties(l, today),
  };
}
