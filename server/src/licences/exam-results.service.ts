import type { ExamResultRequest } from '#shared/schemas/exams.ts';
import { firePlatformEvent } from '../applications/lifecycle.service.ts';
import type { RegisteredHandler } from '../applications/handler.ts';
import { evaluateRules, orderRules } from '../applications/rules.ts';
import { channelOf } from '../applications/pipeline.ts';
import { audit } from '../audit/audit.service.ts';
import { policyIn } from '../catalog/catalog.service.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { Actor, ActorOutlet } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { forbidden, invalid } from '../platform/errors.ts';
import { beijingDate, beijingInstant } from '../platform/time.ts';
import { sessionBookingOf } from './bookings.repository.ts';
import { carLicenceHeld } from './car-licence.ts';
import { lastFailedOn, passMark, progressOf } from './exam-progress.ts';
import { EXAM_RESULT_RULES, resultForFullScore } from './exam-result.rules.ts';
import {
  countedResults,
  insertExamResult,
  openCandidate,
  examSummaryRows,
  resultsFinishedPage,
  resultsOfSite,
  type ExamSummaryQuery,
  type Candidate,
} from './exams.repository.ts';
import { attemptsWithNoShows } from './exam-no-shows.ts';
import { fullScoreExam } from './full-score-exam.ts';
import { restorationOf } from './licence-restore.ts';
import { licenceOf } from './licences.service.ts';
import { requireExamRecorder } from './licences.policy.ts';
import type { DriverPoints } from './points-port.ts';
import { idFor } from './licences.presenter.ts';
import { newId } from '../platform/ids.ts';

/** The columns of a result as the exam site (or the legacy platform) sent it. */
export const resultColumns = (r: ExamResultRequest) => ({
  id_number: r.idNumber,
  subject: r.subject,
  class: r.class,
  exam_site_code: r.examSiteCode,
  examiner_id: r.examinerId,
  vehicle_plate: r.vehiclePlate ?? null,
  score: r.score,
  passed: r.passed,
  absent: r.absent ?? false,
  face_match: r.faceMatch,
  started_at: new Date(r.startedAt),
  finished_at: new Date(r.finishedAt),
  recording_ref: r.recordingRef ?? null,
});

const RESULT_RULES = orderRules(EXAM_RESULT_RULES);

/** The candidate's booking allocated to this result's session (site, subject, day), if any. */
async function bookingOfResult(tx: Tx, c: Candidate | null, r: ExamResultRequest) {
  if (!c) return undefined;
  return await sessionBookingOf(tx, {
    cityCode: c.cityCode,
    idNumber: r.idNumber,
    candidateId: c.applicationId,
    subject: r.subject,
    examSiteCode: r.examSiteCode,
    examDate: beijingDate(new Date(r.startedAt)),
  });
}

/**
 * Why a result does not move the candidate's application on (none: it counts): the right class,
 * stage and identity, in a session the ranking allocated to the candidate's booking and within
 * that booking's test and retake, on a day the law allows the subject (waits after the permit and
 * after a failed booking, subject 4 last).
 */
async function whyNotCounted(tx: Tx, c: Candidate | null, r: ExamResultRequest, booked: boolean) {
  const results = c ? await countedResults(tx, c.cityCode, c.applicationId) : [];
  const examDay = beijingDate(new Date(r.startedAt));
  const subject = results.filter((x) => x.subject === r.subject);
  // The booking's session is the subject's only one that day, so its attempts are that day's.
  const inBooking = subject.filter((x) => beijingDate(x.started_at) === examDay);
  return evaluateRules(RESULT_RULES, {
    subject: r.subject,
    class: r.class,
    passed: r.passed,
    faceMatch: r.faceMatch,
    examDay,
    examSiteCode: r.examSiteCode,
    candidate: c,
    passedSubjects: [...new Set(results.filter((x) => x.passed).map((x) => x.subject))],
    // Earlier days' bookings only: this day's booking is the one the result belongs to.
    lastFailedOn: lastFailedOn(
      subject.filter((x) => beijingDate(x.started_at) < examDay),
      examDay,
    ),
    holdsCarLicence:
      c !== null &&
      (await carLicenceHeld(tx, {
        idNumber: r.idNumber,
        subject: r.subject,
        class: c.class,
        today: examDay,
      })),
    booking: booked
      ? { attempts: inBooking.length, passed: inBooking.some((x) => x.passed) }
      : null,
  });
}

