import type {
  AlertEvidence,
  Review,
  ReviewDrawResponse,
  ReviewList,
  VerdictRequest,
} from '#shared/schemas/supervision.ts';
import { maskIdNumber } from '#shared/validators/id-number.ts';
import { audit } from '../audit/audit.service.ts';
import { policyIn } from '../catalog/catalog.service.ts';
import type { DbOrTx } from '../db/database.ts';
import { outletDirectory } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, forbidden, invalid, notFound } from '../platform/errors.ts';
import { addDays, beijingInstant } from '../platform/time.ts';
import type { SupervisionPorts } from './exam-port.ts';
import { examsOf } from './oversight.service.ts';
import { sampleForReview } from './review-draw.ts';
import {
  addReviewToAlert,
  alertIdFor,
  claimReviewDay,
  countReviewsOfDay,
  drawnReviewDaysBetween,
  flaggedExamUnits,
  insertReviews,
  listReviews,
  lockReview,
  setVerdict,
  type ReviewRow,
} from './reviews.repository.ts';
import { insertAlertOnce, insertRun } from './supervision.repository.ts';
import { requireReviewer, requireRunner, supervisionScope } from './supervision.policy.ts';
import { newId } from '../platform/ids.ts';

/** The rule an irregular review raises, and the exam rules whose open alerts flag a unit. */
export const REVIEW_RULE = 'exam-review';
export const EXAM_ALERT_RULES = [
  'exam-pass-rate',
  'exam-face-mismatch',
  'exam-duration',
  REVIEW_RULE,
];
const REVIEW_BASIS = '机动车驾驶人考试工作规范；机动车驾驶证申领和使用规定 第五十五条';

function present(r: ReviewRow): Review {
  return {
    id: r.id,
    date: r.review_date,
    examId: r.exam_id,
    examSiteCode: r.exam_site_code,
    countyCode: r.county_code,
    examinerId: r.examiner_id,
    subject: r.subject,
    candidate: maskIdNumber(r.id_number),
    recordingRef: r.recording_ref,
    passed: r.passed,
    faceMatch: r.face_match,
    examStartedAt: beijingInstant(r.exam_started_at),
    reason: r.reason,
    drawValue: r.draw_value,
    status: r.status,
    verdict: r.verdict,
    note: r.note,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at ? beijingInstant(r.reviewed_at) : null,
    alertId: r.alert_id,
  };
}

/**
 * When the nightly job draws a day's recordings (`exam-review-draw`, 02:30 Beijing the next day,
 * after the supervision run): a draw of the day sees the alerts as they stood then, so a day
 * drawn later (a night the server was down, or the detachment re-drawing it) draws the same.
 */
export const REVIEW_DRAW_TIME = '02:30';
const onTimeOf = (day: string) => new Date(`${addDays(day, 1)}T${REVIEW_DRAW_TIME}:00+08:00`);
const drawnAsOf = (day: string, now: Date) => {
  const onTime = onTimeOf(day);
  return now < onTime ? now : onTime;
};
/**
 * Whether a day's draw is final: its on-time moment has passed, so that a draw now sees all of
 * its exams and the alerts as they stood then, and draws what any later draw of it would.
 */
const drawIsFinal = (day: string, now: Date) => onTimeOf(day) <= now;

/**
 * Draws a day's exam recordings for review (`review-draw.ts`) into the queue: the detachment on
 * demand. Drawing a day again adds nothing. A day whose draw is final (`drawIsFinal`) is marked
 * drawn as the job marks it, so that the job does not draw (and audit) it again; a day drawn
 * before then (today, or yesterday before the job's hour) is left for the job, which adds what
 * came after.
 */
export async function drawReviews(
  ctx: AppContext,
  actor: Actor | null,
  input: { cityCode: string; date: string },
  ports: SupervisionPorts,
): Promise<ReviewDrawResponse> {
  if (actor) requireRunner(actor);
  const mark = drawIsFinal(input.date, ctx.clock.now()) ? 'mark' : 'none';
  return (await drawDay(ctx, actor, input, ports, { claim: mark })).result;
}

/**
 * The nightly job: each of `days` (yesterday and the recent days before it) the job has not
 * drawn yet, oldest first, each marked drawn with its picks so that no day is drawn twice.
 */
