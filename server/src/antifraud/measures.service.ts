import type { Case, MeasureLift, MeasureRequest } from '#shared/schemas/antifraud.ts';
import { liftAgentReviewFlag } from '../applications/agent-flags.service.ts';
import { submitApplication } from '../applications/pipeline.ts';
import type { BusinessRegistry } from '../applications/registry.ts';
import { outletDirectory } from '../network/network.service.ts';
import type { Actor, ActorOutlet } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, unprocessable } from '../platform/errors.ts';
import { requireMeasureTaker } from './antifraud.policy.ts';
import { isActive } from './case-lifecycle.ts';
import { caseInScope, getCase, recordStep } from './cases.service.ts';
import { findingsByIds } from './findings.service.ts';
import { caseFindingIds } from './cases.repository.ts';
import { liftSubstituteHold } from '../violations/holds.service.ts';

/** The business type that carries each measure through the pipeline. */
const MEASURE_BUSINESS = {
  'substitute-hold': 'violation.substitute-hold',
  'agent-review-flag': 'agent.review-flag',
} as const;

/** The city office, where the detachment's measures are taken in. */
async function cityOffice(ctx: AppContext, cityCode: string): Promise<ActorOutlet> {
  const offices = [...(await outletDirectory(ctx.db, cityCode)).values()]
    .filter((o) => o.category === 'city-office' && o.status === 'active')
    .sort((a, b) => a.code.localeCompare(b.code));
  const office = offices[0];
  if (!office) throw new AppError('UNAVAILABLE', '本市没有可受理措施的车管所');
  return {
    code: office.code,
    name: office.name,
    category: office.category,
    countyCode: office.countyCode,
    cityCode,
  };
}

/**
 * `POST /cases/{id}/measures`: a measure against a member of the case's findings, submitted as
 * an application of its business type (DESIGN.md: a measure against a person acts through the
 * pipeline), then recorded as a step of the case. The answer is the application; a refusal
 * (e.g. the person is already held) is the pipeline's 422 with its items.
 */
export async function takeMeasure(
  ctx: AppContext,
  registry: BusinessRegistry,
  actor: Actor,
  caseId: string,
  body: MeasureRequest,
): Promise<Awaited<ReturnType<typeof submitApplication>>> {
  requireMeasureTaker(actor);
  const row = await caseInScope(ctx.db, actor, caseId);
  if (!isActive(row.status)) throw new AppError('CONFLICT', '案件已结案，不能再采取措施');
  const ids = (await caseFindingIds(ctx.db, row.city_code, [caseId])).get(caseId) ?? [];
  const findings = await findingsByIds(ctx.db, { cityCode: row.city_code }, ids);
  if (!findings.some((f) => f.people.includes(body.idNumber))) {
    throw unprocessable('措施对象须为本案线索中的人员');
  }
  const office = await cityOffice(ctx, row.city_code);
  const stored = await submitApplication(
    ctx,
    registry,
    { ...actor, outlet: office },
    {
      businessType: MEASURE_BUSINESS[body.kind],
      applicant: {
        idNumber: body.idNumber,
        name: body.name,
        ...(body.phone ? { phone: body.phone } : {}),
      },
      data: {
        caseId,
        reason: body.note?.trim() || `案件 ${row.title} 的措施`,
        ...(body.kind === 'agent-review-flag' ? { until: body.until } : {}),
      },
    },
  );
  await ctx.db.transaction().execute(async (tx) => {
    await recordStep(
      tx,
      actor,
      ctx.clock.now(),
      { cityCode: row.city_code, id: caseId },
      {
        kind: 'measure',
        note: body.note?.trim() ?? '',
        details: {
          kind: body.kind,
          idNumber: body.idNumber,
          applicationId: stored.id,
          status: stored.status,
          ...(body.kind === 'agent-review-flag' ? { until: body.until } : {}),
        },
      },
    );
  });
  return stored;
}

/**
 * `POST /cases/{id}/measures/{applicationId}/lift`: the detachment ends a standing measure of this
 * case — a hold on substitute handling, or a review flag before its last day; the measure's own
 * record and audit, and the case's step, in one transaction.
 */
export async function liftMeasure(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  applicationId: string,
  body: MeasureLift,
): Promise<Case> {
  requireMeasureTaker(actor);
  await ctx.db.transaction().execute(async (tx) => {
    const row = await caseInScope(tx, actor, caseId, true);
    if (!isActive(row.status)) throw new AppError('CONFLICT', '案件已结案，不能再解除措施');
    const now = ctx.clock.now();
    const note = body.note.trim();
    const f = { cityCode: row.city_code, caseId, applicationId, reason: note };
    const hold = await liftSubstituteHold(tx, actor, now, f);
    const lifted = hold
      ? { kind: 'substitute-hold' as const, idNumber: hold.idNumber }
      : {
          kind: 'agent-review-flag' as const,
          idNumber: (await liftAgentReviewFlag(tx, actor, now, f)).idNumber,
        };
    await recordStep(
      tx,
      actor,
      now,
      { cityCode: row.city_code, id: caseId },
      { kind: 'measure-lift', note, details: { ...lifted, applicationId } },
    );
  });
  return await getCase(ctx, actor, caseId);
}
