import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import {
  examsPort,
  plantAlert,
  plantInspections,
  stationWeek,
} from '../../../test/support/supervision.ts';
import type { ExamFact } from './exam-port.ts';
import { drawValue } from './review-draw.ts';

/**
 * Exam oversight and inspection-station risk over the HTTP API: identity associations, the
 * random-assignment test, the daily review queue with verdicts that raise alerts, and the
 * stations' risk rating, each in the supervisor's jurisdiction.
 */
let t: TestApp;
const exams: ExamFact[] = [];
let siteA: { code: string; county: string };
let stations: { code: string; county: string }[];

let serial = 0;
function exam(over: Partial<ExamFact>): ExamFact {
  serial += 1;
  const started = new Date('2026-11-25T08:00:00+08:00');
  started.setMinutes(serial % 600);
  return {
    id: `OV${String(serial).padStart(6, '0')}`,
    idNumber: `52030219900307${String(serial % 10000).padStart(4, '0')}`,
    subject: 2,
    examSiteCode: siteA.code,
    examinerId: 'KA2',
    passed: true,
    faceMatch: 'pass',
    startedAt: started,
    finishedAt: new Date(started.getTime() + 20 * 60_000),
    recordingRef: `rec/${serial}.mp4`,
    ...over,
  };
}

async function get(url: string, who = 'sup.city') {
  return await t.app.inject({ url, headers: bearer(await t.login(who)) });
}
async function post(url: string, body: object, who = 'sup.city') {
  return await t.app.inject({
    method: 'POST',
    url,
    headers: bearer(await t.login(who)),
    payload: body,
  });
}

beforeAll(async () => {
  t = await createTestApp({
    supervisionPorts: { examResults: (db, q) => examsPort(exams)(db, q) },
  });
  const site = await t.ctx.db
    .selectFrom('outlets')
    .select(['code', 'county_code'])
    .where('category', '=', 'exam-site')
    .where('county_code', '!=', '520322')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  siteA = { code: site.code, county: site.county_code };
  // One phone behind four candidates.
  for (let i = 0; i < 4; i++) exams.push(exam({ phone: '13800001111', examinerId: 'KA2' }));
  // Examiner KA9 passes three candidates whose face did not match.
  for (let i = 0; i < 3; i++) exams.push(exam({ examinerId: 'KA9', faceMatch: 'fail' }));
  // Subject 2 at site A: examiner KA1 gets most of school S1 (X² = 46 on 4 df).
  const table = [
    [24, 1, 5],
    [2, 14, 14],
    [4, 15, 11],
  ];
  table.forEach((row, i) =>
    row.forEach((n, j) => {
      for (let k = 0; k < n; k++) {
        exams.push(exam({ examinerId: `KA${i + 1}`, schoolCode: `S${j + 1}` }));
      }
    }),
  );
  // More recorded exams of KA1 (subject 3), and a few without a recording.
  for (let i = 0; i < 170; i++) exams.push(exam({ examinerId: 'KA1', subject: 3 }));
  for (let i = 0; i < 5; i++) exams.push(exam({ recordingRef: null }));
  // KA1 has an open exam alert: its recordings are drawn at the flagged rate.
  const alertId = await plantAlert(t.ctx.db, {
    cityCode: '520300',
    countyCode: siteA.county,
    outletCode: siteA.code,
  });
  await t.ctx.db
    .updateTable('alerts')
    .set({ rule: 'exam-face-mismatch', subject_kind: 'examiner', subject_id: 'KA1' })
    .where('id', '=', alertId)
    .execute();

  stations = (
    await t.ctx.db
      .selectFrom('outlets')
      .select(['code', 'county_code as county'])
      .where('category', '=', 'inspection-station')
      .orderBy('code')
      .execute()
  ).slice(0, 6);
  await plantInspections(
    t.ctx.db,
    '520300',
    stations.flatMap((s, i) => stationWeek(s, '2026-11-02', 40, i === 0 ? 40 : 30)),
  );
});
afterAll(async () => t.close());

describe('exam oversight', () => {
  it('links candidates by phone, face-match override and school, masked', async () => {
    const res = await get('/api/v1/supervision/exam-oversight?from=2026-11-01&to=2026-11-30');
    expect(res.statusCode).toBe(200);
    const o = res.json();
    expect(o.exams).toBe(exams.length);
    const phone = o.associations.find((a: { kind: string }) => a.kind === 'phone');
    expect(phone).toMatchObject({ key: '138****1111', exams: 4 });
    expect(phone.candidates).toHaveLength(4);
    expect(phone.candidates[0]).toMatch(/^520302\*{8}\d{3}[\dX]$/);
    expect(res.body).not.toContain('13800001111');
    const override = o.associations.find((a: { kind: string }) => a.kind === 'face-override');
    expect(override).toMatchObject({ key: 'KA9', passed: 3, examiners: [{ id: 'KA9', exams: 3 }] });
    const school = o.associations.find(
      (a: { kind: string; key: string }) => a.kind === 'school' && a.key === 'S1',
    );
    expect(school).toMatchObject({
      topExaminerShare: 0.8,
      examiners: [
        { id: 'KA1', exams: 24 },
        { id: 'KA3', exams: 4 },
        { id: 'KA2', exams: 2 },
      ],
    });
  });

  it('finds that examiners at the site are not assigned at random', async () => {
    const o = (
      await get('/api/v1/supervision/exam-oversight?from=2026-11-01&to=2026-11-30')
    ).json();
    expect(o.assignment).toHaveLength(1);
    expect(o.assignment[0]).toMatchObject({
      examSiteCode: siteA.code,
      subject: 2,
      df: 4,
      flagged: true,
      excess: [{ examinerId: 'KA1', schoolCode: 'S1', observed: 24, expected: 10 }, {}, {}],
    });
    expect(o.assignment[0].statistic).toBeCloseTo(46, 8);
  });

  it('shows a brigade its own county only, and clerks nothing', async () => {
    const county = (
      await get('/api/v1/supervision/exam-oversight?from=2026-11-01&to=2026-11-30', 'sup.county')
    ).json();
    expect(county.exams).toBe(0);
    expect(county.associations).toEqual([]);
    expect(
      (await get('/api/v1/supervision/exam-oversight?from=2026-11-01&to=2026-11-30', 'clerk.exam'))
        .statusCode,
    ).toBe(403);
  });
});

