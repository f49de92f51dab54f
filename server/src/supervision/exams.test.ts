import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { idNumber } from '../../../test/support/factories.ts';
import { examsPort, importNdjson } from '../../../test/support/supervision.ts';
import type { ExamFact } from './exam-port.ts';
import { runSupervision } from './runs.service.ts';
import { actorOfUser } from '../auth/auth.service.ts';
import { funnelFor } from './funnels.service.ts';
import { funnelLimits } from './stats/funnel.ts';

/**
 * The exam rules over exam results planted through the port (the licences area owns them and
 * is wired in at the composition root): a stub serves them in keyset pages as a real one would.
 */
let t: TestApp;
let site: string;

let serial = 0;
function exam(examinerId: string, passed: boolean, over: Partial<ExamFact> = {}): ExamFact {
  serial += 1;
  const day = 2 + (serial % 5);
  const started = new Date(`2026-11-0${day}T09:00:00+08:00`);
  started.setMinutes(serial % 400);
  return {
    id: `E${String(serial).padStart(6, '0')}`,
    idNumber: '520302199003070015',
    subject: 2,
    examSiteCode: site,
    examinerId,
    passed,
    faceMatch: 'pass',
    startedAt: started,
    finishedAt: new Date(started.getTime() + 15 * 60_000),
    recordingRef: null,
    ...over,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  site = (
    await t.ctx.db
      .selectFrom('outlets')
      .select('code')
      .where('category', '=', 'exam-site')
      .orderBy('code')
      .executeTakeFirstOrThrow()
  ).code;
});
afterAll(async () => t.close());

