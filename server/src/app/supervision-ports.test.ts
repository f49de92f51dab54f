import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { idNumber } from '../../../test/support/factories.ts';

/**
 * The composition root wires the licences area's exam results into supervision's port: what an
 * exam site records is what the supervision run, the oversight view and the review draw read.
 */
let t: TestApp;
const SITE = '520302-EX-001';

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

async function record(n: number, over: Record<string, unknown> = {}) {
  const start = new Date('2026-11-25T09:00:00+08:00');
  start.setMinutes(n * 7);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/exam-results',
    headers: bearer(await t.login('clerk.exam')),
    payload: {
      idNumber: idNumber('520302', '19990101'),
      subject: 1,
      class: 'C1',
      examSiteCode: SITE,
      examinerId: 'KG-WIRED',
      score: 95,
      passed: true,
      faceMatch: 'manual',
      startedAt: start.toISOString(),
      finishedAt: new Date(start.getTime() + 30 * 60_000).toISOString(),
      recordingRef: `REC-WIRED-${n}`,
      ...over,
    },
  });
  expect(res.statusCode).toBe(201);
}

describe('supervision reads the exam results the licences area recorded', () => {
  it('in the oversight view, the review draw and the run', async () => {
    for (let n = 0; n < 4; n++) await record(n);
    const headers = bearer(await t.login('sup.city'));
    const oversight = (
      await t.app.inject({
        url: '/api/v1/supervision/exam-oversight?from=2026-11-25&to=2026-11-25',
        headers,
      })
    ).json();
    expect(oversight.exams).toBe(4);
    // Four passes whose face match was manual: the examiner links four candidates.
    expect(oversight.associations).toMatchObject([
      { kind: 'face-override', key: 'KG-WIRED', exams: 4, passed: 4 },
    ]);

    const draw = await t.app.inject({
      method: 'POST',
      url: '/api/v1/supervision/reviews/draws',
      headers,
      payload: { date: '2026-11-25' },
    });
    expect(draw.json()).toMatchObject({ date: '2026-11-25', exams: 4, withRecording: 4 });

    const run = await t.app.inject({
      method: 'POST',
      url: '/api/v1/supervision/runs',
      headers,
      payload: { from: '2026-11-25', to: '2026-11-25' },
    });
    expect(run.statusCode).toBe(200);
    const read = await t.ctx.db
      .selectFrom('supervision_runs')
      .select('read')
      .where('id', '=', run.json().runId)
      .executeTakeFirstOrThrow();
    expect(read.read).toMatchObject({ exams: 4 });
  });
});
