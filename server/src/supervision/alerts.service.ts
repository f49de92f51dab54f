import type { Alert, AlertList, DispositionRequest } from '#shared/schemas/supervision.ts';
import { maskIdNumber } from '#shared/validators/index.ts';
import { audit } from '../audit/audit.service.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import { policyIn } from '../catalog/catalog.service.ts';
import { dueDate } from '../catalog/working-days.ts';
import {
  delegationChanged,
  suspendOutletIn,
  withdrawOutletGrantsIn,
} from '../delegation/delegation.service.ts';
import { decodeInstantCursor, encodeInstantCursor } from '../platform/cursor.ts';
import { seesFullIdentity, type Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, invalid, notFound } from '../platform/errors.ts';
import { beijingDate, beijingInstant } from '../platform/time.ts';
import {
  dispositionsOf,
  findAlert,
  insertDisposition,
  listAlerts,
  lockAlert,
  overdueAlerts,
  overlappingAlerts,
  setAlertStatus,
  type AlertRow,
  type DispositionRow,
} from './supervision.repository.ts';
import { ruleById } from './rules.ts';
import { requireAlertReadable, requireDisposer, supervisionScope } from './supervision.policy.ts';

function present(actor: Actor, a: AlertRow, dispositions: DispositionRow[]): Alert {
  // A person's identity number is masked for whoever does not need it in full.
  const subjectId =
    a.subject_kind === 'person' && !seesFullIdentity(actor)
      ? maskIdNumber(a.subject_id)
      : a.subject_id;
  return {
    id: a.id,
    rule: a.rule,
    severity: a.severity,
    subject: {
      kind: a.subject_kind,
      id: subjectId,
      ...(a.subject_name ? { name: a.subject_name } : {}),
    },
    level: a.level,
    countyCode: a.county_code,
    outletCode: a.outlet_code,
    period: { from: a.period_from, to: a.period_to },
    evidence: a.evidence,
    status: a.status,
    deadline: a.deadline,
    createdAt: beijingInstant(a.created_at),
    dispositions: dispositions
      .filter((d) => d.alert_id === a.id)
      .map((d) => ({
        action: d.action,
        note: d.note,
        deadline: d.deadline,
        effect: d.effect,
        by: d.by_user,
        byName: d.by_name,
        at: beijingInstant(d.at),
      })),
  };
}

/** The keyset of the page after a cursor (`platform/cursor.ts`: instant, then id). */
function createdAfter(cursor: string) {
  const { at, id } = decodeInstantCursor(cursor);
  return { createdAt: at, id };
}

