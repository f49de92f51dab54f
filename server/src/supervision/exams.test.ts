import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { examsPort } from '../../../test/support/supervision.ts';
import type { ExamFact } from './exam-port.ts';
import { runSupervision } from './runs.service.ts';

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
    expect(of('exam-pass-rate')).toEqual(['K-LENIENT|2']);
    expect(of('exam-face-mismatch')).toEqual(['K-FACE|2']);
    expect(of('exam-duration')).toEqual(['K-RUSH|2']);
    // Exams are the detachment's business (the exam division of the office).
    expect(new Set(alerts.map((a) => a.level))).toEqual(new Set(['detachment']));
    const run = await t.ctx.db
      .selectFrom('supervision_runs')
      .select('read')
      .where('id', '=', result.runId)
      .executeTakeFirstOrThrow();
    expect(run.read.exams).toBe(1000 + 100 + 3 + 4);
  });
});
