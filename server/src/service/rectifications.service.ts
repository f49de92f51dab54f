import type { Rectification } from '#shared/schemas/service.ts';
import { audit } from '../audit/audit.service.ts';
import { policyIn } from '../catalog/catalog.service.ts';
import { dueDate } from '../catalog/working-days.ts';
import type { Tx } from '../db/database.ts';
import { jurisdictionOf } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { beijingDate, beijingInstant } from '../platform/time.ts';
import { decodeDueCursor, encodeDueCursor } from './due-cursor.ts';
import { escalationLevel } from './handling-times.ts';
import { requireRectifier, requireServiceReader, serviceScope } from './service.policy.ts';
import {
  insertRectification,
  listRectifications,
  lockOverdueRectifications,
  lockRectification,
  markEscalated,
  recordRectification,
  type RectificationRow,
} from './rectifications.repository.ts';
import { newId } from '../platform/ids.ts';

/** Used where a city has configured no deadline: the national 15 working days (国办发〔2019〕51号). */
const DEFAULT_WORKING_DAYS = 15;

/**
 * Opens the rectification a bad rating calls for, in the rating's transaction: due the working
 * day `rectification.working-days` after the rating.
 */
export async function openRectification(
  ctx: AppContext,
  tx: Tx,
  r: {
    cityCode: string;
    applicationId: string;
    outletCode: string;
    countyCode: string;
    score: number;
    complaint: string | null;
    at: Date;
  },
) {
  const today = beijingDate(r.at);
  const { values } = await policyIn(tx, ['rectification.working-days'], today, r.cityCode);
  const days = values['rectification.working-days'] ?? DEFAULT_WORKING_DAYS;
  const id = newId();
  const dueOn = await dueDate(ctx.db, tx, today, days);
  await insertRectification(tx, {
    city_code: r.cityCode,
    id,
    application_id: r.applicationId,
    outlet_code: r.outletCode,
    county_code: r.countyCode,
    score: r.score,
    complaint: r.complaint,
    due_on: dueOn,
    created_at: r.at,
  });
  return { id, dueOn };
}

const present = (r: RectificationRow): Rectification => ({
  id: r.id,
  applicationId: r.application_id,
  outletCode: r.outlet_code,
  countyCode: r.county_code,
  score: r.score,
  complaint: r.complaint,
  dueOn: r.due_on,
  status: r.status,
  escalation:
    r.level && r.escalated_at ? { level: r.level, at: beijingInstant(r.escalated_at) } : null,
  done: r.action && r.done_at ? { action: r.action, at: beijingInstant(r.done_at) } : null,
});

/** `GET /rectifications`: those in the reader's scope (as call-backs), soonest due first. */
export async function rectificationsFor(
  ctx: AppContext,
  actor: Actor,
  q: { status?: RectificationRow['status']; after?: string; limit: number },
) {
  const rows = await listRectifications(ctx.db, {
    ...serviceScope(actor),
    status: q.status,
    after: q.after ? decodeDueCursor(q.after) : undefined,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(present),
    nextCursor: rows.length > q.limit && last ? encodeDueCursor(last.due_on, last.id) : null,
  };
}

/**
 * `POST /rectifications/{id}`: the outlet records what it did. An escalated one may still be
 * resolved (late); its escalation stays on the record.
 */
export async function recordRectificationOf(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { action: string },
) {
  requireServiceReader(actor);
  const now = ctx.clock.now();
  return await ctx.db.transaction().execute(async (tx) => {
    const r = await lockRectification(tx, actor.cityCode, id);
    if (!r) throw notFound('整改');
    requireRectifier(actor, {
      cityCode: r.city_code,
      countyCode: r.county_code,
      outletCode: r.outlet_code,
    });
    if (r.status === 'done') throw new AppError('CONFLICT', '该整改已登记');
    await recordRectification(tx, {
      cityCode: r.city_code,
      id,
      action: input.action,
      by: actor.userId,
      at: now,
    });
    await audit(tx, actor, now, {
      action: 'rectification.recorded',
      entityType: 'rectification',
      entityId: id,
      details: { applicationId: r.application_id, late: r.status === 'escalated' },
    });
    return present({
      ...r,
      status: 'done',
      action: input.action,
      done_by: actor.userId,
      done_at: now,
    });
  });
}

/**
 * The daily escalation (job `rectification-escalation`): every open rectification of a city past
 * its last day goes to the outlet's supervisor (brigade or detachment, as SLA breaches), once.
 */
export async function escalateOverdueRectifications(ctx: AppContext, cityCode: string) {
  const now = ctx.clock.now();
  const today = beijingDate(now);
  const seat = (await jurisdictionOf(ctx.db, ctx.db, cityCode)).seatCountyCode;
  return await ctx.db.transaction().execute(async (tx) => {
    const overdue = await lockOverdueRectifications(tx, cityCode, today);
    for (const r of overdue) {
      const level = escalationLevel(r.county_code, seat);
      await markEscalated(tx, { cityCode, id: r.id, level, at: now });
      await audit(tx, null, now, {
        action: 'rectification.escalated',
        entityType: 'rectification',
        entityId: r.id,
        details: {
          applicationId: r.application_id,
          outletCode: r.outlet_code,
          dueOn: r.due_on,
          level,
        },
        cityCode,
        event: 'rectification.escalated',
      });
    }
    return { escalated: overdue.length };
  });
}
