import { defineHandler } from '../applications/handler.ts';
import { validDocumentsOf } from '../documents/documents.service.ts';
import { LICENCE_REISSUE_RULES, type ReissueFacts } from './licence-reissue.rules.ts';
import { effectiveLicenceStatus } from '#shared/licences.ts';
import { licenceOf, type LicenceRecord } from './licences.service.ts';

type LoadedFacts = ReissueFacts & { record: LicenceRecord | null; licencesOnFile: string[] };

/**
 * 驾驶证补证 (R162 §69): at any office with proof of identity, issued the same day; the lost
 * licence becomes void. Not while the licence is detained, suspended or revoked (§99 fines a
 * reissue obtained then).
 */
export const drivingLicenceReissueHandler = defineHandler({
  type: 'licence.reissue',
  policyKeys: [],
  lockKey: (_data, applicant) => `driver:${applicant.idNumber}`,
  async load(tx, d): Promise<LoadedFacts> {
    // The licence documents to void are read with the licence: the replacement needs no answer.
    const [licencesOnFile, record] = await Promise.all([
      validDocumentsOf(tx, {
        cityCode: d.jurisdiction.cityCode,
        subject: d.applicant.idNumber,
        kind: 'driving-licence',
      }),
      licenceOf(tx, d.applicant.idNumber),
    ]);
    return {
      licencesOnFile,
      idNumber: d.applicant.idNumber,
      applicantName: d.applicant.name,
      today: d.today,
      record,
      licence: record
        ? {
            status: effectiveLicenceStatus(record.status, record.validUntil, d.today),
            validUntil: record.validUntil,
            name: record.name,
          }
        : null,
    };
  },
  rules: LICENCE_REISSUE_RULES,
  async apply(_tx, _d, facts: LoadedFacts, tools) {
    const licence = facts.record;
    if (!licence) throw new Error('effects ran for a licence that is not on file');
    const { document, voided } = await tools.reissue(
      'driving-licence',
      licence.idNumber,
      '补证后原驾驶证作废',
      // What was read is about the applicant's number, the licence's own.
      licence.idNumber === facts.idNumber ? facts.licencesOnFile : undefined,
    );
    return {
      status: 'completed',
      result: { documents: [document] },
      audit: {
        entityType: 'licence',
        entityId: licence.idNumber,
        details: { licenceNumber: document.number, voidedNumbers: voided },
      },
    };
  },
});