describe('exam rules through the port', () => {
  it('finds an examiner who passes too many, one who overrides face matches and one who rushes', async () => {
    const honest = Array.from({ length: 10 }, (_, i) =>
      Array.from({ length: 100 }, (_, k) => exam(`K${i}`, k < 58 + i)),
    ).flat();
    const lenient = Array.from({ length: 100 }, (_, k) => exam('K-LENIENT', k < 97));
    const overrides = [0, 1, 2].map(() => exam('K-FACE', true, { faceMatch: 'fail' }));
    const rushed = [0, 1, 2, 3].map(() =>
      exam('K-RUSH', true, {
        finishedAt: new Date('2026-11-03T10:02:00+08:00'),
        startedAt: new Date('2026-11-03T10:00:00+08:00'),
      }),
    );
    const result = await runSupervision(
      t.ctx,
      null,
      { cityCode: '520300', from: '2026-11-02', to: '2026-11-08', trigger: 'job' },
      { examResults: examsPort([...honest, ...lenient, ...overrides, ...rushed]) },
    );
    expect(result.newAlerts).toBeGreaterThan(0);
    const alerts = await t.ctx.db
      .selectFrom('alerts')
      .select(['rule', 'subject_kind', 'subject_id', 'level', 'severity'])
      .where('rule', 'like', 'exam-%')
      .execute();
    const of = (rule: string) => alerts.filter((a) => a.rule === rule).map((a) => a.subject_id);
    expect(of('exam-pass-rate')).toEqual(['K-LENIENT']);
    expect(of('exam-face-mismatch')).toEqual(['K-FACE']);
    expect(of('exam-duration')).toEqual(['K-RUSH']);
    // Exams are the detachment's business (the exam division of the office).
    expect(new Set(alerts.map((a) => a.level))).toEqual(new Set(['detachment']));
    const run = await t.ctx.db
      .selectFrom('supervision_runs')
      .select('read')
      .where('id', '=', result.runId)
      .executeTakeFirstOrThrow();
    expect(run.read.exams).toBe(1000 + 100 + 3 + 4);
  });

  it('finds the one lenient examiner among a handful (each scored against the others)', async () => {
    // Six examiners passing 60 % of 138 exams and one passing 134 of 138: fitted to all seven,
    // the lenient one's own spread hid it (z 2.24); against the six it is far out.
    const examiners = Array.from({ length: 6 }, (_, i) =>
      Array.from({ length: 138 }, (_, k) => exam(`S3-${i}`, k < 83, { subject: 3 })),
    ).flat();
    const lenient = Array.from({ length: 138 }, (_, k) =>
      exam('S3-LENIENT', k < 134, { subject: 3 }),
    );
    await runSupervision(
      t.ctx,
      null,
      { cityCode: '520300', from: '2026-11-02', to: '2026-11-08', trigger: 'job' },
      { examResults: examsPort([...examiners, ...lenient]) },
    );
    const found = await t.ctx.db
      .selectFrom('alerts')
      .select(['subject_id', 'evidence'])
      .where('rule', '=', 'exam-pass-rate')
      .where('subject_id', 'like', 'S3-%')
      .execute();
    expect(found.map((a) => a.subject_id)).toEqual(['S3-LENIENT']);
    const evidence = found[0]!.evidence as { peers: { units: number; centre: number }; q: number };
    expect(evidence.peers.units).toBe(7);
    expect(evidence.peers.centre).toBeCloseTo(0.6, 2);
    expect(evidence.q).toBeLessThan(0.001);

    // The funnel plot draws the funnel the flag was decided against (the six), so the lenient
    // examiner lies outside its limits; the whole group's fit would have drawn it inside.
    const plot = await funnelFor(
      t.ctx,
      await actorOfUser(t.ctx, 'sup.city'),
      'exam-pass-rate',
      { from: '2026-11-02', to: '2026-11-08' },
      { examResults: examsPort([...examiners, ...lenient]) },
    );
    const group = plot.groups.find((g) => g.group === 'subject-3')!;
    const flagged = group.units.filter((u) => u.flagged);
    // Named as its alert names it: the examiner, not the examiner and subject.
    expect(flagged.map((u) => u.id)).toEqual([found[0]!.subject_id]);
    expect(funnelLimits(group, 138, 3.090232).upper).toBeLessThan(flagged[0]!.rate);
  });

  it('finds an examiner and an exam site over their daily caps (policy defaults 60 and 600)', async () => {
    const on = (examinerId: string, n: number) =>
      Array.from({ length: n }, (_, k) => {
        const started = new Date('2026-11-16T08:00:00+08:00');
        started.setMinutes(k * 3);
        return exam(examinerId, true, {
          startedAt: started,
          finishedAt: new Date(started.getTime() + 15 * 60_000),
        });
      });
    // K-BUSY: 70 in the day; ten others 55 each; the site 620 in all.
    const exams = [
      ...on('K-BUSY', 70),
      ...Array.from({ length: 10 }, (_, i) => on(`K-D${i}`, 55)).flat(),
    ];
    await runSupervision(
      t.ctx,
      null,
      { cityCode: '520300', from: '2026-11-16', to: '2026-11-16', trigger: 'job' },
      { examResults: examsPort(exams) },
    );
    const alerts = await t.ctx.db
      .selectFrom('alerts')
      .select(['rule', 'subject_id', 'evidence', 'period_from'])
      .where('rule', 'in', ['exam-examiner-load', 'exam-site-load'])
      .execute();
    expect(alerts.map((a) => [a.rule, a.subject_id]).sort()).toEqual([
      ['exam-examiner-load', 'K-BUSY'],
      ['exam-site-load', site],
    ]);
    const busy = alerts.find((a) => a.rule === 'exam-examiner-load')!;
    expect(busy.evidence).toMatchObject({
      cap: 60,
      count: 1,
      examples: [{ day: '2026-11-16', n: 70 }],
    });
    const siteAlert = alerts.find((a) => a.rule === 'exam-site-load')!;
    expect(siteAlert.evidence).toMatchObject({
      cap: 600,
      examples: [{ day: '2026-11-16', n: 620 }],
    });
  });

  it('gives an examiner found in two exam subjects one alert, with each subject’s figures', async () => {
    const rushed = (subject: number) =>
      [0, 1, 2, 3].map((k) =>
        exam('K-TWICE', true, {
          subject,
          startedAt: new Date(`2026-11-11T1${k}:00:00+08:00`),
          finishedAt: new Date(`2026-11-11T1${k}:02:00+08:00`),
        }),
      );
    const result = await runSupervision(
      t.ctx,
      null,
      { cityCode: '520300', from: '2026-11-11', to: '2026-11-11', trigger: 'job' },
      { examResults: examsPort([...rushed(2), ...rushed(3)]) },
    );
    const alerts = await t.ctx.db
      .selectFrom('alerts')
      .select(['subject_id', 'evidence'])
      .where('rule', '=', 'exam-duration')
      .where('period_from', '=', '2026-11-11')
      .execute();
    expect(alerts.map((a) => a.subject_id)).toEqual(['K-TWICE']);
    const bySubject = (alerts[0]!.evidence as { bySubject: { examSubject: number }[] }).bySubject;
    expect(bySubject.map((e) => e.examSubject).sort()).toEqual([2, 3]);
    expect(result.alerts).toBe(result.newAlerts);
  });

  it('names every rule of the server in the shared list the web app offers', async () => {
    const { RULE_IDS: server } = await import('./rules.ts');
    const { RULE_IDS: shared } = await import('#shared/schemas/supervision.ts');
    expect([...server].sort()).toEqual([...shared].filter((r) => r !== 'exam-review').sort());
  });
});

