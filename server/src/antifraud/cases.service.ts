import type {
  Case,
  CaseCreate,
  CaseList,
  CasePatch,
  CaseStepRequest,
  MeasureKind,
} from '#shared/schemas/antifraud.ts';
import { maskIdNumber } from '#shared/validators/index.ts';
import { audit } from '../audit/audit.service.ts';
import type { Tx } from '../db/database.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { decodeInstantCursor, encodeInstantCursor, keysetPage } from '../platform/cursor.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { fraudScope, inFraudScope, seesFullIdentities } from './antifraud.policy.ts';
import { checkTransition, isActive } from './case-lifecycle.ts';
import {
  caseFindingIds,
  caseRows,
  findCase,
  insertCase,
  insertStep,
  stepRows,
  updateCase,
  type CaseRow,
} from './cases.repository.ts';
import { findingsByIds, presentFinding } from './findings.service.ts';
import { endHoldsOfCase } from '../violations/holds.service.ts';
import { beijingInstant } from '../platform/time.ts';
import { newId } from '../platform/ids.ts';

/** A case inside the actor's scope, or 404 (another city's, or another county's for a brigade). */
export async function caseInScope(
  db: AppContext['db'] | Tx,
  actor: Actor,
  id: string,
  lock = false,
) {
  const scope = fraudScope(actor);
  const row = await findCase(db, scope.cityCode, id, lock);
  if (!row || !inFraudScope(actor, row.county_code)) throw notFound('案件');
  return row;
}

/** Records one step of a case and audits it, in the caller's transaction. */
export async function recordStep(
  tx: Tx,
  actor: Actor,
  now: Date,
  c: { cityCode: string; id: string },
  step: { kind: string; note: string; details: Record<string, unknown> },
) {
  const id = newId();
  await insertStep(tx, {
    city_code: c.cityCode,
    id,
    case_id: c.id,
    kind: step.kind,
    note: step.note,
    details: JSON.stringify(step.details),
    by_user: actor.username,
    at: now,
  });
  await audit(tx, actor, now, {
    cityCode: c.cityCode,
    action: `antifraud.case.${step.kind}`,
    entityType: 'fraud-case',
    entityId: c.id,
    details: { stepId: id, note: step.note, ...step.details },
    event: 'antifraud.case',
  });
}

/** `POST /cases`: a case opened from findings of the reader's scope not yet in another case. */
export async function createCase(ctx: AppContext, actor: Actor, body: CaseCreate): Promise<Case> {
  const scope = fraudScope(actor);
  const found = await findingsByIds(ctx.db, scope, body.findingIds);
  if (found.length !== body.findingIds.length) throw notFound('线索');
  const taken = found.filter((f) => f.case_id);
  if (taken.length) {
    throw new AppError('CONFLICT', `线索已在案件 ${taken[0]!.case_id} 中`);
  }
  const id = newId();
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await insertCase(
      tx,
      {
        city_code: scope.cityCode,
        id,
        title: body.title.trim(),
        status: 'open',
        outcome: null,
        county_code: found[0]!.county_code,
        created_by: actor.username,
        created_at: now,
        updated_at: now,
      },
      body.findingIds,
    );
    await recordStep(
      tx,
      actor,
      now,
      { cityCode: scope.cityCode, id },
      {
        kind: 'status',
        note: `立案：${body.title.trim()}`,
        details: { status: 'open', findingIds: body.findingIds },
      },
    );
  });
  return await getCase(ctx, actor, id);
}

/** `PATCH /cases/{id}`: a move of the lifecycle, with its outcome when one is given. */
export async function patchCase(ctx: AppContext, actor: Actor, id: string, body: CasePatch) {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await caseInScope(tx, actor, id, true);
    const check = checkTransition(row.status, body.status);
    if (!check.ok) throw new AppError('CONFLICT', check.message);
    const now = ctx.clock.now();
    const outcome = body.outcome?.trim() || row.outcome;
    await updateCase(tx, { cityCode: row.city_code, id, status: body.status, outcome, at: now });
    await recordStep(
      tx,
      actor,
      now,
      { cityCode: row.city_code, id },
      {
        kind: 'status',
        note: body.outcome?.trim() ?? '',
        details: { from: row.status, status: body.status },
      },
    );
    if (body.status !== 'closed') return;
    // A hold (暂停) serves the investigation: it ends with the case, on the case's record.
    const reason = '案件结案，暂停代为处理措施随之解除';
    for (const ended of await endHoldsOfCase(tx, actor, now, {
      cityCode: row.city_code,
      caseId: id,
      reason,
    })) {
      await recordStep(
        tx,
        actor,
        now,
        { cityCode: row.city_code, id },
        { kind: 'measure-lift', note: reason, details: { kind: 'substitute-hold', ...ended } },
      );
    }
  });
  return await getCase(ctx, actor, id);
}

