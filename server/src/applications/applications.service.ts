import crypto from 'node:crypto';
import { businessTypeInfo, POLICE_CATEGORIES } from '#shared/catalog.ts';
import type { ApplicationRequest, RefusalItem } from '#shared/schemas/applications.ts';
import { cityOf, type Actor } from '../auth/actor.ts';
import { audit } from '../audit/audit.service.ts';
import { policyValuesOn } from '../catalog/catalog.repository.ts';
import { dueDate } from '../catalog/working-days.ts';
import type { Tx } from '../db/database.ts';
import { checkDelegation } from '../delegation/delegation.service.ts';
import { issueDocument } from '../documents/documents.service.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, invalid, notFound } from '../platform/errors.ts';
import { canonicalJson, sha256 } from '../platform/signing.ts';
import { beijingDate } from '../platform/time.ts';
import {
  findApplication,
  findByIdempotencyKey,
  insertApplication,
  listApplications,
  lockSubject,
  type ApplicationFilter,
  type StoredApplication,
} from './applications.repository.ts';
import { listScope, requireReader, requireSubmitter } from './applications.policy.ts';
import { evaluateRules, type Decision } from './handler.ts';
import { HANDLERS } from '../app/registry.ts';

const channelOf = (category: string) =>
  category === 'internet'
    ? 'internet'
    : POLICE_CATEGORIES.includes(category as never)
      ? 'window'
      : 'social';

const isUniqueViolation = (e: unknown, constraint: string) =>
  (e as { code?: string; constraint?: string }).code === '23505' &&
  (e as { constraint?: string }).constraint === constraint;

/**
 * The one pipeline every business flows through (DESIGN.md): actor and channel → delegation →
 * validation → all preconditions → either one refusal notice or the effects, each outcome in
 * one transaction with its audit record and outbox event.
 */