/** `GET /alerts`: the reader's jurisdiction's alerts, newest first, by keyset. */
export async function listAlertsFor(
  db: DbOrTx,
  actor: Actor,
  q: {
    status?: AlertRow['status'];
    rule?: string;
    level?: AlertRow['level'];
    from?: string;
    to?: string;
    after?: string;
    limit: number;
  },
): Promise<AlertList> {
  const scope = supervisionScope(actor);
  const rows = await listAlerts(db, {
    ...scope,
    status: q.status,
    rule: q.rule,
    level: q.level,
    from: q.from,
    to: q.to,
    after: q.after ? createdAfter(q.after) : undefined,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const dispositions = await dispositionsOf(
    db,
    scope.cityCode,
    page.map((a) => a.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((a) => present(actor, a, dispositions)),
    nextCursor:
      rows.length > q.limit && last ? encodeInstantCursor(last.created_at, last.id) : null,
  };
}

/** One alert with its dispositions, for a reader whose scope covers it. */
export async function getAlert(db: DbOrTx, actor: Actor, id: string): Promise<Alert> {
  const alert = await findAlert(db, id);
  if (!alert) throw notFound('预警');
  requireAlertReadable(actor, alert);
  // The overlapping alerts are about the same subject, so in the reader's jurisdiction too.
  const related = await overlappingAlerts(db, alert);
  return {
    ...present(actor, alert, await dispositionsOf(db, alert.city_code, [alert.id])),
    related: related.map((r) => ({
      id: r.id,
      period: { from: r.period_from, to: r.period_to },
      status: r.status,
      createdAt: beijingInstant(r.created_at),
    })),
  };
}

const STATUS_AFTER: Record<DispositionRequest['action'], AlertRow['status']> = {
  dismiss: 'closed',
  interview: 'closed',
  rectify: 'assigned',
  suspend: 'closed',
  terminate: 'closed',
};

async function defaultRectifyDeadline(ctx: AppContext, tx: Tx, cityCode: string, today: string) {
  const key = 'supervision.rectify.working-days';
  const { values } = await policyIn(tx, [key], today, cityCode);
  return await dueDate(ctx.db, tx, today, values[key] ?? 15);
}

/**
 * `POST /alerts/{id}/disposition`: the supervisor's decision, audited and kept on the alert.
 * `suspend` and `terminate` act through delegation in the same transaction, with the same
 * effect and audit as the administrator's suspension and grant withdrawal.
 */
export async function disposeAlert(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: DispositionRequest,
): Promise<Alert> {
  const today = beijingDate(ctx.clock.now());
  if (input.action === 'rectify' && input.deadline !== undefined && input.deadline <= today) {
    throw invalid([{ path: 'deadline', message: '整改截止日期须在今天以后' }]);
  }
  const found = await findAlert(ctx.db, id);
  if (!found) throw notFound('预警');
  requireDisposer(actor, found, input.action);
  await ctx.db.transaction().execute(async (tx) => {
    const alert = await lockAlert(tx, found.city_code, id);
    if (!alert) throw notFound('预警');
    if (alert.status === 'closed') throw new AppError('CONFLICT', '该预警已办结');
    const now = ctx.clock.now();
    let effect: Record<string, unknown> = {};
    if (input.action === 'suspend' || input.action === 'terminate') {
      if (!alert.outlet_code)
        throw new AppError('CONFLICT', '该预警不涉及委托网点，不能暂停或终止委托');
      // The reason is what the outlet's clerks and applicants read: the rule by its name.
      const reason = `监管预警“${ruleById(alert.rule)?.nameZh ?? alert.rule}”：${input.note}`;
      effect =
        input.action === 'suspend'
          ? { suspended: (await suspendOutletIn(tx, actor, now, alert.outlet_code, reason)).code }
          : {
              outlet: alert.outlet_code,
              withdrawn: await withdrawOutletGrantsIn(tx, actor, now, alert.outlet_code),
            };
    }
    // Without a deadline the policy's working days from today set it (CONTRACT.md `deadline?`).
    const deadline =
      input.action === 'rectify'
        ? (input.deadline ?? (await defaultRectifyDeadline(ctx, tx, alert.city_code, today)))
        : null;
    await insertDisposition(tx, {
      cityCode: alert.city_code,
      alertId: id,
      action: input.action,
      note: input.note,
      deadline,
      effect,
      by: actor.username,
      byName: actor.displayName,
      at: now,
    });
    await setAlertStatus(tx, {
      cityCode: alert.city_code,
      id,
      status: STATUS_AFTER[input.action],
      deadline,
      at: now,
    });
    await audit(tx, actor, now, {
      action: `alert.${input.action}`,
      entityType: 'alert',
      entityId: id,
      details: { rule: alert.rule, note: input.note, deadline, effect },
      event: 'alert.disposed',
    });
  });
  // A suspension or a withdrawal takes effect with the outlet's next application.
  if (input.action === 'suspend' || input.action === 'terminate') delegationChanged(ctx.db);
  return await getAlert(ctx.db, actor, id);
}

/**
 * Re-opens the alerts of a city whose rectification deadline has passed while still assigned
 * (the daily job): the re-opening is kept on the alert and audited as the platform's own act.
 */
export async function reopenOverdue(ctx: AppContext, cityCode: string) {
  const today = beijingDate(ctx.clock.now());
  return await ctx.db.transaction().execute(async (tx) => {
    const due = await overdueAlerts(tx, cityCode, today);
    const now = ctx.clock.now();
    for (const a of due) {
      const note = `整改期限 ${a.deadline} 已过，预警重新打开`;
      await insertDisposition(tx, {
        cityCode,
        alertId: a.id,
        action: 'reopen',
        note,
        deadline: null,
        effect: {},
        by: 'system',
        byName: '系统',
        at: now,
      });
      await setAlertStatus(tx, { cityCode, id: a.id, status: 'open', deadline: null, at: now });
      await audit(tx, null, now, {
        cityCode,
        action: 'alert.reopened',
        entityType: 'alert',
        entityId: a.id,
        details: { deadline: a.deadline },
        event: 'alert.reopened',
      });
    }
    return due.length;
  });
}
