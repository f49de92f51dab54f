import {
  CLOSED_STATUSES,
  lifecycleOf,
  ONSITE_EVENT,
  stageOf,
  targetState,
  WITHDRAW_EVENT,
  type EventDefinition,
} from '#shared/lifecycles.ts';
import { audit } from '../audit/audit.service.ts';
import { policyIn } from '../catalog/catalog.service.ts';
import { POLICY_KEYS, type PolicyKey } from '../catalog/policy-keys.ts';
import type { Tx } from '../db/database.ts';
import { inPipelinedTransaction } from '../db/pipelined.ts';
import { cityCodes, jurisdictionOf, outletSummary } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, invalid, notFound } from '../platform/errors.ts';
import { addMonths } from '#shared/dates.ts';
import { addDays, beijingDate, beijingMidnight } from '../platform/time.ts';
import {
  countEvent,
  enteredStageBefore,
  findApplication,
  insertEvent,
  lockApplication,
  updateState,
  type Refusal,
  type StoredApplication,
} from './applications.repository.ts';
import { requireStepTaker } from './applications.policy.ts';
import type { ErasedEventOutcome, RegisteredHandler, StepOutlet, StepResult } from './handler.ts';
import type { BusinessRegistry } from './registry.ts';
import { retryingLostRaces } from './races.ts';
import { dueFrom, issueNotice, makeStep } from './step.ts';

/**
 * Moving accepted applications through their lifecycles (shared/src/lifecycles.ts). An event is
 * a step like the submission: its rules may refuse it with a 1331 notice (the application stays
 * where it was), or its effects run with documents, the audit record, the outbox event and the
 * next stage's SLA clock, all in one transaction.
 */
export interface EventAnswer {
  application: StoredApplication;
  event: { code: string; outcome: 'applied' | 'refused'; refusal: Refusal | null };
}

const conflict = (message: string) => new AppError('CONFLICT', message);

function eventDefinition(type: string, code: string): EventDefinition | undefined {
  return lifecycleOf(type)?.events.find((e) => e.code === code);
}

/** A clerk fires an event (or withdraws) on an application it may move on. */
export async function fireEvent(
  ctx: AppContext,
  registry: BusinessRegistry,
  actor: Actor,
  id: string,
  input: { event: string; data?: unknown },
): Promise<EventAnswer> {
  const found = await findApplication(ctx.db, id);
  if (!found) throw notFound('业务申请');
  const outlet = requireStepTaker(actor, found);
  const handler = registry.get(found.businessType);
  const withdrawal = input.event === WITHDRAW_EVENT;
  const definition = eventDefinition(found.businessType, input.event);
  if (!handler || (!withdrawal && !definition)) {
    throw invalid([{ path: 'event', message: '该业务没有这一环节' }]);
  }
  if (definition && definition.by.kind !== 'clerk') {
    throw invalid([{ path: 'event', message: '该环节由系统自动处理' }]);
  }
  const event = handler.events.get(input.event);
  const checked = event ? event.dataSchema.safeParse(input.data ?? {}) : null;
  if (checked && !checked.success) {
    throw invalid(
      checked.error.issues.map((i) => ({
        path: ['data', ...i.path].join('.'),
        message: i.message,
      })),
    );
  }
  return await retryingLostRaces(() =>
    // A handler's reads issued together leave together (db/pipelined.ts).
    inPipelinedTransaction(ctx.db, async (tx) => {
      const app = await lockApplication(tx, found.cityCode, found.id);
      if (!app) throw notFound('业务申请');
      return await applyEvent(ctx, tx, handler, app, {
        code: input.event,
        data: checked?.data ?? {},
        actor,
        outlet,
      });
    }),
  );
}

/** The state an application may take an event in; throws 409 otherwise. */
function requireOpenStage(app: StoredApplication, code: string): string {
  if (CLOSED_STATUSES.includes(app.status) || app.stage === null) {
    throw conflict('该业务已办结，不能再办理后续环节');
  }
  const stage = app.stage;
  // Turning to on-site handling leaves the online flow where a withdrawal could (onsite.service).
  if (code === WITHDRAW_EVENT || code === ONSITE_EVENT) {
    if (!stageOf(app.businessType, stage)?.withdrawable) {
      throw conflict('该业务已进入不可撤回的环节');
    }
    return stage;
  }
  if (!eventDefinition(app.businessType, code)?.from.includes(stage)) {
    throw conflict('该业务当前环节不能办理这一事项');
  }
  return stage;
}