/** `POST /cases/{id}/steps`: an investigation step of an active case. */
export async function addStep(ctx: AppContext, actor: Actor, id: string, body: CaseStepRequest) {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await caseInScope(tx, actor, id, true);
    if (!isActive(row.status)) throw new AppError('CONFLICT', '案件已结案，不能再记录调查步骤');
    await recordStep(
      tx,
      actor,
      ctx.clock.now(),
      { cityCode: row.city_code, id },
      {
        kind: body.kind,
        note: body.note.trim(),
        details: {},
      },
    );
  });
  return await getCase(ctx, actor, id);
}

const summary = (r: CaseRow, findingIds: string[]) => ({
  id: r.id,
  title: r.title,
  status: r.status,
  outcome: r.outcome,
  countyCode: r.county_code,
  findingIds,
  createdBy: r.created_by,
  createdAt: beijingInstant(r.created_at),
  updatedAt: beijingInstant(r.updated_at),
});

/** `GET /cases`: the reader's jurisdiction's cases, newest first, by keyset. */
export async function listCases(
  ctx: AppContext,
  actor: Actor,
  q: { after?: string; limit: number },
): Promise<CaseList> {
  const scope = fraudScope(actor);
  const rows = await caseRows(ctx.db, {
    ...scope,
    after: q.after ? decodeInstantCursor(q.after) : undefined,
    limit: q.limit + 1,
  });
  const { page, nextCursor } = keysetPage(rows, q.limit, (c) =>
    encodeInstantCursor(c.created_at, c.id),
  );
  const ids = await caseFindingIds(
    ctx.db,
    scope.cityCode,
    page.map((r) => r.id),
  );
  return { items: page.map((r) => summary(r, ids.get(r.id) ?? [])), nextCursor };
}

/** `GET /cases/{id}`: the case file, with its findings, steps and measures. */
export async function getCase(ctx: AppContext, actor: Actor, id: string): Promise<Case> {
  const row = await caseInScope(ctx.db, actor, id);
  const findingIds = (await caseFindingIds(ctx.db, row.city_code, [id])).get(id) ?? [];
  const full = seesFullIdentities(actor);
  // A case of the detachment may join findings of several counties: a brigade reading it sees
  // its own county's (another county's finding does not exist for it, as in GET /findings/{id}).
  const findings = await findingsByIds(ctx.db, fraudScope(actor), findingIds);
  const steps = await stepRows(ctx.db, row.city_code, id);
  const lifts = new Map(
    steps
      .filter((s) => s.kind === 'measure-lift')
      .map((s) => [(s.details as { applicationId: string }).applicationId, beijingInstant(s.at)]),
  );
  const measures = steps
    .filter((s) => s.kind === 'measure')
    .map((s) => {
      const d = s.details as {
        kind: MeasureKind;
        idNumber: string;
        applicationId: string;
        status: string;
        until?: string;
      };
      const liftedAt = lifts.get(d.applicationId);
      return {
        kind: d.kind,
        idNumber: full ? d.idNumber : maskIdNumber(d.idNumber),
        applicationId: d.applicationId,
        status: d.status,
        at: beijingInstant(s.at),
        ...(d.until ? { until: d.until } : {}),
        ...(liftedAt ? { liftedAt } : {}),
      };
    });
  return {
    ...summary(row, findingIds),
    findings: findings.map((f) => presentFinding(f, full)),
    steps: steps.map((s) => ({
      id: s.id,
      kind: s.kind,
      note: s.note,
      by: s.by_user,
      at: beijingInstant(s.at),
      // A measure's person is in its details: shown in full only to who may act on it.
      details: Object.fromEntries(
        Object.entries(s.details as Record<string, unknown>).filter(
          ([k]) => full || k !== 'idNumber',
        ),
      ),
    })),
    measures,
  };
}
