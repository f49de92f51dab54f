import { defineHandler } from '../applications/handler.ts';
import { beijingInstant } from '../platform/time.ts';
import { holdOf, insertHold } from './holds.repository.ts';
import { SUBSTITUTE_HOLD_RULES, type HoldFacts } from './substitute-hold.rules.ts';

/**
 * 暂停代为处理 (a measure of an anti-fraud case, R163 §30): from now on the person may not take
 * the points of a vehicle they do not own; their own vehicles' records stay theirs to handle.
 * Submitted by the detachment for a case (applications.policy), it is business like any other:
 * rules, effects, audit and outbox in one transaction.
 */
export const substituteHoldHandler = defineHandler({
  type: 'violation.substitute-hold',
  policyKeys: [],
  lockKey: (_data, applicant) => `substitute-hold:${applicant.idNumber}`,
  async load(tx, d): Promise<HoldFacts> {
    return {
      idNumber: d.applicant.idNumber,
      held: await holdOf(tx, d.jurisdiction.cityCode, d.applicant.idNumber),
    };
  },
  rules: SUBSTITUTE_HOLD_RULES,
  async apply(tx, d, _facts, tools) {
    await insertHold(tx, {
      cityCode: d.jurisdiction.cityCode,
      idNumber: d.applicant.idNumber,
      applicationId: tools.applicationId,
      caseId: d.data.caseId,
      reason: d.data.reason,
      since: d.now,
    });
    return {
      status: 'completed',
      result: {
        idNumber: d.applicant.idNumber,
        caseId: d.data.caseId,
        since: beijingInstant(d.now),
      },
      audit: {
        entityType: 'substitute-hold',
        entityId: d.applicant.idNumber,
        details: { caseId: d.data.caseId, reason: d.data.reason },
      },
    };
  },
});
