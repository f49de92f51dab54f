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

describe('the phone and driving school of a licence application reach exam oversight', () => {
  /** A fit medical certificate and a licence application with the phone and school given. */
  async function apply(id: string, phone: string, drivingSchoolCode?: string) {
    const cert = await t.app.inject({
      method: 'POST',
      url: '/api/v1/medical-certificates',
      headers: bearer(await t.login('clerk.hospital')),
      payload: { idNumber: id, name: '考生', examinedOn: '2026-11-24', conclusion: 'fit' },
    });
    expect(cert.statusCode).toBe(201);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: bearer(await t.login('clerk.city')),
      payload: {
        businessType: 'licence.apply',
        applicant: { idNumber: id, name: '考生', phone },
        data: {
          class: 'C1',
          medicalCertificateNo: cert.json().certificateNo,
          ...(drivingSchoolCode ? { drivingSchoolCode } : {}),
        },
      },
    });
    expect(res.statusCode).toBe(201);
  }

  it('links candidates who gave one phone or came from one school', async () => {
    // Applications taken in the day before the exams (`record` sits them on 2026-11-25).
    t.clock.set('2026-11-24T10:00:00+08:00');
    const people = [0, 1, 2, 3].map(() => idNumber('520302', '19990101'));
    await apply(people[0]!, '13912345678', 'JX-ZY-001');
    await apply(people[1]!, '13912345678', 'JX-ZY-001');
    await apply(people[2]!, '13912345678', 'JX-ZY-001');
    await apply(people[3]!, '13700000000');
    t.clock.set();
    for (const [n, id] of people.entries()) {
      await record(10 + n, { idNumber: id, examinerId: 'KG-LINKS', faceMatch: 'pass' });
    }
    const oversight = (
      await t.app.inject({
        url: '/api/v1/supervision/exam-oversight?from=2026-11-25&to=2026-11-25',
        headers: bearer(await t.login('sup.city')),
      })
    ).json();
    expect(oversight).toMatchObject({ withPhone: 4, withSchool: 3 });
    expect(
      oversight.associations.map((a: { kind: string; key: string; exams: number }) => [
        a.kind,
        a.key,
        a.exams,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['phone', '139****5678', 3],
        ['school', 'JX-ZY-001', 3],
      ]),
    );
  });
});
