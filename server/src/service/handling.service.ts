import type { SlaBreach } from '#shared/schemas/service.ts';
import { completionDurationsIn, slaBreachPage } from '../applications/applications.service.ts';
import { audit } from '../audit/audit.service.ts';
import { jurisdictionOf, outletSummary } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { addDays, beijingDate, beijingInstant } from '../platform/time.ts';
import { decodeDueCursor, encodeDueCursor } from './due-cursor.ts';
import { breachOf, escalationLevel, summariseDurations } from './handling-times.ts';
import { narrowToOutlet, requireEscalator, serviceScope } from './service.policy.ts';
import { escalationsOf, insertEscalation, type EscalationRow } from './sla.repository.ts';

/** How far back the escalation looks for due days: a breach is escalated within this window. */
const ESCALATION_LOOKBACK_DAYS = 92;
const PAGE = 500;

/** The reader's scope, narrowed to one outlet when the query names one. */
async function scopeOf(ctx: AppContext, actor: Actor, outletCode?: string) {
  if (!outletCode) return serviceScope(actor);
  const outlet = await outletSummary(ctx.db, ctx.db, outletCode);
  if (!outlet) throw notFound('网点');
  return narrowToOutlet(actor, { ...outlet, outletCode: outlet.code });
}

const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

/**
 * `GET /service/handling-times`: per outlet and business type, the applications completed in
 * [from, to] (Beijing days) with the median and 90th percentile from acceptance to completion.
 */
export async function handlingTimes(
  ctx: AppContext,
  actor: Actor,
  q: { from: string; to: string; outletCode?: string; businessType?: string },
) {
  const scope = await scopeOf(ctx, actor, q.outletCode);
  const rows = await completionDurationsIn(ctx.db, {
    ...scope,
    businessType: q.businessType,
    from: dayStart(q.from),
    to: dayStart(addDays(q.to, 1)),
  });
  return {
    from: q.from,
    to: q.to,
    items: rows.map((r) => ({
      outletCode: r.outletCode,
      businessType: r.businessType,
      ...summariseDurations(r.seconds),
      completedLate: r.late,
    })),
  };
}

const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

type BreachApp = Awaited<ReturnType<typeof slaBreachPage>>[number];

function presentBreach(b: BreachApp, today: string, esc: EscalationRow | undefined): SlaBreach {
  const completedOn = b.completedAt ? beijingDate(b.completedAt) : null;
  const kind = breachOf({ status: b.status, slaDueOn: b.slaDueOn, completedOn }, today)!;
  return {
    applicationId: b.applicationId,
    outletCode: b.outletCode,
    countyCode: b.countyCode,
    businessType: b.businessType,
    kind,
    slaDueOn: b.slaDueOn,
    submittedAt: beijingInstant(b.submittedAt),
    completedAt: b.completedAt ? beijingInstant(b.completedAt) : null,
    daysLate: daysBetween(b.slaDueOn, completedOn ?? today),
    escalation: esc
      ? { level: esc.level, countyCode: esc.county_code, at: beijingInstant(esc.escalated_at) }
      : null,
  };
}

/**
 * `GET /service/sla-breaches`: the applications due in [from, to] that breached their SLA as of
 * today, soonest due first (keyset pages), each with its escalation if it was escalated.
 */
export async function slaBreaches(
  ctx: AppContext,
  actor: Actor,
  q: {
    from: string;
    to: string;
    outletCode?: string;
    businessType?: string;
    kind?: 'open-overdue' | 'completed-late';
    after?: string;
    limit: number;
  },
) {
  const scope = await scopeOf(ctx, actor, q.outletCode);
  const today = beijingDate(ctx.clock.now());
  const rows = await slaBreachPage(ctx.db, {
    ...scope,
    businessType: q.businessType,
    fromDue: q.from,
    toDue: q.to,
    today,
    kind: q.kind,
    after: q.after ? decodeDueCursor(q.after) : undefined,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const escalated = new Map(
    (
      await escalationsOf(
        ctx.db,
        scope.cityCode,
        page.map((b) => b.applicationId),
      )
    ).map((e) => [e.application_id, e]),
  );
  const last = page.at(-1);
  return {
    items: page.map((b) => presentBreach(b, today, escalated.get(b.applicationId))),
    nextCursor:
      rows.length > q.limit && last ? encodeDueCursor(last.slaDueOn, last.applicationId) : null,
  };
}

/**
 * Escalates every breach due in the last quarter of a scope to the outlet's supervisor, once:
 * the daily job (actor null, a whole city) and supervisors or administrators on demand (their
 * scope). Each new escalation is audited; running again escalates nothing twice.
 */
export async function escalateSlaBreaches(
  ctx: AppContext,
  actor: Actor | null,
  scope: { cityCode: string; countyCode?: string; outletCode?: string },
  trigger: 'job' | 'request',
) {
  const now = ctx.clock.now();
  const today = beijingDate(now);
  const seat = (await jurisdictionOf(ctx.db, ctx.db, scope.cityCode)).seatCountyCode;
  let after: { dueOn: string; id: string } | undefined;
  let examined = 0;
  let escalated = 0;
  for (;;) {
    const page = await slaBreachPage(ctx.db, {
      ...scope,
      fromDue: addDays(today, -ESCALATION_LOOKBACK_DAYS),
      toDue: addDays(today, -1),
      today,
      after,
      limit: PAGE,
    });
    if (!page.length) break;
    examined += page.length;
    escalated += await ctx.db.transaction().execute(async (tx) => {
      let n = 0;
      for (const b of page) {
        const completedOn = b.completedAt ? beijingDate(b.completedAt) : null;
        const kind = breachOf({ status: b.status, slaDueOn: b.slaDueOn, completedOn }, today)!;
        const level = escalationLevel(b.countyCode, seat);
        const isNew = await insertEscalation(tx, {
          city_code: b.cityCode,
          application_id: b.applicationId,
          outlet_code: b.outletCode,
          county_code: b.countyCode,
          business_type: b.businessType,
          kind,
          sla_due_on: b.slaDueOn,
          level,
          escalated_at: now,
          trigger,
        });
        if (!isNew) continue;
        n += 1;
        await audit(tx, actor, now, {
          action: 'sla.escalated',
          entityType: 'application',
          entityId: b.applicationId,
          details: { outletCode: b.outletCode, kind, slaDueOn: b.slaDueOn, level, trigger },
          cityCode: b.cityCode,
          event: 'sla.escalated',
        });
      }
      return n;
    });
    if (page.length < PAGE) break;
    const last = page.at(-1)!;
    after = { dueOn: last.slaDueOn, id: last.applicationId };
  }
  return { examined, escalated };
}

/** `POST /service/sla-escalations`: a supervisor or administrator escalates their scope now. */
export async function escalateOnDemand(ctx: AppContext, actor: Actor) {
  return await escalateSlaBreaches(ctx, actor, requireEscalator(actor), 'request');
}