/** Applies one event (or a withdrawal) to a locked application, in the caller's transaction. */
export async function applyEvent(
  ctx: AppContext,
  tx: Tx,
  handler: RegisteredHandler,
  app: StoredApplication,
  e: { code: string; data: unknown; actor: Actor | null; outlet: StepOutlet },
): Promise<EventAnswer> {
  const fromStage = requireOpenStage(app, e.code);
  const now = ctx.clock.now();
  const step = makeStep(ctx, tx, {
    applicationId: app.id,
    actor: e.actor,
    outlet: e.outlet,
    jurisdiction: await jurisdictionOf(ctx.db, tx, app.cityCode),
    applicant: app.applicant,
    agent: app.agent,
    now,
    today: beijingDate(now),
  });
  const erased = { ...app, stage: fromStage, result: app.result ?? {} };
  const event = handler.events.get(e.code);
  const decided: StepResult<ErasedEventOutcome> = event
    ? await event.fire(step, erased, e.data)
    : { kind: 'done', outcome: await handler.withdraw(step, erased), policy: {} };
  const seq = app.events + 1;
  const record = {
    city_code: app.cityCode,
    application_id: app.id,
    seq,
    event: e.code,
    from_status: app.status,
    from_stage: fromStage,
    actor_user_id: e.actor?.userId ?? null,
    actor_name: e.actor?.displayName ?? '系统',
    outlet_code: e.outlet.code,
    at: now,
    data: e.data,
  };
  const auditBase = { cityCode: app.cityCode };

  if (decided.kind === 'refused') {
    const refusal = await issueNotice(step, app.applicant.idNumber, decided.items);
    await insertEvent(tx, {
      ...record,
      outcome: 'refused',
      to_status: app.status,
      to_stage: fromStage,
      result: null,
      refusal,
    });
    await countEvent(tx, app.cityCode, app.id, seq);
    await audit(tx, e.actor, now, {
      ...auditBase,
      action: 'application.event-refused',
      entityType: 'application',
      entityId: app.id,
      details: {
        applicationId: app.id,
        event: e.code,
        stage: fromStage,
        codes: decided.items.map((i) => i.code),
      },
      event: 'application.event-refused',
    });
    return {
      application: { ...app, events: seq },
      event: { code: e.code, outcome: 'refused', refusal },
    };
  }

  const { outcome } = decided;
  const allowed = eventDefinition(app.businessType, e.code)?.to ?? ['withdrawn'];
  if (!allowed.some((t) => JSON.stringify(t) === JSON.stringify(outcome.to))) {
    throw new Error(`${app.businessType}/${e.code} led to a target its lifecycle does not allow`);
  }
  const next = targetState(outcome.to);
  const nextStage = next.stage ? stageOf(app.businessType, next.stage) : undefined;
  const updated: StoredApplication = {
    ...app,
    status: next.status,
    stage: next.stage,
    stageEnteredAt: next.stage ? now : null,
    stageDueOn: nextStage ? await dueFrom(ctx, step, nextStage.slaWorkingDays) : null,
    result: outcome.result,
    completedAt: next.status === 'accepted' ? null : now,
    events: seq,
  };
  await updateState(tx, updated);
  await insertEvent(tx, {
    ...record,
    outcome: 'applied',
    to_status: next.status,
    to_stage: next.stage,
    result: outcome.result,
    refusal: null,
  });
  await audit(tx, e.actor, now, {
    ...auditBase,
    action: `application.${e.code}`,
    entityType: outcome.audit.entityType,
    entityId: outcome.audit.entityId,
    details: {
      applicationId: app.id,
      businessType: app.businessType,
      from: fromStage,
      to: next.stage ?? next.status,
      ...outcome.audit.details,
    },
    event: `${app.businessType}.${e.code}`,
  });
  return { application: updated, event: { code: e.code, outcome: 'applied', refusal: null } };
}

