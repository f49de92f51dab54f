import {
  businessTypeInfo,
  POLICE_CATEGORIES,
  type BusinessTypeCode,
  type OutletCategory,
} from '#shared/catalog.ts';
import { lifecycleOf } from '#shared/lifecycles.ts';
import { zhErrorMap } from '#shared/schemas/zh-errors.ts';
import {
  businessDataSchemas,
  type ApplicationRequest,
  type BusinessData,
  type RefusalItem,
} from '#shared/schemas/applications.ts';
import { audit } from '../audit/audit.service.ts';
import type { Tx } from '../db/database.ts';
import { inPipelinedTransaction } from '../db/pipelined.ts';
import { checkDelegation } from '../delegation/delegation.service.ts';
import { jurisdictionOf } from '../network/network.service.ts';
import type { Actor, ActorOutlet } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, invalid } from '../platform/errors.ts';
import { canonicalJson, sha256 } from '../platform/signing.ts';
import { beijingDate } from '../platform/time.ts';
import {
  findByIdempotencyKey,
  insertApplication,
  type StoredApplication,
} from './applications.repository.ts';
import { agentReviewRefusal } from './agent-flags.service.ts';
import { requireSubmitterOf } from './applications.policy.ts';
import { onsiteRefusal } from './onsite.service.ts';
import type { PolicySnapshot } from './handler.ts';
import type { BusinessRegistry } from './registry.ts';
import { retryingLostRaces } from './races.ts';
import { dueFrom, issueNotice, makeStep } from './step.ts';
import { newId } from '../platform/ids.ts';

/** Delegation's refusals that stop an application before its business is examined at all. */
const OUTLET_BARS = new Set(['NOT_DELEGATED', 'OUTLET_SUSPENDED']);

export const channelOf = (category: OutletCategory) =>
  category === 'internet' ? 'internet' : POLICE_CATEGORIES.includes(category) ? 'window' : 'social';

/**
 * The one pipeline every business flows through (DESIGN.md): actor and channel → validation →
 * delegation → all preconditions → either one refusal notice or the effects, each outcome in one
 * transaction with its documents, audit record and outbox event.
 */
export async function submitApplication(
  ctx: AppContext,
  registry: BusinessRegistry,
  actor: Actor,
  request: ApplicationRequest,
): Promise<StoredApplication> {
  const outlet = requireSubmitterOf(actor, request);
  const { idempotencyKey, ...body } = request;
  const requestHash = sha256(canonicalJson(body));
  const key = idempotencyKey
    ? { cityCode: outlet.cityCode, actorUserId: actor.userId, idempotencyKey }
    : null;
  // A key is not looked up first: a repeated request is rare, and the unique constraint on
  // (city, actor, key) stops its second effect anyway — its transaction fails on the insert and
  // rolls back whole (a document number it drew stays unused, as after any rollback). Whatever
  // a keyed request fails with, an earlier application under its key answers instead, so a
  // repeat is answered exactly as when the key was looked up first.
  const earlierUnder = async (e: unknown): Promise<StoredApplication> => {
    const earlier = key ? await findByIdempotencyKey(ctx.db, key) : undefined;
    if (earlier) return replay(earlier, requestHash);
    throw e;
  };
  // Malformed data is answered before anything else, so nothing malformed is ever stored.
  const parsed = businessDataSchemas[request.businessType].safeParse(request.data, {
    error: zhErrorMap,
  });
  if (!parsed.success) {
    return await earlierUnder(
      invalid(
        parsed.error.issues.map((i) => ({
          path: ['data', ...i.path].join('.'),
          message: i.message,
        })),
      ),
    );
  }
  try {
    return await retryingLostRaces(() =>
      // A handler's reads issued together leave together (db/pipelined.ts).
      inPipelinedTransaction(ctx.db, (tx) =>
        decide(ctx, registry, tx, actor, outlet, { ...request, data: parsed.data }, requestHash),
      ),
    );
  } catch (e) {
    // A repeat (or two identical requests that raced): answer with the application stored first.
    return await earlierUnder(e);
  }
}

function replay(earlier: StoredApplication, requestHash: string) {
  if (earlier.requestHash !== requestHash) {
    throw new AppError('IDEMPOTENCY_CONFLICT', '该幂等键已用于另一份不同内容的申请');
  }
  return earlier;
}