/**
 * The same rules from the outside, as CONTRACT.md gives them: legacy results imported as NDJSON,
 * `POST /supervision/runs` over their days, and the alerts naming the examiner by the
 * `examinerId` of the results (the exam subject is in the evidence).
 */
describe('exam alerts after an import and a run', () => {
  const legacy = (n: number, examinerId: string, faceMatch: string, minutes = 40) => {
    const startedAt = new Date(`2026-11-${20 + (n % 5)}T09:00:00+08:00`);
    return {
      id: `LEGACY-${examinerId}-${n}`,
      idNumber: idNumber(),
      subject: 2,
      class: 'C1',
      examSiteCode: site,
      examinerId,
      score: 100,
      passed: true,
      faceMatch,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date(startedAt.getTime() + minutes * 60_000).toISOString(),
    };
  };
  const period = 'from=2026-11-20&to=2026-11-24';
  const alertsOf = async (rule: string) => {
    const res = await t.app.inject({
      url: `/api/v1/alerts?rule=${rule}&${period}`,
      headers: bearer(await t.login('sup.city')),
    });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: { subject: object; evidence: { examSubject?: number } }[] })
      .items;
  };

  beforeAll(async () => {
    const lines = [
      ...Array.from({ length: 30 }, (_, n) => legacy(n, 'L-HONEST', 'pass')),
      ...Array.from({ length: 30 }, (_, n) => legacy(n, 'L-FACE', n % 2 ? 'fail' : 'manual')),
      ...Array.from({ length: 30 }, (_, n) => legacy(n, 'L-RUSH', 'pass', 2)),
    ];
    expect((await importNdjson(t, 'exam-results', lines)).rejected).toEqual([]);
    const run = await t.app.inject({
      method: 'POST',
      url: '/api/v1/supervision/runs',
      headers: bearer(await t.login('sup.city')),
      payload: { from: '2026-11-20', to: '2026-11-24' },
    });
    expect(run.statusCode, run.body).toBe(200);
  });

  it('names the examiner by the id of the results', async () => {
    const face = await alertsOf('exam-face-mismatch');
    expect(face.map((a) => a.subject)).toEqual([{ kind: 'examiner', id: 'L-FACE' }]);
    expect(face[0]!.evidence.examSubject).toBe(2);
    const rushed = await alertsOf('exam-duration');
    expect(rushed.map((a) => a.subject)).toEqual([{ kind: 'examiner', id: 'L-RUSH' }]);
  });
});