/** The lifecycle event a counted result fires, if any. */
async function eventFor(tx: Tx, c: Candidate, r: ExamResultRequest, maxBookings: number) {
  if (r.subject === 1) {
    if (!r.passed) return null;
    // A licence cancelled for being overdue comes back with subject 1 (R162 §79 第三款) when the
    // application was made within the two years, as licence.apply judged it on its day: an exam
    // passed after them still restores, as the applicant applied in time.
    const appliedOn = beijingDate(c.acceptedAt);
    const licence = await licenceOf(tx, r.idNumber);
    const restores = restorationOf(licence, c.class, appliedOn) === 'in-time';
    return restores ? 'restored' : 'theory-passed';
  }
  // Days passed with nothing posted count as no-shows (R162 §46) towards the 5 bookings (§47).
  const day = beijingDate(new Date(r.startedAt));
  const progress = progressOf(await attemptsWithNoShows(tx, c, day), maxBookings, day);
  if (progress.voided) return 'exams-voided';
  return progress.passed.length === 3 ? 'all-passed' : null;
}

/**
 * `POST /exam-results`: an exam site records a result (who examined whom, where, when, in which
 * vehicle, the face match and the recording). A result that counts for the candidate's licence
 * application moves it on in the same transaction: subject 1 passed → learner permit; all passed
 * → licence; the fifth failed booking of subject 2 or 3 → passed subjects void.
 */
export async function recordExamResult(
  ctx: AppContext,
  actor: Actor,
  r: ExamResultRequest,
  handlers: { licenceApply: RegisteredHandler; examBook: RegisteredHandler; points: DriverPoints },
) {
  const outlet: ActorOutlet = requireExamRecorder(actor);
  if (r.examSiteCode !== outlet.code) throw forbidden('只能提交本考场的考试成绩');
  const now = ctx.clock.now();
  if (Date.parse(r.finishedAt) > now.getTime()) {
    throw invalid([{ path: 'finishedAt', message: '结束时间晚于当前时间' }]);
  }
  const mark = passMark(r.subject, r.class);
  if (r.passed !== (!r.absent && r.score >= mark)) {
    throw invalid([
      { path: 'passed', message: `科目${r.subject}合格分数线为 ${mark} 分，passed 与成绩不符` },
    ]);
  }
  const today = beijingDate(now);
  const { values } = await policyIn(ctx.db, ['exam.max-bookings'], today, outlet.cityCode);
  return await ctx.db.transaction().execute(async (tx) => {
    const candidate = await openCandidate(tx, outlet.cityCode, r.idNumber);
    const booking = await bookingOfResult(tx, candidate, r);
    const notCounted = await whyNotCounted(tx, candidate, r, booking !== undefined);
    const counted = candidate !== null && notCounted.length === 0;
    const id = newId();
    await insertExamResult(tx, {
      city_code: outlet.cityCode,
      id,
      ...resultColumns(r),
      application_id: counted ? candidate.applicationId : null,
      counted,
      source: 'platform',
      recorded_by: actor.userId,
      channel: channelOf(outlet.category),
      recorded_at: now,
    });
    const event = counted
      ? await eventFor(tx, candidate, r, values['exam.max-bookings'] ?? 5)
      : await fullScoreExam(tx, handlers.points, r, { cityCode: outlet.cityCode, today, now });
    // A full score's exam is why the result counts for no application: say so, not "book again".
    const reasons =
      event === 'full-score-released' || event === 'full-score-exams-passed'
        ? evaluateRules([resultForFullScore], { fullScore: event })
        : notCounted;
    await audit(tx, actor, now, {
      action: 'exam-result.recorded',
      entityType: 'exam-result',
      entityId: id,
      details: {
        idNumber: r.idNumber,
        subject: r.subject,
        class: r.class,
        score: r.score,
        passed: r.passed,
        faceMatch: r.faceMatch,
        examinerId: r.examinerId,
        counted,
        event,
        notCounted: reasons.map((x) => x.code),
      },
      event: 'exam-result.recorded',
    });
    const by = { data: { resultId: id }, actor, outlet };
    // The booking the ranking gave this session is taken by its first result (a no-show too).
    if (booking?.status === 'allocated') {
      const ref = { cityCode: booking.city_code, id: booking.application_id };
      await firePlatformEvent(ctx, tx, handlers.examBook, ref, { code: 'exam-taken', ...by });
    }
    if (counted && event) {
      const ref = { cityCode: candidate.cityCode, id: candidate.applicationId };
      await firePlatformEvent(ctx, tx, handlers.licenceApply, ref, { code: event, ...by });
    }
    return {
      id,
      counted,
      applicationId: counted ? candidate.applicationId : null,
      event,
      reasons,
    };
  });
}