export async function submitApplication(
  ctx: AppContext,
  actor: Actor,
  request: ApplicationRequest,
): Promise<StoredApplication> {
  const outlet = requireSubmitter(actor);
  const { idempotencyKey, ...body } = request;
  const requestHash = sha256(canonicalJson(body));
  if (idempotencyKey) {
    const earlier = await findByIdempotencyKey(ctx.db, actor.userId, idempotencyKey);
    if (earlier) return replay(earlier, requestHash);
  }
  try {
    return await ctx.db
      .transaction()
      .execute((tx) => decide(ctx, tx, actor, outlet, request, requestHash));
  } catch (e) {
    // Two identical requests raced: the loser's transaction rolled back; answer with the winner.
    if (idempotencyKey && isUniqueViolation(e, 'applications_idempotency')) {
      const winner = await findByIdempotencyKey(ctx.db, actor.userId, idempotencyKey);
      if (winner) return replay(winner, requestHash);
    }
    throw e;
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
  tx: Tx,
  actor: Actor,
  outlet: NonNullable<Actor['outlet']>,
  request: ApplicationRequest,
  requestHash: string,
): Promise<StoredApplication> {
  const now = ctx.clock.now();
  const today = beijingDate(now);
  const info = businessTypeInfo(request.businessType)!; // the route schema admits catalog codes only
  const base = {
    id: crypto.randomUUID(),
    businessType: request.businessType,
    outletCode: outlet.code,
    outletName: outlet.name,
    countyCode: outlet.countyCode,
    channel: channelOf(outlet.category),
    actorUserId: actor.userId,
    applicant: {
      idNumber: request.applicant.idNumber,
      name: request.applicant.name,
      phone: request.applicant.phone ?? null,
    },
    agent: request.agent ?? null,
    data: request.data,
    idempotencyKey: request.idempotencyKey ?? null,
    requestHash,
    submittedAt: now,
  } as const;

  const refuse = async (items: RefusalItem[], policy: unknown): Promise<StoredApplication> => {
    const notice = await issueDocument(tx, ctx.signer, {
      kind: 'notice',
      subject: request.applicant.idNumber,
      applicationId: base.id,
      cityCode: cityOf(outlet.countyCode),
      at: now,
    });
    const refusal = { noticeNumber: notice.number, verifyToken: notice.verifyToken, items };
    const stored = {
      ...base,
      status: 'refused' as const,
      result: null,
      refusal,
      policy,
      completedAt: now,
      slaDueOn: null,
    };
    await insertApplication(tx, stored);
    await audit(tx, actor, now, {
      action: 'application.refused',
      entityType: 'application',
      entityId: base.id,
      details: { businessType: request.businessType, codes: items.map((i) => i.code) },
      event: 'application.refused',
    });
    return stored;
  };

  // 放: may this outlet take this business today?
  const delegation = await checkDelegation(tx, {
    outletCode: outlet.code,
    businessType: request.businessType,
    today,
    agentPresent: request.agent !== undefined,
  });
  if (delegation.length) return await refuse(delegation, {});

  const handler = HANDLERS[request.businessType];
  if (!handler) throw new AppError('NOT_IMPLEMENTED', `“${info.nameZh}”业务尚未开通`);

  const parsed = handler.schema.safeParse(request.data);
  if (!parsed.success) {
    throw invalid(
      parsed.error.issues.map((i) => ({ path: ['data', ...i.path].join('.'), message: i.message })),
    );
  }

  const policyRows = await policyValuesOn(tx, handler.policyKeys, today);
  const policy = Object.fromEntries(policyRows.map((r) => [r.key, r.value]));
  const decision: Decision<unknown> = {
    data: parsed.data,
    applicant: request.applicant,
    agent: request.agent ?? null,
    actor,
    outlet: {
      code: outlet.code,
      countyCode: outlet.countyCode,
      cityCode: cityOf(outlet.countyCode),
    },
    today,
    now,
    policy,
  };
  // The policy each decision was taken under, with its effective dates, for later explanation.
  const policySnapshot = Object.fromEntries(
    policyRows.map((r) => [r.key, { value: r.value, effectiveFrom: r.effective_from }]),
  );

  await lockSubject(tx, handler.lockKey(parsed.data));
  const facts = await handler.load(tx, decision);
  const failures = evaluateRules(handler.rules, facts);
  if (failures.length) return await refuse(failures, policySnapshot);

  const outcome = await handler.apply(tx, decision, facts, {
    applicationId: base.id,
    issue: (kind, subject, number) =>
      issueDocument(tx, ctx.signer, {
        kind,
        subject,
        number,
        applicationId: base.id,
        cityCode: decision.outlet.cityCode,
        at: now,
      }),
  });
  const stored: StoredApplication = {
    ...base,
    data: parsed.data, // normalised (plate without the dot, VIN upper-case)
    status: outcome.status,
    result: outcome.result,
    refusal: null,
    policy: policySnapshot,
    completedAt: outcome.status === 'completed' ? now : null,
    slaDueOn: await dueDate(ctx.db, today, info.slaWorkingDays), // reference data, cached per database
  };
  await insertApplication(tx, stored);
  await audit(tx, actor, now, {
    action: `application.${outcome.status}`,
    entityType: outcome.audit.entityType,
    entityId: outcome.audit.entityId,
    details: {
      applicationId: base.id,
      businessType: request.businessType,
      ...outcome.audit.details,
    },
    event: `${request.businessType}.${outcome.status}`,
  });
  return stored;
}

export async function getApplication(ctx: AppContext, actor: Actor, id: string) {
  const app = await findApplication(ctx.db, id);
  if (!app) throw notFound('业务申请');
  requireReader(actor, app);
  return app;
}

export async function listApplicationsFor(
  ctx: AppContext,
  actor: Actor,
  filter: Omit<ApplicationFilter, 'outletCode' | 'countyCode'>,
) {
  return await listApplications(ctx.db, { ...filter, ...listScope(actor) });
}