describe('daily audio/video review queue', () => {
  let drawn: { id: string; examinerId: string; reason: string; examId: string }[] = [];

  it('draws yesterday reproducibly: the base rate, and more of the flagged examiner', async () => {
    const res = await post('/api/v1/supervision/reviews/draws', { date: '2026-11-25' });
    expect(res.statusCode).toBe(200);
    // Recomputed here from the seed and the rates (policy defaults 2 % and 20 %).
    const seed = t.ctx.signer.sign('exam-review-seed', '520300|2026-11-25');
    const expected = exams
      .filter((e) => e.recordingRef)
      .filter((e) => drawValue(seed, e.id) < (e.examinerId === 'KA1' ? 0.2 : 0.02));
    expect(expected.length).toBeGreaterThan(10);
    expect(res.json()).toMatchObject({
      exams: exams.length,
      withRecording: exams.length - 5,
      drawn: expected.length,
      added: expected.length,
    });
    const list = (
      await get('/api/v1/supervision/reviews?date=2026-11-25&status=pending&limit=500')
    ).json();
    drawn = list.items;
    expect(drawn.map((r) => r.examId).sort()).toEqual(expected.map((e) => e.id).sort());
    expect(drawn.every((r) => (r.reason === 'flagged') === (r.examinerId === 'KA1'))).toBe(true);
    expect(list.items[0].candidate).toContain('********');

    const again = await post('/api/v1/supervision/reviews/draws', { date: '2026-11-25' });
    expect(again.json()).toMatchObject({ drawn: expected.length, added: 0 });
    expect(
      (await post('/api/v1/supervision/reviews/draws', { date: '2026-11-25' }, 'sup.county'))
        .statusCode,
    ).toBe(403);
  });

  it('an irregular verdict raises one alert about the examiner that day, with the evidence', async () => {
    const [first, second] = drawn.filter((r) => r.examinerId === 'KA1');
    const ok = drawn.find((r) => r.examinerId !== 'KA1')!;
    const okRes = await post(`/api/v1/supervision/reviews/${ok.id}/verdict`, {
      verdict: 'ok',
      note: '过程规范',
    });
    expect(okRes.json()).toMatchObject({ status: 'done', verdict: 'ok', alertId: null });

    const a = await post(`/api/v1/supervision/reviews/${first!.id}/verdict`, {
      verdict: 'irregular',
      note: '考官提示考生操作',
    });
    expect(a.statusCode).toBe(200);
    const alertId = a.json().alertId;
    expect(alertId).toBeTruthy();
    const b = await post(`/api/v1/supervision/reviews/${second!.id}/verdict`, {
      verdict: 'irregular',
      note: '同一考官再次违规',
    });
    expect(b.json().alertId).toBe(alertId);

    const alert = (await get(`/api/v1/alerts/${alertId}`)).json();
    expect(alert).toMatchObject({
      rule: 'exam-review',
      severity: 'high',
      level: 'detachment',
      subject: { kind: 'examiner', id: 'KA1' },
      outletCode: siteA.code,
      period: { from: '2026-11-25', to: '2026-11-25' },
      evidence: { review: first!.id, note: '考官提示考生操作', reviewer: 'sup.city' },
    });
    // The second irregular recording joined the alert and is named in its evidence.
    expect(alert.evidence.moreReviews).toEqual([
      expect.objectContaining({
        review: second!.id,
        note: '同一考官再次违规',
        reviewer: 'sup.city',
      }),
    ]);

    const twice = await post(`/api/v1/supervision/reviews/${first!.id}/verdict`, {
      verdict: 'ok',
      note: '改判',
    });
    expect(twice.statusCode).toBe(409);
  });

  it('is reviewed within the jurisdiction only', async () => {
    const pending = drawn.at(-1)!;
    const res = await post(
      `/api/v1/supervision/reviews/${pending.id}/verdict`,
      { verdict: 'ok', note: '越权' },
      'sup.county',
    );
    expect(res.statusCode).toBe(403);
    const county = (await get('/api/v1/supervision/reviews?limit=500', 'sup.county')).json();
    expect(county.items).toEqual([]);
    expect((await get('/api/v1/supervision/reviews', 'clerk.exam')).statusCode).toBe(403);
  });
});

describe('inspection-station risk rating', () => {
  it('rates the station that passes everything high, and says why', async () => {
    const res = await get('/api/v1/supervision/station-risk?from=2026-11-01&to=2026-11-30');
    expect(res.statusCode).toBe(200);
    const [top] = res.json().items;
    expect(top).toMatchObject({ code: stations[0]!.code, rating: 'high', weight: 4, n: 40 });
    expect(top.contributions[0]).toMatchObject({ metric: 'passRate', value: 1, peerMedian: 0.75 });
    const county = (
      await get('/api/v1/supervision/station-risk?from=2026-11-01&to=2026-11-30', 'sup.county')
    ).json();
    expect(county.items.every((s: { countyCode: string }) => s.countyCode === '520322')).toBe(true);
  });
});
