import { addYears, ageOn } from '#shared/dates.ts';
import { classesAtAge, nextValidityTerm, TERM_YEARS } from '#shared/licences.ts';
import { defineHandler } from '../applications/handler.ts';
import { birthDateOf } from './licence-duties.ts';
import { LICENCE_RENEW_RULES, type RenewFacts } from './licence-renew.rules.ts';
import { effectiveLicenceStatus } from '#shared/licences.ts';
import { applyLicenceEvent, lockedLicenceOf, type LicenceRecord } from './licences.service.ts';
import { findCertificate, markCertificateUsed } from './medicals.repository.ts';
import { renewalWindow } from './medicals.service.ts';
import type { DriverPoints } from './points-port.ts';

type LoadedFacts = RenewFacts & { record: LicenceRecord | null; age: number };

/**
 * 驾驶证有效期满换证 (R162 §§62–63, §65): within 90 days before expiry up to a year after, with a
 * valid medical certificate, done in one stop where the medical was taken. The new term is one
 * step longer without a full-score cycle in the old one (6 → 10 years → long-term), counted from
 * the old expiry; classes no longer driven at the holder's age are exchanged.
 */
export function licenceRenewHandler(points: DriverPoints) {
  return defineHandler({
    type: 'licence.renew',
    policyKeys: ['licence-renew.window-days'],
    lockKey: (_data, applicant) => `driver:${applicant.idNumber}`,
    async load(tx, d): Promise<LoadedFacts> {
      const record = await lockedLicenceOf(tx, d.applicant.idNumber);
      const certificate = await findCertificate(tx, d.data.medicalCertificateNo);
      const birth = birthDateOf(d.applicant.idNumber);
      const age = birth ? ageOn(birth, d.today) : 0;
      return {
        idNumber: d.applicant.idNumber,
        applicantName: d.applicant.name,
        today: d.today,
        record,
        age,
        licence: record
          ? {
              status: effectiveLicenceStatus(record.status, record.validUntil, d.today),
              validUntil: record.validUntil,
              name: record.name,
            }
          : null,
        window: record
          ? renewalWindow(record.validUntil, d.policy['licence-renew.window-days'] ?? 90)
          : null,
        certificateNo: d.data.medicalCertificateNo,
        certificate: certificate && {
          idNumber: certificate.idNumber,
          conclusion: certificate.conclusion,
          validUntil: certificate.validUntil,
          classes: certificate.classes,
          used: certificate.usedApplicationId !== null,
        },
        classesNeeded: record ? classesAtAge(record.classes, age).classes : [],
      };
    },
    rules: LICENCE_RENEW_RULES,
    async apply(tx, d, facts: LoadedFacts, tools) {
      const licence = facts.record;
      if (!licence || licence.validityTerm === 'long-term' || !licence.validUntil) {
        throw new Error('effects ran for a licence that needs no renewal');
      }
      const termStart = addYears(licence.validUntil, -TERM_YEARS[licence.validityTerm]);
      const fullScores = await points.fullScoresBetween(tx, licence, termStart, licence.validUntil);
      const term = nextValidityTerm(licence.validityTerm, fullScores > 0);
      const validUntil =
        term === 'long-term' ? null : addYears(licence.validUntil, TERM_YEARS[term]);
      const exchange = classesAtAge(licence.classes, facts.age);
      const renewed = await applyLicenceEvent(
        tx,
        licence,
        'renew',
        {
          classes: exchange.classes,
          classSince: Object.fromEntries(
            exchange.classes.map((c) => [c, licence.classSince[c] ?? d.today]),
          ),
          validityTerm: term,
          validUntil,
        },
        {
          today: d.today,
          now: d.now,
          applicationId: tools.applicationId,
          actor: d.actor?.displayName,
        },
      );
      await markCertificateUsed(tx, {
        cityCode: d.data.medicalCertificateNo.slice(2, 8),
        certificateNo: d.data.medicalCertificateNo,
        applicationId: tools.applicationId,
        on: d.today,
      });
      const { document, voided } = await tools.reissue(
        'driving-licence',
        licence.idNumber,
        '换证后原驾驶证作废',
      );
      return {
        status: 'completed',
        result: { documents: [document], validUntil, validityTerm: term, classes: renewed.classes },
        audit: {
          entityType: 'licence',
          entityId: licence.idNumber,
          details: {
            from: licence.validUntil,
            validUntil,
            validityTerm: term,
            fullScoresInTerm: fullScores,
            droppedClasses: exchange.dropped,
            medicalCertificateNo: d.data.medicalCertificateNo,
            voidedNumbers: voided,
          },
        },
      };
    },
  });
}