export async function drawMissedReviewDays(
  ctx: AppContext,
  cityCode: string,
  days: string[],
  ports: SupervisionPorts,
) {
  // A day is drawn once its draw is final: the jobs' start (which catches up) at 01:00 leaves
  // yesterday to the 02:30 draw, after the 02:00 run whose alerts raise the rate.
  const sorted = days.filter((d) => drawIsFinal(d, ctx.clock.now())).sort();
  if (!sorted.length) return [];
  const done = new Set(await drawnReviewDaysBetween(ctx.db, cityCode, sorted[0]!, sorted.at(-1)!));
  const drawn: ReviewDrawResponse[] = [];
  for (const date of sorted) {
    if (done.has(date)) continue;
    const r = await drawDay(ctx, null, { cityCode, date }, ports, { claim: 'once' });
    if (r.claimed) drawn.push(r.result);
  }
  return drawn;
}

/**
 * One day's draw from that day's own data: its exams, the rates in force on it and the units
 * flagged when the job draws it on time. With `claim` 'once' (the job) the day is marked drawn
 * in the same transaction as its picks, and nothing is added when it was marked already; with
 * 'mark' (a final day drawn on demand) it is marked drawn unless it was, and drawn either way.
 */
async function drawDay(
  ctx: AppContext,
  actor: Actor | null,
  input: { cityCode: string; date: string },
  ports: SupervisionPorts,
  opts: { claim: 'once' | 'mark' | 'none' },
) {
  const { cityCode, date } = input;
  const policy = await policyIn(
    ctx.db,
    ['supervision.review.rate', 'supervision.review.flagged-rate'],
    date,
    cityCode,
  );
  const exams = await examsOf(ctx.db, ports, cityCode, { from: date, to: date });
  const units = await flaggedExamUnits(ctx.db, cityCode, EXAM_ALERT_RULES, {
    day: date,
    at: drawnAsOf(date, ctx.clock.now()),
  });
  const flagged = {
    examiners: new Set(units.filter((u) => u.subject_kind === 'examiner').map((u) => u.subject_id)),
    sites: new Set(units.filter((u) => u.subject_kind === 'exam-site').map((u) => u.subject_id)),
  };
  const seed = ctx.signer.sign('exam-review-seed', `${cityCode}|${date}`);
  const picks = sampleForReview(
    exams,
    seed,
    {
      base: policy.values['supervision.review.rate'] ?? 0,
      flagged: policy.values['supervision.review.flagged-rate'] ?? 0,
    },
    flagged,
  );
  const outlets = await outletDirectory(ctx.db, cityCode);
  const { claimed, added } = await ctx.db.transaction().execute(async (tx) => {
    const now = ctx.clock.now();
    const marked =
      opts.claim !== 'none' && (await claimReviewDay(tx, cityCode, date, picks.length, now));
    if (opts.claim === 'once' && !marked) return { claimed: false, added: 0 };
    const n = await insertReviews(
      tx,
      picks.map((p) => ({
        city_code: cityCode,
        id: newId(),
        review_date: date,
        exam_id: p.exam.id,
        exam_site_code: p.exam.examSiteCode,
        county_code: outlets.get(p.exam.examSiteCode)?.countyCode ?? '',
        examiner_id: p.exam.examinerId,
        subject: p.exam.subject,
        id_number: p.exam.idNumber,
        recording_ref: p.exam.recordingRef,
        passed: p.exam.passed,
        face_match: p.exam.faceMatch,
        exam_started_at: p.exam.startedAt,
        reason: p.reason,
        draw_value: p.u,
        status: 'pending' as const,
        verdict: null,
        note: null,
        reviewed_by: null,
        reviewed_at: null,
        alert_id: null,
        created_at: now,
      })),
    );
    // The mark of a day is a change too, even when the day had nothing to draw.
    if (n > 0 || marked) {
      await audit(tx, actor, now, {
        cityCode,
        action: 'exam-review.drawn',
        entityType: 'exam-review-day',
        entityId: `${cityCode}|${date}`,
        details: { date, exams: exams.length, drawn: picks.length, added: n },
      });
    }
    return { claimed: true, added: n };
  });
  const day = await countReviewsOfDay(ctx.db, cityCode, date);
  return {
    claimed,
    result: {
      date,
      exams: exams.length,
      withRecording: exams.filter((e) => e.recordingRef).length,
      drawn: day.n,
      flagged: day.flagged,
      added,
    } satisfies ReviewDrawResponse,
  };
}

const encodeCursor = (r: ReviewRow) =>
  Buffer.from(`${r.review_date}|${r.id}`, 'utf8').toString('base64url');
