import { insertAgentFlag, standingAgentFlag } from './agent-flags.repository.ts';
import { AGENT_FLAG_RULES, type FlagFacts } from './agent-review.rules.ts';
import { defineHandler } from './handler.ts';

/**
 * 代办人审核标记 (a measure of an anti-fraud case): from today until its last day, unless lifted,
 * the pipeline refuses applications naming the person as agent (agent-flags.service.ts). Agency
 * is a matter of every business, so the flag lives beside the pipeline, like the on-site
 * requirements. Submitted by the detachment for a case (applications.policy), it is business
 * like any other: rules, effects, audit and outbox in one transaction.
 */
export const agentReviewFlagHandler = defineHandler({
  type: 'agent.review-flag',
  policyKeys: [],
  lockKey: (_data, applicant) => `agent-review:${applicant.idNumber}`,
  async load(tx, d): Promise<FlagFacts> {
    const standing = await standingAgentFlag(tx, {
      cityCode: d.jurisdiction.cityCode,
      idNumber: d.applicant.idNumber,
      day: d.today,
    });
    return {
      today: d.today,
      until: d.data.until,
      standing: standing ? { caseId: standing.case_id, until: standing.valid_until } : null,
    };
  },
  rules: AGENT_FLAG_RULES,
  async apply(tx, d, _facts, tools) {
    await insertAgentFlag(tx, {
      city_code: d.jurisdiction.cityCode,
      application_id: tools.applicationId,
      id_number: d.applicant.idNumber,
      case_id: d.data.caseId,
      reason: d.data.reason,
      valid_from: d.today,
      valid_until: d.data.until,
      created_at: d.now,
      lifted_at: null,
      lifted_by: null,
      lift_reason: null,
    });
    return {
      status: 'completed',
      result: {
        idNumber: d.applicant.idNumber,
        caseId: d.data.caseId,
        from: d.today,
        until: d.data.until,
      },
      audit: {
        entityType: 'agent-review-flag',
        entityId: tools.applicationId,
        details: {
          idNumber: d.applicant.idNumber,
          caseId: d.data.caseId,
          reason: d.data.reason,
          from: d.today,
          until: d.data.until,
        },
      },
    };
  },
});
