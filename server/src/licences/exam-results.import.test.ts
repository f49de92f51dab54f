import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { importNdjson, runAlerts, scattered } from '../../../test/support/supervision.ts';
import { createOutlet, GUIYANG, idNumber } from '../../../test/support/factories.ts';

/**
 * `POST /imports/exam-results`: legacy exam results judged line by line, stored beside the exam
 * sites' own as imported history that moves no application on, and read by supervision runs.
 */
let t: TestApp;
const SITE = '520302-EX-001';

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

let serial = 0;
/** A subject-2 exam (C1 pass mark 80) by an examiner on a day of November 2026. */
function exam(examinerId: string, passed: boolean, day: number, over: object = {}) {
  serial += 1;
  const started = new Date(`2026-11-${String(day).padStart(2, '0')}T09:00:00+08:00`);
  started.setMinutes(serial % 400);
  return {
    id: `LEGACY-EXAM-${serial}`,
    idNumber: idNumber(),
    subject: 2,
    class: 'C1',
    examSiteCode: SITE,
    examinerId,
    score: passed ? 90 : 60,
    passed,
    faceMatch: 'pass',
    startedAt: started.toISOString(),
    finishedAt: new Date(started.getTime() + 15 * 60_000).toISOString(),
    ...over,
  };
}

const importLines = (lines: (object | string)[]) => importNdjson(t, 'exam-results', lines);
const run = async (from: string, to: string) =>
  (await runAlerts(t, from, to, 'exam-%')).map((a) => [a.rule, a.subject_id]);

describe('POST /imports/exam-results', () => {
  it('judges each line alone and keeps the good ones as imported history', async () => {
    const other = await createOutlet(t.ctx.db, {
      category: 'exam-site',
      countyCode: GUIYANG.countyCode,
    });
    const good = exam('K-IMP', true, 20);
    const answer = await importLines([
      good,
      '{not json',
      exam('K-IMP', true, 20, { examSiteCode: other.code }),
      exam('K-IMP', true, 20, { examSiteCode: '520302-EX-NONE' }),
      exam('K-IMP', true, 20, { finishedAt: '2026-11-20T08:00:00+08:00' }),
      exam('K-IMP', true, 20, {
        startedAt: '2026-11-27T09:00:00+08:00',
        finishedAt: '2026-11-27T09:20:00+08:00',
      }),
      exam('K-IMP', true, 20, { score: 70 }),
      { ...exam('K-IMP', false, 20), id: good.id },
      exam('K-IMP', false, 20, { faceMatch: 'maybe' }),
      exam('K-IMP', false, 21),
    ]);
    expect(answer.imported).toBe(2);
    expect(answer.rejected.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(answer.rejected[1]!.error).toMatch(/^examSiteCode: /);
    expect(answer.rejected[3]!.error).toMatch(/^finishedAt: /);
    expect(answer.rejected[4]!.error).toMatch(/^finishedAt: .*当前时间/);
    expect(answer.rejected[5]!.error).toMatch(/^passed: /);
    expect(answer.rejected[6]!.error).toMatch(/^id: /);
    expect(answer.rejected[7]!.error).toMatch(/^faceMatch: /);

    // The same file again: every good line is already there.
    const again = await importLines([good]);
    expect(again).toEqual({
      imported: 0,
      rejected: [{ line: 1, error: expect.stringMatching(good.id) }],
    });

    const row = await t.ctx.db
      .selectFrom('exam_results')
      .selectAll()
      .where('import_id', '=', good.id)
      .executeTakeFirstOrThrow();
    // History: it counts for no candidate and moves no application on.
    expect(row).toMatchObject({
      source: 'import',
      counted: false,
      application_id: null,
      exam_site_code: SITE,
      examiner_id: 'K-IMP',
    });
    const audits = await t.ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'exam-results.imported')
      .execute();
    expect(audits.map((a) => a.details)).toEqual([
      { lines: 2, imported: 2 },
      { lines: 1, imported: 0 },
    ]);
  });

  it('feeds the supervision run: planted anomalies are found, a clean week has none', async () => {
    const honest = (day0: number) =>
      Array.from({ length: 10 }, (_, i) =>
        Array.from({ length: 100 }, (_, k) => exam(`K${i}`, scattered(k, 58 + i), day0 + (k % 5))),
      ).flat();
    const planted = [
      ...honest(2),
      ...Array.from({ length: 100 }, (_, k) => exam('K-LENIENT', scattered(k, 97), 2 + (k % 5))),
      ...[0, 1, 2].map(() => exam('K-FACE', true, 3, { faceMatch: 'fail' })),
      ...[0, 1, 2, 3].map(() =>
        exam('K-RUSH', true, 3, {
          startedAt: '2026-11-03T10:00:00+08:00',
          finishedAt: '2026-11-03T10:02:00+08:00',
        }),
      ),
    ];
    const answer = await importLines([...planted, ...honest(9)]);
    expect(answer).toEqual({ imported: planted.length + 1000, rejected: [] });

    const found = await run('2026-11-02', '2026-11-08');
    expect(found).toEqual([
      ['exam-duration', 'K-RUSH'],
      ['exam-face-mismatch', 'K-FACE'],
      ['exam-pass-rate', 'K-LENIENT'],
    ]);
    const clean = await run('2026-11-09', '2026-11-15');
    expect(clean).toEqual([]);
  });
});