/** The results the clerk's exam site recorded on a day (Beijing time), newest first. */
export async function siteResultsOn(ctx: AppContext, actor: Actor, date: string) {
  const outlet = requireExamRecorder(actor);
  const from = new Date(`${date}T00:00:00+08:00`);
  const rows = await resultsOfSite(ctx.db, {
    cityCode: outlet.cityCode,
    examSiteCode: outlet.code,
    from,
    to: new Date(from.getTime() + 86_400_000),
    limit: 500,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      idNumber: idFor(r.id_number, actor),
      subject: r.subject,
      class: r.class,
      examinerId: r.examiner_id,
      score: Number(r.score),
      passed: r.passed,
      absent: r.absent,
      faceMatch: r.face_match,
      startedAt: beijingInstant(r.started_at),
      finishedAt: beijingInstant(r.finished_at),
      counted: r.counted,
    })),
  };
}

/**
 * A city's exam results finished in [since, until), one keyset page by (finishedAt, id): the
 * licences area's answer to supervision's exam-results port (wired in `app/registry.ts`), with
 * the phone and driving school the candidate's licence application gave (null when unknown).
 */
export async function examResultFacts(
  db: DbOrTx,
  q: {
    cityCode: string;
    since: Date;
    until: Date;
    after?: { finishedAt: Date; id: string; key?: string };
    limit: number;
  },
) {
  const rows = await resultsFinishedPage(db, q);
  return rows.map((r) => ({
    id: r.id,
    idNumber: r.id_number,
    subject: r.subject,
    examSiteCode: r.exam_site_code,
    examinerId: r.examiner_id,
    passed: r.passed,
    faceMatch: r.face_match as 'pass' | 'fail' | 'manual',
    startedAt: new Date(r.started_ms),
    finishedAt: new Date(r.finished_ms),
    recordingRef: r.recording_ref,
    phone: r.phone,
    schoolCode: r.driving_school_code,
    key: r.finished_us,
  }));
}

/** A unit's outcomes as supervision's port has them. */
const outcomesOf = (r: {
  baseline_n: number;
  baseline_events: number;
  n: number;
  events: number;
  outcomes: string;
}) => ({
  baselineN: r.baseline_n,
  baselineEvents: r.baseline_events,
  n: r.n,
  events: r.events,
  outcomes: r.outcomes,
});

/**
 * A city's exam results summarised per examiner, exam site and day in SQL: the licences area's
 * answer to supervision's exam-summaries port (wired in `app/registry.ts`), so that a run does
 * not read a year's results one by one.
 */
export async function examSummaries(db: DbOrTx, q: ExamSummaryQuery) {
  const r = await examSummaryRows(db, q);
  return {
    examiners: r.examiners.map((e) => ({
      examinerId: e.examiner_id,
      subject: e.subject,
      examSiteCode: e.exam_site_code,
      ...outcomesOf(e),
      short: e.short,
      shortExamples: e.short_examples,
      overrides: e.overrides,
      overrideExamples: e.override_examples,
    })),
    sites: r.sites.map((s) => ({
      examSiteCode: s.exam_site_code,
      subject: s.subject,
      ...outcomesOf(s),
    })),
    examinerDays: r.examinerDays.map((d) => ({
      examinerId: d.examiner_id,
      day: d.day,
      n: d.n,
      firstSiteCode: d.first_site_code,
    })),
    siteDays: r.siteDays.map((d) => ({ examSiteCode: d.exam_site_code, day: d.day, n: d.n })),
  };
}