function decodeCursor(cursor: string) {
  const [reviewDate, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!reviewDate || !id || !/^\d{4}-\d{2}-\d{2}$/.test(reviewDate)) {
    throw invalid([{ path: 'querystring.after', message: '翻页游标无效' }]);
  }
  return { reviewDate, id };
}

/** `GET /supervision/reviews`: the queue of the supervisor's jurisdiction, newest day first. */
export async function reviewQueue(
  db: DbOrTx,
  actor: Actor,
  q: { status?: 'pending' | 'done'; date?: string; after?: string; limit: number },
): Promise<ReviewList> {
  const scope = supervisionScope(actor);
  const rows = await listReviews(db, {
    ...scope,
    status: q.status,
    date: q.date,
    after: q.after ? decodeCursor(q.after) : undefined,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(present),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null,
  };
}

/**
 * `POST /supervision/reviews/{id}/verdict`: a supervisor's verdict on a recording. 'irregular'
 * raises (or joins) an exam-review alert about the examiner for that day, routed to the
 * detachment, with the review as its evidence; the examiner and the site are then flagged in
 * the next days' draws.
 */
export async function recordVerdict(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: VerdictRequest,
): Promise<Review> {
  requireReviewer(actor);
  const scope = supervisionScope(actor);
  return await ctx.db.transaction().execute(async (tx) => {
    const review = await lockReview(tx, scope.cityCode, id);
    if (!review) throw notFound('抽查记录');
    if (scope.countyCode && review.county_code !== scope.countyCode) {
      throw forbidden('该抽查记录不在您的辖区内');
    }
    if (review.status === 'done') throw new AppError('CONFLICT', '该抽查记录已评定');
    const now = ctx.clock.now();
    let alertId: string | null = null;
    if (input.verdict === 'irregular') {
      const key = {
        cityCode: scope.cityCode,
        rule: REVIEW_RULE,
        kind: 'examiner',
        subject: review.examiner_id,
        from: review.review_date,
        to: review.review_date,
      };
      // What the alert's evidence says of an irregular recording: the first one's, and each
      // later one's of the examiner that day (moreReviews).
      const reviewed = {
        review: review.id,
        examId: review.exam_id,
        recordingRef: review.recording_ref,
        examSite: review.exam_site_code,
        subject: review.subject,
        candidate: maskIdNumber(review.id_number),
        passed: review.passed,
        faceMatch: review.face_match,
        reviewer: actor.username,
        note: input.note,
      };
      const runId = newId();
      const isNew = await insertAlertOnce(tx, {
        city_code: scope.cityCode,
        id: newId(),
        rule: REVIEW_RULE,
        severity: 'high',
        subject_kind: 'examiner',
        subject_id: review.examiner_id,
        subject_name: null,
        outlet_code: review.exam_site_code,
        level: 'detachment',
        county_code: review.county_code,
        period_from: review.review_date,
        period_to: review.review_date,
        evidence: { ...reviewed, legalBasis: REVIEW_BASIS } satisfies AlertEvidence,
        status: 'open',
        deadline: null,
        run_id: runId,
        at: now,
      });
      if (isNew) {
        await insertRun(tx, {
          cityCode: scope.cityCode,
          id: runId,
          from: review.review_date,
          to: review.review_date,
          trigger: 'request',
          startedBy: actor.username,
          startedAt: now,
          finishedAt: now,
          policy: {},
          read: { examReviews: 1 },
          found: { [REVIEW_RULE]: { examined: 1, alerts: 1 } },
          alerts: 1,
          newAlerts: 1,
        });
      }
      alertId = await alertIdFor(tx, key);
      // A second irregular recording of the examiner that day joins the alert: it is named in
      // the alert's evidence, so that whoever disposes of the alert sees every one.
      if (!isNew && alertId) {
        await addReviewToAlert(tx, scope.cityCode, alertId, reviewed);
      }
    }
    await setVerdict(tx, {
      cityCode: scope.cityCode,
      id,
      verdict: input.verdict,
      note: input.note,
      by: actor.username,
      at: now,
      alertId,
    });
    await audit(tx, actor, now, {
      cityCode: scope.cityCode,
      action: 'exam-review.verdict',
      entityType: 'exam-review',
      entityId: id,
      details: { verdict: input.verdict, examId: review.exam_id, alertId },
    });
    const updated = await lockReview(tx, scope.cityCode, id);
    return present(updated!);
  });
}
