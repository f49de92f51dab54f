import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, submitTempPlate, type TestApp } from '../../../test/support/app.ts';
import { examsPort, plantAlert } from '../../../test/support/supervision.ts';
import { REGISTRY } from '../app/registry.ts';
import { datesBetween } from '../platform/time.ts';
import type { ExamFact, SupervisionPorts } from '../supervision/exam-port.ts';
import { drawReviews } from '../supervision/reviews.service.ts';
import { JOBS } from './jobs.ts';

/**
 * The daily jobs over "the day before" after nights the server was down: the next run makes up
 * every recent day it missed (a week at most), and never does a day twice.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const run = async (id: string, at: string, ports?: SupervisionPorts) => {
  t.clock.set(at);
  await JOBS.find((j) => j.id === id)!.run(t.ctx, {} as never, REGISTRY, ports);
};

describe('the call-back sampling job', () => {
  it('samples every recent day not sampled yet, each day once', async () => {
    // Every completed application sampled, so that what a day's sample opens is known.
    await t.ctx.db
      .insertInto('policy_values')
      .values({
        key: 'callback.sample-rate',
        value: JSON.stringify(1),
        effective_from: '2026-11-01',
        legal_basis: '测试',
        note: '测试',
        created_by: 'test',
        city_code: '520300',
      })
      .execute();
    const completed: Record<string, string> = {};
    for (const day of ['2026-11-20', '2026-11-22']) {
      t.clock.set(`${day}T10:00:00+08:00`);
      const res = await submitTempPlate(t);
      expect(res.statusCode).toBe(201);
      completed[day] = res.json().id;
    }
    // The job ran in the night after the 20th; the server was then down until the 24th.
    await run('callback-sampling', '2026-11-21T01:30:00+08:00');
    await run('callback-sampling', '2026-11-24T01:30:00+08:00');
    await run('callback-sampling', '2026-11-24T01:35:00+08:00');
    const sampled = await t.ctx.db
      .selectFrom('callbacks')
      .select('application_id')
      .where('reason', '=', 'sample')
      .where('application_id', 'in', Object.values(completed))
      .execute();
    expect(sampled.map((c) => c.application_id).sort()).toEqual(Object.values(completed).sort());
    const days = await t.ctx.db
      .selectFrom('callback_sample_days')
      .select('day')
      .where('city_code', '=', '520300')
      .orderBy('day')
      .execute();
    // A week back from each run: the 14th to the 20th, then the 21st to the 23rd.
    expect(days.map((d) => d.day)).toEqual(datesBetween('2026-11-14', '2026-11-23'));
    const audited = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_log
       WHERE action = 'callback.sampled' AND details->>'applicationId' IN (${sql.join(Object.values(completed))})`.execute(
      t.ctx.db,
    );
    expect(audited.rows[0]!.n).toBe(2);
  });
});

describe('the supervision daily job', () => {
  it('runs over every recent day it missed, and no day twice', async () => {
    await run('supervision-daily', '2026-11-23T02:00:00+08:00');
    // Down in the night after the 23rd; back the night after.
    await run('supervision-daily', '2026-11-25T02:00:00+08:00');
    await run('supervision-daily', '2026-11-25T02:05:00+08:00');
    const runs = await t.ctx.db
      .selectFrom('supervision_runs')
      .select(['period_from', 'period_to'])
      .where('city_code', '=', '520300')
      .where('trigger', '=', 'job')
      .orderBy('period_from')
      .execute();
    expect(runs.every((r) => r.period_from === r.period_to)).toBe(true);
    expect(runs.map((r) => r.period_from)).toEqual(datesBetween('2026-11-16', '2026-11-24'));
  });
});

describe('the exam-review draw job', () => {
  const policy = (key: string, value: number) => ({
    key,
    value: JSON.stringify(value),
    effective_from: '2026-11-01',
    legal_basis: '测试',
    note: '测试',
    created_by: 'test',
    city_code: '520300',
  });
  /** An exam alert about an examiner, raised by a run of `trigger` at `at` about `day`. */
  async function examAlert(
    examiner: string,
    rule: string,
    day: string,
    trigger: string,
    at: string,
  ) {
    const site = await examSite();
    const id = await plantAlert(t.ctx.db, {
      cityCode: '520300',
      countyCode: site.county,
      outletCode: site.code,
    });
    const alert = await t.ctx.db
      .updateTable('alerts')
      .set({
        rule,
        subject_kind: 'examiner',
        subject_id: examiner,
        period_from: day,
        period_to: day,
        created_at: at,
      })
      .where('id', '=', id)
      .returning('run_id')
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .updateTable('supervision_runs')
      .set({
        trigger: trigger as 'job',
        period_from: day,
        period_to: day,
        started_at: at,
        finished_at: at,
      })
      .where('id', '=', alert.run_id)
      .execute();
    return id;
  }
  const examSite = () =>
    t.ctx.db
      .selectFrom('outlets')
      .select(['code', 'county_code as county'])
      .where('category', '=', 'exam-site')
      .orderBy('code')
      .executeTakeFirstOrThrow();

  it('draws every recent day not drawn yet, oldest first, each once, as it would have on time', async () => {
    // Only flagged examiners are drawn (all of their recordings), so what flags whom is seen.
    await t.ctx.db
      .insertInto('policy_values')
      .values([policy('supervision.review.rate', 0), policy('supervision.review.flagged-rate', 1)])
      .execute();
    const site = (await examSite()).code;
    const exams: ExamFact[] = datesBetween('2026-11-20', '2026-11-23').flatMap((day) =>
      ['KX', 'KY', 'KZ'].map((examinerId) => ({
        id: `${examinerId}-${day}`,
        idNumber: '520302199003070015',
        subject: 2,
        examSiteCode: site,
        examinerId,
        passed: true,
        faceMatch: 'pass' as const,
        startedAt: new Date(`${day}T09:00:00+08:00`),
        finishedAt: new Date(`${day}T09:30:00+08:00`),
        recordingRef: `rec/${examinerId}-${day}.mp4`,
      })),
    );
    const ports = { examResults: examsPort(exams) };
    // On time in the night after the 20th: nothing flagged yet, so nothing drawn.
    await run('exam-review-draw', '2026-11-21T02:30:00+08:00', ports);
    // Then the server was down until the night after the 23rd. Meanwhile KZ's alert (the run
    // of the 21st) was dismissed on the 23rd at 09:00, a verdict raised an alert about KX on
    // the 23rd at 10:00, and the catch-up run of the 22nd raised one about KY only at 02:00.
    const kz = await examAlert(
      'KZ',
      'exam-duration',
      '2026-11-21',
      'job',
      '2026-11-22T02:00:00+08:00',
    );
    await t.ctx.db.updateTable('alerts').set({ status: 'closed' }).where('id', '=', kz).execute();
    await t.ctx.db
      .insertInto('alert_dispositions')
      .values({
        city_code: '520300',
        alert_id: kz,
        action: 'dismiss',
        note: '核实无问题',
        deadline: null,
        effect: '{}',
        by_user: 'sup.city',
        by_name: '测试',
        at: new Date('2026-11-23T09:00:00+08:00'),
      })
      .execute();
    await examAlert('KX', 'exam-review', '2026-11-19', 'request', '2026-11-23T10:00:00+08:00');
    await examAlert('KY', 'exam-pass-rate', '2026-11-22', 'job', '2026-11-24T02:00:00+08:00');

    await run('exam-review-draw', '2026-11-24T02:30:00+08:00', ports);
    await run('exam-review-draw', '2026-11-24T02:35:00+08:00', ports);
    const reviews = await t.ctx.db
      .selectFrom('exam_reviews')
      .select('exam_id')
      .where('city_code', '=', '520300')
      .orderBy('exam_id')
      .execute();
    // Each day as drawn in its own night: the 21st and 22nd with KZ still open, the 22nd with
    // KY from its run, the 23rd with KX's alert of the day before; the 20th with nobody.
    expect(reviews.map((r) => r.exam_id)).toEqual([
      'KX-2026-11-23',
      'KY-2026-11-22',
      'KY-2026-11-23',
      'KZ-2026-11-21',
      'KZ-2026-11-22',
    ]);
    const days = await t.ctx.db
      .selectFrom('exam_review_days')
      .select(['day', 'drawn'])
      .where('city_code', '=', '520300')
      .orderBy('day')
      .execute();
    expect(days.map((d) => d.day)).toEqual(datesBetween('2026-11-14', '2026-11-23'));
    expect(days.filter((d) => d.drawn > 0).map((d) => [d.day, d.drawn])).toEqual([
      ['2026-11-21', 1],
      ['2026-11-22', 2],
      ['2026-11-23', 2],
    ]);
    const audited = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_log WHERE action = 'exam-review.drawn'`.execute(
      t.ctx.db,
    );
    expect(audited.rows[0]!.n).toBe(days.length);
    // Drawing a past day again, on demand later, draws what the night drew: nothing added.
    t.clock.set('2026-11-26T10:00:00+08:00');
    for (const date of datesBetween('2026-11-20', '2026-11-23')) {
      const again = await drawReviews(t.ctx, null, { cityCode: '520300', date }, ports);
      expect(again.added, date).toBe(0);
    }
  });

  it('draws a day only once its draw is final, at start too, and takes a final day drawn on demand as drawn', async () => {
    expect(JOBS.find((j) => j.id === 'exam-review-draw')!.atStart).toBe(true);
    const site = (await examSite()).code;
    const exams: ExamFact[] = ['2026-12-01', '2026-12-03', '2026-12-05'].map((day) => ({
      id: `KM-${day}`,
      idNumber: '520302199003070015',
      subject: 2,
      examSiteCode: site,
      examinerId: 'KM',
      passed: true,
      faceMatch: 'pass' as const,
      startedAt: new Date(`${day}T09:00:00+08:00`),
      finishedAt: new Date(`${day}T09:30:00+08:00`),
      recordingRef: `rec/KM-${day}.mp4`,
    }));
    const ports = { examResults: examsPort(exams) };
    const marked = async () =>
      (
        await t.ctx.db
          .selectFrom('exam_review_days')
          .select('day')
          .where('city_code', '=', '520300')
          .where('day', '>=', '2026-12-01')
          .orderBy('day')
          .execute()
      ).map((d) => d.day);
    // The server starts at 01:00: yesterday is left to the 02:30 draw, after the 02:00 run.
    await run('exam-review-draw', '2026-12-02T01:00:00+08:00', ports);
    expect(await marked()).toEqual([]);
    await examAlert('KM', 'exam-pass-rate', '2026-12-01', 'job', '2026-12-02T02:00:00+08:00');
    await run('exam-review-draw', '2026-12-02T02:30:00+08:00', ports);
    expect(await marked()).toEqual(['2026-12-01']);
    // The detachment draws the 3rd on the 4th (final): the job's catch-up does not draw it again.
    t.clock.set('2026-12-04T10:00:00+08:00');
    const manual = await drawReviews(
      t.ctx,
      null,
      { cityCode: '520300', date: '2026-12-03' },
      ports,
    );
    expect(manual.added).toBe(1);
    // Today drawn on demand is not final: the job draws it when it is.
    t.clock.set('2026-12-05T10:00:00+08:00');
    await drawReviews(t.ctx, null, { cityCode: '520300', date: '2026-12-05' }, ports);
    expect(await marked()).toEqual(['2026-12-01', '2026-12-03']);
    await run('exam-review-draw', '2026-12-06T02:30:00+08:00', ports);
    expect(await marked()).toEqual(datesBetween('2026-12-01', '2026-12-05'));
    const audited = await sql<{ day: string; n: number }>`
      SELECT entity_id AS day, count(*)::int AS n FROM audit_log
       WHERE action = 'exam-review.drawn' AND entity_id IN ('520300|2026-12-03', '520300|2026-12-05')
       GROUP BY entity_id ORDER BY entity_id`.execute(t.ctx.db);
    expect(audited.rows).toEqual([
      { day: '520300|2026-12-03', n: 1 },
      { day: '520300|2026-12-05', n: 2 },
    ]);
    const reviews = await t.ctx.db
      .selectFrom('exam_reviews')
      .select('exam_id')
      .where('exam_id', 'like', 'KM-%')
      .orderBy('exam_id')
      .execute();
    expect(reviews.map((r) => r.exam_id)).toEqual(exams.map((e) => e.id));
  });
});