async function decide(
  ctx: AppContext,
  registry: BusinessRegistry,
  tx: Tx,
  actor: Actor,
  outlet: ActorOutlet,
  request: ApplicationRequest & { data: BusinessData<BusinessTypeCode> },
  requestHash: string,
): Promise<StoredApplication> {
  const now = ctx.clock.now();
  const today = beijingDate(now);
  const info = businessTypeInfo(request.businessType)!; // the route schema admits catalog codes only
  const jurisdiction = await jurisdictionOf(ctx.db, tx, outlet.cityCode);
  const applicant = { ...request.applicant, phone: request.applicant.phone ?? null };
  const agent = request.agent ?? null;
  const step = makeStep(ctx, tx, {
    applicationId: newId(),
    actor,
    outlet,
    jurisdiction,
    applicant,
    agent,
    now,
    today,
  });
  const base = {
    id: step.tools.applicationId,
    cityCode: outlet.cityCode,
    businessType: request.businessType,
    outletCode: outlet.code,
    outletName: outlet.name,
    countyCode: outlet.countyCode,
    channel: channelOf(outlet.category),
    actorUserId: actor.userId,
    actorName: actor.displayName,
    officeName: jurisdiction.officeName,
    applicant,
    agent,
    data: request.data,
    idempotencyKey: request.idempotencyKey ?? null,
    requestHash,
    submittedAt: now,
  } as const;

  const refuse = async (items: RefusalItem[], policy: PolicySnapshot) => {
    const stored: StoredApplication = {
      ...base,
      status: 'refused',
      stage: null,
      stageEnteredAt: null,
      stageDueOn: null,
      events: 0,
      result: null,
      refusal: await issueNotice(step, request.applicant.idNumber, items),
      policy,
      completedAt: now,
      slaDueOn: null,
    };
    await insertApplication(tx, stored);
    await audit(tx, actor, now, {
      action: 'application.refused',
      entityType: 'application',
      entityId: base.id,
      details: {
        applicationId: base.id,
        businessType: request.businessType,
        codes: items.map((i) => i.code),
      },
      event: 'application.refused',
    });
    return stored;
  };

  // 放: may this outlet take this business today?
  const delegation = await checkDelegation(ctx.db, tx, {
    outletCode: outlet.code,
    outletGuess: { category: outlet.category, cityCode: outlet.cityCode },
    businessType: request.businessType,
    today,
    agentPresent: agent !== null,
    localSupervisionRule: jurisdiction.localRules.supervision,
  });
  // An outlet that may not take the business does not examine it (DESIGN.md, step 2). Every
  // other bar — a representative the law does not allow, business to be done on site, an agent
  // under review — is a precondition like the business's own rules: listed with them, at once.
  if (delegation.some((i) => OUTLET_BARS.has(i.code))) return await refuse(delegation, {});
  const bars = [...delegation];

  // Supervision may require this person's business of this type on site (R164 §74(五)).
  if (base.channel === 'internet') {
    bars.push(
      ...(await onsiteRefusal(tx, {
        cityCode: outlet.cityCode,
        idNumber: applicant.idNumber,
        businessType: request.businessType,
        today,
      })),
    );
  }

  // An agent under review by an anti-fraud case does not act for others (R164 §86, R162 §105).
  if (agent) {
    bars.push(
      ...(await agentReviewRefusal(tx, {
        cityCode: outlet.cityCode,
        agent,
        businessType: request.businessType,
        today,
      })),
    );
  }

  const handler = registry.get(request.businessType);
  if (!handler) throw new AppError('NOT_IMPLEMENTED', `“${info.nameZh}”业务尚未开通`);

  const decided = await handler.submit(step, request.data, bars);
  if (decided.kind === 'refused') return await refuse(decided.items, decided.policy);

  const { outcome } = decided;
  const firstStage =
    outcome.status === 'accepted' ? lifecycleOf(request.businessType)?.stages[0] : undefined;
  if (outcome.status === 'accepted' && !firstStage) {
    throw new Error(`${request.businessType} accepted an application but has no lifecycle`);
  }
  const stored: StoredApplication = {
    ...base,
    status: outcome.status,
    stage: firstStage?.code ?? null,
    stageEnteredAt: firstStage ? now : null,
    stageDueOn: firstStage ? await dueFrom(ctx, step, firstStage.slaWorkingDays) : null,
    events: 0,
    result: outcome.result,
    refusal: null,
    policy: decided.policy,
    completedAt: outcome.status === 'completed' ? now : null,
    slaDueOn: await dueFrom(ctx, step, info.slaWorkingDays),
  };
  await insertApplication(tx, stored);
  await audit(tx, actor, now, {
    action: `application.${outcome.status}`,
    entityType: outcome.audit.entityType,
    entityId: outcome.audit.entityId,
    details: {
      applicationId: base.id,
      businessType: request.businessType,
      ...(firstStage ? { stage: firstStage.code } : {}),
      ...outcome.audit.details,
    },
    event: `${request.businessType}.${outcome.status}`,
  });
  return stored;
}
