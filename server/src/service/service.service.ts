import crypto from 'node:crypto';
import type { OpeningHours } from '#shared/schemas/network.ts';
import {
  applicationById,
  applicationsCompletedBetween,
} from '../applications/applications.service.ts';
import { audit } from '../audit/audit.service.ts';
import { staffOfOutlet } from '../auth/users.service.ts';
import { policyIn } from '../catalog/catalog.service.ts';
import { dueDate } from '../catalog/working-days.ts';
import type { Tx } from '../db/database.ts';
import { outletHoursOf, outletSummary, setOutletHours } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, notFound, unprocessable } from '../platform/errors.ts';
import { decodeInstantCursor, encodeInstantCursor, keysetPage } from '../platform/cursor.ts';
import { sha256 } from '../platform/signing.ts';
import { addDays, beijingDate, beijingInstant, datesBetween } from '../platform/time.ts';
import { openRectification } from './rectifications.service.ts';
import { rankRoster } from './rosters.ts';
import { sampleSize } from './sampling.ts';
import {
  serviceScope,
  raterOf,
  requireCallbackRecorder,
  requireHoursAdmin,
  requireRosterDrawer,
  requireSameCity,
  requireServiceReader,
} from './service.policy.ts';
import {
  callbacksOfApplications,
  claimSampleDay,
  closeCallback,
  drawOfCity,
  insertCallback,
  insertDraw,
  insertRating,
  listCallbacks,
  lockCallback,
  lockOutletDraws,
  overlappingDraw,
  sampledDaysBetween,
  setSampleDayOpened,
  type CallbackRecord,
} from './service.repository.ts';
import { newId } from '../platform/ids.ts';

/** A bad rating (好差评 "差评") is a score of 2 or less. */
const BAD_SCORE = 2;

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

/**
 * Whether a bad rating also calls for a rectification of the outlet (整改). Not for a refusal
 * the internet outlet gave: no one served the applicant there, and the refusal is the rules'
 * (its 1331 notice names the article and where to go instead), so the outlet has nothing to
 * rectify. The call-back still hears the applicant's dispute of it.
 */
export const rectificationCalledFor = (app: { status: string; channel: string }) =>
  !(app.status === 'refused' && app.channel === 'internet');

/** A call-back falls due at the end of the working day `workingDays` after `at`. */
async function callbackDue(ctx: AppContext, tx: Tx, at: Date, workingDays: number) {
  const day = await dueDate(ctx.db, tx, beijingDate(at), workingDays);
  return new Date(`${day}T23:59:59+08:00`);
}

/**
 * `POST /applications/{id}/rating`: one rating per finished application, by its applicant online
 * or at the window's rating device; a bad one opens a call-back due in one working day and,
 * unless the internet outlet refused it (rectificationCalledFor), a rectification of the outlet
 * (rectifications.service.ts).
 */
export async function rateApplication(
  ctx: AppContext,
  actor: Actor,
  applicationId: string,
  input: { score: number; comment?: string },
) {
  const app = await applicationById(ctx.db, applicationId);
  if (!app) throw notFound('业务申请');
  requireSameCity(actor, app, '业务申请');
  const source = raterOf(actor, app);
  if (app.status === 'accepted') throw new AppError('CONFLICT', '业务尚未办结，办结后再评价');
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      await insertRating(tx, {
        cityCode: app.cityCode,
        applicationId: app.id,
        outletCode: app.outletCode,
        score: input.score,
        comment: input.comment ?? null,
        source,
        ratedBy: actor.userId,
        at: now,
      });
      let callbackId: string | null = null;
      let rectification: { id: string; dueOn: string } | null = null;
      if (input.score <= BAD_SCORE) {
        callbackId = newId();
        await insertCallback(tx, {
          cityCode: app.cityCode,
          id: callbackId,
          applicationId: app.id,
          outletCode: app.outletCode,
          countyCode: app.countyCode,
          reason: 'rating',
          dueAt: await callbackDue(ctx, tx, now, 1),
          at: now,
        });
        if (rectificationCalledFor(app)) {
          rectification = await openRectification(ctx, tx, {
            cityCode: app.cityCode,
            applicationId: app.id,
            outletCode: app.outletCode,
            countyCode: app.countyCode,
            score: input.score,
            complaint: input.comment ?? null,
            at: now,
          });
        }
      }
      await audit(tx, actor, now, {
        action: 'application.rated',
        entityType: 'application',
        entityId: app.id,
        details: { score: input.score, source, callbackId, rectification },
        event: 'application.rated',
      });
      return {
        applicationId: app.id,
        score: input.score,
        comment: input.comment ?? null,
        source,
        createdAt: beijingInstant(now),
        callbackId,
        rectificationId: rectification?.id ?? null,
      };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', '该业务已评价过');
    throw e;
  }
}

