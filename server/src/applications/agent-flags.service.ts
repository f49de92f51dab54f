import { businessTypeInfo } from '#shared/catalog.ts';
import type { RefusalItem } from '#shared/schemas/applications.ts';
import { audit } from '../audit/audit.service.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { Actor } from '../platform/actor.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { lockAgentFlag, markAgentFlagLifted, standingAgentFlag } from './agent-flags.repository.ts';
import { AGENT_REVIEW_RULE } from './agent-review.rules.ts';
import { evaluateRules } from './rules.ts';

/**
 * The pipeline's agent check: an application naming as agent a person flagged for review today
 * gets one 1331 item citing the agency article of its business (agent-review.rules.ts).
 */
export async function agentReviewRefusal(
  db: DbOrTx,
  f: {
    cityCode: string;
    agent: { idNumber: string; name: string };
    businessType: string;
    today: string;
  },
): Promise<RefusalItem[]> {
  const flag = await standingAgentFlag(db, {
    cityCode: f.cityCode,
    idNumber: f.agent.idNumber,
    day: f.today,
  });
  if (!flag) return [];
  const subject = businessTypeInfo(f.businessType)?.subject ?? 'person';
  return evaluateRules([AGENT_REVIEW_RULE[subject]], {
    agent: f.agent,
    flag: { until: flag.valid_until },
  });
}

/**
 * Lifts a standing review flag before its last day (the case that set it decides), audited in
 * the caller's transaction. A flag of another case, or one already lifted, is not this case's to
 * lift.
 */
export async function liftAgentReviewFlag(
  tx: Tx,
  actor: Actor,
  now: Date,
  f: { cityCode: string; caseId: string; applicationId: string; reason: string },
) {
  const flag = await lockAgentFlag(tx, f.cityCode, f.applicationId);
  if (!flag || flag.case_id !== f.caseId) throw notFound('审核标记');
  if (flag.lifted_at) throw new AppError('CONFLICT', '该审核标记已解除');
  await markAgentFlagLifted(tx, { ...f, at: now, by: actor.username });
  await audit(tx, actor, now, {
    cityCode: f.cityCode,
    action: 'agent-review-flag.lifted',
    entityType: 'agent-review-flag',
    entityId: f.applicationId,
    details: { idNumber: flag.id_number, caseId: f.caseId, reason: f.reason },
    event: 'agent-review-flag.lifted',
  });
  return { idNumber: flag.id_number, until: flag.valid_until };
}
