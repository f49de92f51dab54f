import type { z } from 'zod';
import type { examSessionRequestSchema } from '#shared/schemas/exams.ts';
import type { RegisteredHandler } from '../applications/handler.ts';
import { firePlatformEvent } from '../applications/lifecycle.service.ts';
import { audit } from '../audit/audit.service.ts';
import { outletSummary } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, invalid, notFound } from '../platform/errors.ts';
import { addDays, beijingDate } from '../platform/time.ts';
import {
  allocationOf,
  closeSessionRow,
  findSession,
  insertSession,
  listSessions,
  lockSession,
  rankableBookings,
  type Session,
} from './bookings.repository.ts';
import { rankBookings } from './exam-ranking.ts';
import { idFor } from './licences.presenter.ts';
import { requireExamAdministrator } from './licences.policy.ts';
import { newId } from '../platform/ids.ts';

const latest = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

const present = (s: Session, allocated: number) => ({
  id: s.id,
  examSiteCode: s.examSiteCode,
  subject: s.subject,
  date: s.examDate,
  capacity: s.capacity,
  status: s.status,
  allocated,
});

/** An exam site's session of a subject on a day (from tomorrow on), by an office or admin. */
export async function createSession(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof examSessionRequestSchema>,
) {
  requireExamAdministrator(actor);
  const now = ctx.clock.now();
  const site = await outletSummary(ctx.db, ctx.db, input.examSiteCode);
  if (!site || site.cityCode !== actor.cityCode || site.category !== 'exam-site') {
    throw invalid([{ path: 'examSiteCode', message: '不是本辖区的考试场' }]);
  }
  if (input.date <= beijingDate(now)) {
    throw invalid([{ path: 'date', message: '考试日期应晚于今天' }]);
  }
  return await ctx.db.transaction().execute(async (tx) => {
    const session: Session = {
      cityCode: actor.cityCode,
      id: newId(),
      examSiteCode: input.examSiteCode,
      subject: input.subject,
      examDate: input.date,
      capacity: input.capacity,
      status: 'open',
    };
    const id = await insertSession(tx, { ...session, createdBy: actor.userId, createdAt: now });
    if (!id) throw new AppError('CONFLICT', '该考试场当日已有该科目的考试场次');
    await audit(tx, actor, now, {
      action: 'exam-session.created',
      entityType: 'exam-session',
      entityId: id,
      details: { ...input },
    });
    return present(session, 0);
  });
}

export async function listSessionsFor(
  ctx: AppContext,
  actor: Actor,
  q: { from?: string; examSiteCode?: string; limit: number },
) {
  requireExamAdministrator(actor);
  const from = q.from ?? addDays(beijingDate(ctx.clock.now()), -30);
  const rows = await listSessions(ctx.db, { cityCode: actor.cityCode, ...q, from });
  return { items: rows.map((r) => present(r, r.allocated)) };
}

async function rankingOf(ctx: AppContext, actor: Actor, session: Session, waiting: number) {
  const ranking = await allocationOf(ctx.db, session.cityCode, session.id);
  return {
    session: present(session, ranking.length),
    ranking: ranking.map((r) => ({
      rank: r.rank ?? 0,
      applicationId: r.application_id,
      idNumber: idFor(r.id_number, actor),
      status: r.status,
    })),
    waiting,
  };
}

export async function sessionRanking(ctx: AppContext, actor: Actor, id: string) {
  requireExamAdministrator(actor);
  const session = await findSession(ctx.db, actor.cityCode, id);
  if (!session) throw notFound('考试场次');
  return await rankingOf(ctx, actor, session, 0);
}

/**
 * Closes a session and allocates its places (R162 §39; the national ranking,
 * licences/exam-ranking.ts): the waiting bookings that fit it are ranked and the first
 * `capacity` get a place, each through its booking's lifecycle; the others wait for the next.
 */
export async function closeSession(
  ctx: AppContext,
  actor: Actor,
  id: string,
  examBook: RegisteredHandler,
) {
  requireExamAdministrator(actor);
  const now = ctx.clock.now();
  const { session, waiting } = await ctx.db.transaction().execute(async (tx) => {
    const s = await lockSession(tx, actor.cityCode, id);
    if (!s) throw notFound('考试场次');
    if (s.status !== 'open') throw new AppError('CONFLICT', '该考试场次已关闭并完成分配');
    const ranked = rankBookings(
      (await rankableBookings(tx, s)).map((b) => ({
        applicationId: b.application_id,
        acceptedAt: b.accepted_at,
        bookedAt: b.booked_at,
        lastExamAt: b.last_exam_at,
        penaltyAt: latest(b.cancelled_at, b.absent_at),
      })),
    );
    const placed = ranked.slice(0, s.capacity);
    const site = await outletSummary(ctx.db, tx, s.examSiteCode);
    if (!site) throw notFound('考试场');
    for (const [i, b] of placed.entries()) {
      await firePlatformEvent(
        ctx,
        tx,
        examBook,
        { cityCode: s.cityCode, id: b.applicationId },
        {
          code: 'allocated',
          data: {
            sessionId: s.id,
            examSiteCode: s.examSiteCode,
            examDate: s.examDate,
            rank: i + 1,
          },
          actor,
          outlet: actor.outlet ?? site,
        },
      );
    }
    await closeSessionRow(tx, s.cityCode, s.id, now);
    await audit(tx, actor, now, {
      action: 'exam-session.closed',
      entityType: 'exam-session',
      entityId: s.id,
      details: { allocated: placed.length, waiting: ranked.length - placed.length },
      event: 'exam-session.closed',
    });
    return { session: { ...s, status: 'closed' as const }, waiting: ranked.length - placed.length };
  });
  return await rankingOf(ctx, actor, session, waiting);
}