/**
 * The platform fires an event because another registry recorded the fact the stage waits for
 * (an exam site's result): in the caller's transaction, by whoever recorded it, at their outlet.
 * Only `platform` events of the application's lifecycle, and only from a stage that allows them.
 */
export async function firePlatformEvent(
  ctx: AppContext,
  tx: Tx,
  handler: RegisteredHandler,
  ref: { cityCode: string; id: string },
  e: { code: string; data: unknown; actor: Actor | null; outlet: StepOutlet },
): Promise<EventAnswer> {
  const app = await lockApplication(tx, ref.cityCode, ref.id);
  if (!app || app.businessType !== handler.type) throw notFound('业务申请');
  if (eventDefinition(app.businessType, e.code)?.by.kind !== 'platform') {
    throw new Error(`${app.businessType}/${e.code} is not an event the platform fires`);
  }
  return await applyEvent(ctx, tx, handler, app, e);
}

/**
 * The deadline job: every application that has stayed in a stage longer than its lifecycle's
 * deadline (days as a policy value) gets the deadline event, each in its own transaction, by the
 * platform itself, and each type's own sweep closes what it closes. Bounded batches; returns how
 * many moved.
 */
export async function runDeadlines(
  ctx: AppContext,
  registry: BusinessRegistry,
  batch = 200,
): Promise<number> {
  let moved = 0;
  const now = ctx.clock.now();
  for (const handler of registry.handlers) {
    if (handler.sweep) moved += await handler.sweep(ctx, (type) => registry.get(type));
    for (const definition of handler.lifecycle?.events ?? []) {
      const by = definition.by;
      if (by.kind !== 'deadline') continue;
      const key = 'afterDaysPolicy' in by ? by.afterDaysPolicy : by.afterMonthsPolicy;
      if (!Object.hasOwn(POLICY_KEYS, key)) throw new Error(`unknown policy key ${key}`);
      for (const cityCode of await cityCodes(ctx.db)) {
        const today = beijingDate(now);
        const { values } = await policyIn(ctx.db, [key as PolicyKey], today, cityCode);
        const n = values[key as PolicyKey];
        if (typeof n !== 'number') continue;
        const before =
          'afterDaysPolicy' in by
            ? new Date(now.getTime() - n * 86_400_000)
            : beijingMidnight(addDays(lastDayMonthsRunOut(today, n), 1));
        moved += await expireBatches(ctx, handler, definition, { cityCode, before, batch });
      }
    }
  }
  return moved;
}

/**
 * The last day on which a stay of `months` calendar months could begin and have run out by
 * `today` (it runs to the day before the same day `months` later, as a learner permit does). At
 * a month's end every later day of the month back has run out too (02-29 + 12 months = 02-28).
 */
export function lastDayMonthsRunOut(today: string, months: number): string {
  const tomorrow = addDays(today, 1);
  return tomorrow.endsWith('-01')
    ? addDays(addMonths(tomorrow, -months), -1)
    : addMonths(today, -months);
}

/** Fires one deadline event on every application of a city that waited too long, in batches. */
async function expireBatches(
  ctx: AppContext,
  handler: RegisteredHandler,
  definition: EventDefinition,
  f: { cityCode: string; before: Date; batch: number },
): Promise<number> {
  let moved = 0;
  for (;;) {
    const due = await enteredStageBefore(ctx.db, {
      cityCode: f.cityCode,
      businessType: handler.type,
      stages: definition.from,
      before: f.before,
      limit: f.batch,
    });
    let movedNow = 0;
    for (const { id } of due) {
      movedNow += await ctx.db.transaction().execute(async (tx) => {
        const app = await lockApplication(tx, f.cityCode, id);
        if (!app || app.status !== 'accepted' || !definition.from.includes(app.stage ?? '')) {
          return 0;
        }
        const outlet = await outletSummary(ctx.db, tx, app.outletCode);
        if (!outlet) return 0;
        const answer = await applyEvent(ctx, tx, handler, app, {
          code: definition.code,
          data: {},
          actor: null,
          outlet,
        });
        return answer.event.outcome === 'applied' ? 1 : 0;
      });
    }
    moved += movedNow;
    // A refused deadline event leaves its application where it was: do not loop on it.
    if (due.length < f.batch || movedNow === 0) return moved;
  }
}
