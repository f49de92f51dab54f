import { hasLargeClass } from '#shared/licences.ts';
import { defineHandler } from '../applications/handler.ts';
import { LICENCE_REVIEW_RULES, type ReviewFacts } from './licence-review.rules.ts';
import { effectiveLicenceStatus } from '#shared/licences.ts';
import { insertReview } from './licences.repository.ts';
import { licenceOf, reviewedCyclesOf, type LicenceRecord } from './licences.service.ts';
import type { DriverPoints } from './points-port.ts';

type LoadedFacts = ReviewFacts & { record: LicenceRecord | null };

/**
 * 驾驶证审验 (R162 §§72–73): after each cycle with points, an A1/A2/A3/B1/B2 holder attends at
 * least 3 hours of study and declares their physical condition; unhandled violations fail it.
 * The review counts for the last cycle that ended (R163 §26(3) reads it).
 */
export function licenceReviewHandler(points: DriverPoints) {
  return defineHandler({
    type: 'licence.review',
    policyKeys: [],
    lockKey: (_data, applicant) => `driver:${applicant.idNumber}`,
    async load(tx, d): Promise<LoadedFacts> {
      const record = await licenceOf(tx, d.applicant.idNumber);
      const lastCycle = record ? await points.lastEndedCycle(tx, record, d.today) : null;
      return {
        idNumber: d.applicant.idNumber,
        applicantName: d.applicant.name,
        today: d.today,
        record,
        licence: record && {
          status: effectiveLicenceStatus(record.status, record.validUntil, d.today),
          validUntil: record.validUntil,
          name: record.name,
        },
        large: record ? hasLargeClass(record.classes) : false,
        lastCycle,
        reviewed:
          !!record && !!lastCycle && (await reviewedCyclesOf(tx, record)).includes(lastCycle.start),
        unhandled: record ? await points.unhandledViolations(tx, record) : 0,
        studyHours: d.data.studyHours,
        healthDeclared: d.data.healthDeclared,
      };
    },
    rules: LICENCE_REVIEW_RULES,
    async apply(tx, d, facts: LoadedFacts, tools) {
      const { record, lastCycle } = facts;
      if (!record || !lastCycle) throw new Error('effects ran for a review that is not due');
      await insertReview(tx, {
        cityCode: record.cityCode,
        idNumber: record.idNumber,
        cycleStart: lastCycle.start,
        on: d.today,
        applicationId: tools.applicationId,
        outletCode: d.outlet.code,
      });
      return {
        status: 'completed',
        result: { reviewedCycle: { start: lastCycle.start, end: lastCycle.end } },
        audit: {
          entityType: 'licence',
          entityId: record.idNumber,
          details: { reviewedCycle: lastCycle, studyHours: d.data.studyHours },
        },
      };
    },
  });
}