const presentCallback = (c: CallbackRecord) => ({
  id: c.id,
  applicationId: c.applicationId,
  outletCode: c.outletCode,
  reason: c.reason,
  dueAt: beijingInstant(c.dueAt),
  status: c.status,
  ...(c.status === 'done' && c.doneAt
    ? {
        outcome: {
          reached: c.reached ?? false,
          satisfied: c.satisfied,
          note: c.note ?? '',
          at: beijingInstant(c.doneAt),
        },
      }
    : {}),
});

/** `GET /callbacks?status=`: the call-backs in the reader's scope, soonest due first, by keyset. */
export async function callbacksFor(
  ctx: AppContext,
  actor: Actor,
  q: { status?: 'open' | 'done'; after?: string; limit: number },
) {
  const scope = serviceScope(actor);
  const rows = await listCallbacks(ctx.db, {
    ...scope,
    status: q.status,
    after: q.after ? decodeInstantCursor(q.after) : undefined,
    limit: q.limit + 1,
  });
  const { page, nextCursor } = keysetPage(rows, q.limit, (c) => encodeInstantCursor(c.dueAt, c.id));
  return { items: page.map(presentCallback), nextCursor };
}

/** `POST /callbacks/{id}`: records whether the person was reached and satisfied. */
export async function recordCallback(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { reached: boolean; satisfied?: boolean; note: string },
) {
  requireServiceReader(actor);
  const now = ctx.clock.now();
  return await ctx.db.transaction().execute(async (tx) => {
    const cb = await lockCallback(tx, actor.cityCode, id);
    if (!cb) throw notFound('回访');
    requireCallbackRecorder(actor, cb);
    if (cb.status === 'done') throw new AppError('CONFLICT', '该回访已记录结果');
    const satisfied = input.reached ? (input.satisfied ?? null) : null;
    await closeCallback(tx, {
      cityCode: cb.cityCode,
      id: cb.id,
      reached: input.reached,
      satisfied,
      note: input.note,
      by: actor.userId,
      at: now,
    });
    await audit(tx, actor, now, {
      action: 'callback.recorded',
      entityType: 'callback',
      entityId: cb.id,
      details: { applicationId: cb.applicationId, reached: input.reached, satisfied },
    });
    return presentCallback({
      ...cb,
      status: 'done',
      reached: input.reached,
      satisfied,
      note: input.note,
      doneAt: now,
    });
  });
}

/**
 * The daily call-back sample (job `callback-sampling`) of every `day` of a city not sampled yet,
 * oldest first: the job passes the last days, so the nights the server was down are caught up.
 */
export async function sampleMissedDays(ctx: AppContext, cityCode: string, days: string[]) {
  if (!days.length) return { days: [], opened: 0 };
  const done = new Set(await sampledDaysBetween(ctx.db, cityCode, days[0]!, days.at(-1)!));
  const sampled: string[] = [];
  let opened = 0;
  for (const day of [...days].sort()) {
    if (done.has(day)) continue;
    const r = await sampleCallbacks(ctx, cityCode, day);
    if (r.sampled) sampled.push(day);
    opened += r.opened;
  }
  return { days: sampled, opened };
}

/**
 * The call-back sample of a city's `day`: of each outlet's applications completed on it (Beijing),
 * `sampleSize` of them at the city's `callback.sample-rate` (sampling.ts), the first by the hash
 * of day and id. The day is marked in the same transaction, so it is sampled once: a second call
 * (or one running at the same time) opens nothing. Applications with a call-back already (a bad
 * rating) are not sampled again; an outlet with a sampled call-back on the day already (drawn
 * before days were marked) is left as it was.
 */
export async function sampleCallbacks(ctx: AppContext, cityCode: string, day: string) {
  const now = ctx.clock.now();
  const { values } = await policyIn(ctx.db, ['callback.sample-rate'], day, cityCode);
  const rate = values['callback.sample-rate'] ?? 0;
  return await ctx.db.transaction().execute(async (tx) => {
    if (!(await claimSampleDay(tx, cityCode, day, now))) return { day, sampled: false, opened: 0 };
    if (rate <= 0) return { day, sampled: true, opened: 0 };
    const done = await applicationsCompletedBetween(
      tx,
      cityCode,
      new Date(`${day}T00:00:00+08:00`),
      new Date(`${addDays(day, 1)}T00:00:00+08:00`),
    );
    const byOutlet = new Map<string, typeof done>();
    for (const a of done) byOutlet.set(a.outletCode, [...(byOutlet.get(a.outletCode) ?? []), a]);
    let opened = 0;
    const dueAt = await callbackDue(ctx, tx, now, 1);
    for (const [outletCode, apps] of byOutlet) {
      const existing = await callbacksOfApplications(
        tx,
        cityCode,
        apps.map((a) => a.id),
      );
      if (existing.some((c) => c.reason === 'sample')) continue;
      const taken = new Set(existing.map((c) => c.application_id));
      const count = sampleSize(apps.length, rate, `${day}|${cityCode}|${outletCode}`);
      const chosen = apps
        .filter((a) => !taken.has(a.id))
        .map((a) => ({ ...a, order: sha256(`${day}|${a.id}`) }))
        .sort((a, b) => (a.order < b.order ? -1 : 1))
        .slice(0, count);
      for (const a of chosen) {
        const id = newId();
        const opening = {
          cityCode,
          id,
          applicationId: a.id,
          outletCode,
          countyCode: a.countyCode,
          reason: 'sample' as const,
          dueAt,
          at: now,
        };
        if (!(await insertCallback(tx, opening))) continue;
        opened += 1;
        await audit(tx, null, now, {
          action: 'callback.sampled',
          entityType: 'callback',
          entityId: id,
          details: { applicationId: a.id, outletCode, day, rate, outletCompleted: apps.length },
          cityCode,
        });
      }
    }
    await setSampleDayOpened(tx, cityCode, day, opened);
    return { day, sampled: true, opened };
  });
}

/** `GET /outlets/{code}/hours`: an outlet's weekly hours, for anyone of its city. */
export async function hoursOf(ctx: AppContext, actor: Actor, code: string) {
  const outlet = await outletHoursOf(ctx.db, code);
  if (!outlet) throw notFound('网点');
  requireSameCity(actor, outlet, '网点');
  return { outletCode: outlet.code, ...outlet.hours };
}

/** `PUT /outlets/{code}/hours` (administrators): weekly, weekend and extended hours. */
export async function setHoursOf(ctx: AppContext, actor: Actor, code: string, hours: OpeningHours) {
  requireHoursAdmin(actor);
  const outlet = await outletHoursOf(ctx.db, code);
  if (!outlet) throw notFound('网点');
  requireSameCity(actor, outlet, '网点');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await setOutletHours(tx, code, hours);
    await audit(tx, actor, now, {
      action: 'outlet.hours-set',
      entityType: 'outlet',
      entityId: code,
      details: { before: outlet.hours, after: hours },
    });
  });
  return { outletCode: code, ...hours };
}

/**
 * `POST /rosters/draws`: the outlet's clerks (the frame, weight 1 each) drawn to its windows for
 * every date of the period with a fresh published seed (rosters.ts). One draw per outlet and
 * period: a period overlapping an earlier draw is refused (409).
 */
export async function drawRoster(
  ctx: AppContext,
  actor: Actor,
  input: { outletCode: string; from: string; to: string },
) {
  const outlet = await outletSummary(ctx.db, ctx.db, input.outletCode);
  if (!outlet) throw notFound('网点');
  requireSameCity(actor, outlet, '网点');
  requireRosterDrawer(actor, { ...outlet, outletCode: outlet.code });
  const staff = await staffOfOutlet(ctx.db, outlet.code);
  if (!staff.length) throw unprocessable('该网点没有在岗窗口人员，无法抽签');
  const seed = crypto.randomBytes(32).toString('hex');
  const frame = staff.map((code) => ({ code, weight: 1 }));
  const assignments = rankRoster(seed, datesBetween(input.from, input.to), staff);
  const draw = {
    cityCode: outlet.cityCode,
    id: newId(),
    outletCode: outlet.code,
    from: input.from,
    to: input.to,
    seed,
    frame,
    assignments,
  };
  const now = ctx.clock.now();
  try {
    await ctx.db.transaction().execute(async (tx) => {
      await lockOutletDraws(tx, outlet.cityCode, outlet.code);
      if (await overlappingDraw(tx, outlet.cityCode, outlet.code, input.from, input.to)) {
        throw new AppError('CONFLICT', '该网点在此期间已抽签');
      }
      await insertDraw(tx, { ...draw, by: actor.userId, at: now });
      await audit(tx, actor, now, {
        action: 'roster.drawn',
        entityType: 'roster-draw',
        entityId: draw.id,
        details: { outletCode: outlet.code, from: input.from, to: input.to, seed, frame },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', '该网点在此期间已抽签');
    throw e;
  }
  const { cityCode: _city, ...shown } = draw;
  return shown;
}

/**
 * `GET /rosters/draws/{id}`: a draw as its `POST` answered it, for those who may draw it: the
 * city's administrators and supervisors, a county's only for its county's outlets (403 otherwise,
 * as for other records addressed by a random UUID); another city's draw does not exist.
 */
export async function rosterDrawById(ctx: AppContext, actor: Actor, id: string) {
  const draw = await drawOfCity(ctx.db, actor.cityCode, id);
  if (!draw) throw notFound('轮岗抽签');
  const outlet = await outletSummary(ctx.db, ctx.db, draw.outletCode);
  if (!outlet) throw notFound('网点');
  requireRosterDrawer(actor, { ...outlet, outletCode: outlet.code });
  const { cityCode: _city, ...shown } = draw;
  return shown;
}
