import { addCalendarDays, beijingDate } from '#shared/dates.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REGISTRY } from '../app/registry.ts';
import { runDeadlines } from '../applications/lifecycle.service.ts';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import {
  refusalCodes,
  refusalItem,
  submit,
  tokenOf,
  type TestUser,
} from '../../../test/support/driver.ts';
import {
  createClerk,
  createFullScore,
  createLicence,
  idNumber,
} from '../../../test/support/factories.ts';
import { allocateExam } from '../../../test/support/exams.ts';
import { DRIVER_POINTS } from '../violations/points.service.ts';
import { licenceOf, lockedLicenceOf } from './licences.service.ts';
import { expectEnglishRefusalItems } from '../../../test/support/refusals.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());
beforeEach(() => {
  t.clock.set('2026-11-26T10:00:00+08:00');
  lastStart = 0;
});

const SITE = '520302-EX-001';

type CognitiveTest = 'pass' | 'fail';

async function certificate(id: string, cognitiveTest?: CognitiveTest) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/medical-certificates',
    headers: await tokenOf(t, 'clerk.hospital'),
    payload: {
      idNumber: id,
      name: '考生',
      examinedOn: '2026-11-26',
      conclusion: 'fit',
      ...(cognitiveTest ? { cognitiveTest } : {}),
    },
  });
  return res.json().certificateNo as string;
}

async function apply(
  id: string,
  cls = 'C1',
  user: TestUser = 'clerk.city',
  cognitiveTest?: CognitiveTest,
) {
  return await submit(
    t,
    user,
    'licence.apply',
    { idNumber: id, name: '考生' },
    {
      class: cls,
      medicalCertificateNo: await certificate(id, cognitiveTest),
    },
  );
}

let lastStart = 0;
/** The candidates' subjects allocated a session of the demo exam site, by day. */
const allocated = new Set<string>();
/** Moves the test clock to a day after the learner permit, issued by these tests on 2026-11-26. */
const permitDay = (days: number) =>
  t.clock.set(`${addCalendarDays('2026-11-26', days)}T10:00:00+08:00`);

/**
 * A result from the demo exam site on the test clock's day, each 10 minutes after the last, in
 * the session the ranking allocated to the candidate's booking of the subject that day (booked
 * here when the law lets it be; `booked: false` for none).
 */
async function result(
  id: string,
  subject: number,
  passed: boolean,
  o: {
    cls?: string;
    score?: number;
    faceMatch?: string;
    user?: TestUser;
    site?: string;
    booked?: false;
  } = {},
) {
  const key = `${id}|${subject}|${beijingDate(t.clock.now())}`;
  if (o.booked !== false && !o.user && !o.site && !allocated.has(key)) {
    const booking = await allocateExam(t, { idNumber: id, subject, examSiteCode: SITE });
    if (booking.json().status === 'accepted') allocated.add(key);
  }
  const now = t.clock.now().getTime();
  lastStart = Math.max(lastStart + 10 * 60_000, now - 6 * 3_600_000);
  const start = new Date(lastStart);
  return await t.app.inject({
    method: 'POST',
    url: '/api/v1/exam-results',
    headers: await tokenOf(t, o.user ?? 'clerk.exam'),
    payload: {
      idNumber: id,
      subject,
      class: o.cls ?? 'C1',
      examSiteCode: o.site ?? SITE,
      examinerId: 'KG-0007',
      score: o.score ?? (passed ? 95 : 60),
      passed,
      faceMatch: o.faceMatch ?? 'pass',
      startedAt: start.toISOString(),
      finishedAt: new Date(start.getTime() + 5 * 60_000).toISOString(),
      recordingRef: `REC-${lastStart}`,
      vehiclePlate: '贵C1234学',
    },
  });
}

const application = async (appId: string) =>
  (
    await t.app.inject({
      url: `/api/v1/applications/${appId}`,
      headers: bearer(await t.login('clerk.city')),
    })
  ).json();

describe('licence.apply: accepted until every subject is passed, then issued', () => {
  it('takes a first C1 licence from acceptance through four subjects to the licence', async () => {
    const id = idNumber('520302', '20000101');
    const accepted = await apply(id);
    expect(accepted.statusCode).toBe(201);
    const app = accepted.json();
    expect(app).toMatchObject({ status: 'accepted', stage: 'theory', result: { class: 'C1' } });
    expect(app.result.documents[0]).toMatchObject({
      kind: 'notice',
      number: expect.stringMatching(/^SL/),
    });
    expect(app.nextEvents).toEqual(['withdraw']);

    expect((await result(id, 1, false)).json()).toMatchObject({ counted: true, event: null });
    const theory = await result(id, 1, true);
    expect(theory.statusCode).toBe(201);
    expect(theory.json()).toMatchObject({
      counted: true,
      applicationId: app.id,
      event: 'theory-passed',
    });
    expect(await application(app.id)).toMatchObject({
      status: 'accepted',
      stage: 'skills',
      // Three years to the day before (R162 §41), the 2028 leap day included.
      result: { learnerPermit: { issuedOn: '2026-11-26', validUntil: '2029-11-25' } },
    });

    // R162 §§43–44: subject 2 from the 10th day after the permit, subject 3 from the 30th (C1).
    permitDay(10);
    await result(id, 2, true, { score: 80 }); // 80 passes subject 2 of a small car
    permitDay(30);
    await result(id, 3, false);
    await result(id, 3, true);
    const last = await result(id, 4, true);
    expect(last.json().event).toBe('all-passed');
    const done = await application(app.id);
    expect(done).toMatchObject({ status: 'completed', result: { licenceNo: id } });
    expect(done.result.documents.map((d: { kind: string }) => d.kind)).toEqual([
      'notice',
      'driving-licence',
    ]);
    const licence = (
      await t.app.inject({
        url: `/api/v1/licences/${id}`,
        headers: bearer(await t.login('clerk.city')),
      })
    ).json();
    expect(licence).toMatchObject({
      classes: ['C1'],
      status: 'valid',
      firstIssuedOn: '2026-12-26',
      validUntil: '2032-12-26',
      validityTerm: '6y',
      probationUntil: '2027-12-25',
      cycle: { start: '2026-12-26', end: '2027-12-25', points: 0 },
    });
    const row = await t.ctx.db
      .selectFrom('exam_results')
      .select(['exam_site_code', 'examiner_id', 'vehicle_plate', 'channel', 'recording_ref'])
      .where('id', '=', last.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      exam_site_code: SITE,
      examiner_id: 'KG-0007',
      vehicle_plate: '贵C1234学',
    });
  });

  it('adds a class to a licence held long enough (增驾)', async () => {
    const held = await createLicence(t.ctx.db, {
      name: '考生',
      birth: '19900101',
      firstIssuedOn: '2020-05-01',
    });
    const app = (await apply(held.idNumber, 'B1')).json();
    expect(app.status).toBe('accepted');
    await result(held.idNumber, 1, true, { cls: 'B1' });
    permitDay(20); // a large class waits 20 days for subject 2 and 40 for subject 3…
    await result(held.idNumber, 2, true, { cls: 'B1' });
    // …but 30 for a holder of a car-class licence (R162 §44): booked for day 30 and counted.
    permitDay(30);
    for (const s of [3, 4]) {
      expect((await result(held.idNumber, s, true, { cls: 'B1' })).json().counted).toBe(true);
    }
    expect((await application(app.id)).status).toBe('completed');
    const row = await t.ctx.db
      .selectFrom('licences')
      .select(['classes', 'probation_until', 'first_issued_on'])
      .where('id_number', '=', held.idNumber)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      classes: ['B1', 'C1'],
      probation_until: '2027-12-25', // a year from the B1 issued on day 30
      first_issued_on: '2020-05-01',
    });
  });

  it('applies the R172 ages: 18 for C1 with no upper limit (even at 75), 63 for large classes', async () => {
    const young = await apply(idNumber('520302', '20090101'));
    expect(refusalCodes(young)).toEqual(['AGE_BELOW_MINIMUM']);
    expect(refusalItem(young, 'AGE_BELOW_MINIMUM')?.legalBasis).toBe(
      '机动车驾驶证申领和使用规定 第十四条',
    );
    // At 75 with the memory, judgment and reaction test passed (R162 §14(二)9, below).
    const at75 = await apply(idNumber('520302', '19510101'), 'C1', 'clerk.city', 'pass');
    expect(at75.json().status).toBe('accepted');
    expect((await apply(idNumber('520302', '19630101'), 'B2')).json().status).toBe('accepted');
    const old = await apply(idNumber('520302', '19620101'), 'B2');
    expect(refusalCodes(old)).toEqual(['AGE_ABOVE_MAXIMUM']);
    expect(refusalCodes(await apply(idNumber('520302', '19550101'), 'D'))).toEqual([
      'AGE_ABOVE_MAXIMUM',
    ]);
    expectEnglishRefusalItems(old.json().refusal.items);
  });

  it('wants a memory, judgment and reaction test passed at 70 or more for C1/C2/C5/F (R172)', async () => {
    const untested = await apply(idNumber('520302', '19500101')); // 76
    expect(refusalCodes(untested)).toEqual(['COGNITIVE_TEST_REQUIRED']);
    const item = refusalItem(untested, 'COGNITIVE_TEST_REQUIRED');
    expect(item?.legalBasis).toBe('机动车驾驶证申领和使用规定 第十四条（公安部令第172号修改）');
    expect(item?.message).toContain('记忆力、判断力、反应力测试');
    expectEnglishRefusalItems(untested.json().refusal.items);
    const failed = await apply(idNumber('520302', '19500101'), 'F', 'clerk.city', 'fail');
    expect(refusalCodes(failed)).toEqual(['COGNITIVE_TEST_REQUIRED']);
    expect(refusalItem(failed, 'COGNITIVE_TEST_REQUIRED')?.message).toContain('不合格');
    const passed = await apply(idNumber('520302', '19500101'), 'C2', 'clerk.city', 'pass');
    expect(passed.json().status).toBe('accepted');
    // Under 70 the test is not asked for.
    expect((await apply(idNumber('520302', '19570101'))).json().status).toBe('accepted');
  });

  it('refuses upgrade-only classes to a first applicant and classes already held', async () => {
    const first = await apply(idNumber('520302', '19900101'), 'A1');
    expect(refusalCodes(first)).toEqual(['CLASS_UPGRADE_ONLY']);
    expect(refusalItem(first, 'CLASS_UPGRADE_ONLY')?.legalBasis).toBe(
      '机动车驾驶证申领和使用规定 第十六条',
    );
    const c1 = await createLicence(t.ctx.db, { name: '考生', birth: '19900101' });
    expect(refusalCodes(await apply(c1.idNumber, 'C2'))).toEqual(['CLASS_ALREADY_HELD']);
  });

  it('adds a class only for the holder by name, never naming the registered one', async () => {
    const held = await createLicence(t.ctx.db, {
      name: '王持证',
      birth: '19900101',
      firstIssuedOn: '2020-05-01',
    });
    const other = await apply(held.idNumber, 'B1'); // as 考生
    expect(refusalCodes(other)).toEqual(['APPLICANT_NAME_MISMATCH']);
    const item = refusalItem(other, 'APPLICANT_NAME_MISMATCH');
    expect(item?.legalBasis).toBe('机动车驾驶证申领和使用规定 第二十二条');
    expect(JSON.stringify(other.json())).not.toContain('王持证');
    expectEnglishRefusalItems(other.json().refusal.items);
    // A first licence has no file to compare with.
    expect((await apply(idNumber('520302', '19940101'))).json().status).toBe('accepted');
  });

  it('wants the class held long enough and no recent full score for an upgrade (R162 §17)', async () => {
    const recent = await createLicence(t.ctx.db, {
      name: '考生',
      birth: '19900101',
      firstIssuedOn: '2025-11-27',
    });
    const res = await apply(recent.idNumber, 'B1');
    expect(refusalCodes(res)).toEqual(['UPGRADE_NOT_HELD_LONG_ENOUGH']);
    expect(refusalItem(res, 'UPGRADE_NOT_HELD_LONG_ENOUGH')?.message).toContain('满 2 年');
    const twoYears = await createLicence(t.ctx.db, {
      name: '考生',
      birth: '19900101',
      firstIssuedOn: '2024-11-26',
    });
    expect((await apply(twoYears.idNumber, 'B1')).json().status).toBe('accepted');

    const scored = await createLicence(t.ctx.db, { name: '考生', birth: '19900101' }); // cycles from 03-15
    await createFullScore(t.ctx.db, {
      idNumber: scored.idNumber,
      cycleStart: '2025-03-15',
      reachedOn: '2025-06-01',
    });
    expect(refusalCodes(await apply(scored.idNumber, 'B1'))).toEqual(['UPGRADE_FULL_SCORE']);
    const older = await createLicence(t.ctx.db, { name: '考生', birth: '19900101' });
    await createFullScore(t.ctx.db, {
      idNumber: older.idNumber,
      cycleStart: '2024-03-15',
      reachedOn: '2024-06-01',
    });
    expect((await apply(older.idNumber, 'B1')).json().status).toBe('accepted');
    // A1 looks back three cycles.
    const a1 = await createLicence(t.ctx.db, {
      name: '考生',
      birth: '19800101',
      classes: ['B1'],
      firstIssuedOn: '2010-03-15',
    });
    await createFullScore(t.ctx.db, {
      idNumber: a1.idNumber,
      cycleStart: '2024-03-15',
      reachedOn: '2024-06-01',
    });
    expect(refusalCodes(await apply(a1.idNumber, 'A1'))).toEqual(['UPGRADE_FULL_SCORE']);
  });

  it('takes one application at a time, in person, at offices and police windows', async () => {
    const id = idNumber('520302', '19950101');
    expect((await apply(id)).statusCode).toBe(201);
    expect(refusalCodes(await apply(id))).toEqual(['APPLICATION_IN_PROGRESS']);
    const other = idNumber('520302', '19950101');
    const agent = await submit(
      t,
      'clerk.city',
      'licence.apply',
      { idNumber: other },
      { class: 'C1', medicalCertificateNo: await certificate(other) },
      { idNumber: idNumber(), name: '代办' },
    );
    expect(refusalCodes(agent)).toEqual(['AGENT_NOT_ALLOWED']);
    for (const user of ['clerk.hospital', 'clerk.post', 'clerk.exam']) {
      expect(refusalCodes(await apply(idNumber('520302', '19950101'), 'C1', user)), user).toEqual([
        'NOT_DELEGATED',
      ]);
    }
    const window = await createClerk(t.ctx.db, 'police-window');
    expect((await apply(idNumber('520302', '19950101'), 'C1', window)).statusCode).toBe(201);
  });
});

describe('after a cancellation (注销) a licence is applied for anew (初次申领)', () => {
  const licenceRead = async (id: string) =>
    (
      await t.app.inject({
        url: `/api/v1/licences/${id}`,
        headers: bearer(await t.login('clerk.city')),
      })
    ).json();

  it('issues a new licence after 12 points in probation cancelled the only class (R162 §80)', async () => {
    const held = await createLicence(t.ctx.db, {
      name: '考生',
      birth: '19900101',
      firstIssuedOn: '2026-05-01',
      probationUntil: '2027-04-30',
    });
    const id = held.idNumber;
    await t.ctx.db.transaction().execute(async (tx) => {
      const licence = await lockedLicenceOf(tx, id);
      await DRIVER_POINTS.recordImported(tx, licence!, 12, {
        today: '2026-11-26',
        now: t.clock.now(),
      });
    });
    expect(await licenceRead(id)).toMatchObject({ classes: [], status: 'cancelled' });

    // Not an upgrade of the cancelled licence: B1 is no first class, C1 is (R162 §16).
    expect(refusalCodes(await apply(id, 'B1'))).toEqual(['CLASS_UPGRADE_ONLY']);
    const app = (await apply(id)).json();
    expect(app).toMatchObject({ status: 'accepted', stage: 'theory' });
    expect((await result(id, 1, true)).json()).toMatchObject({
      counted: true,
      event: 'theory-passed',
    });
    permitDay(10);
    await result(id, 2, true);
    permitDay(30);
    await result(id, 3, true);
    expect((await result(id, 4, true)).json().event).toBe('all-passed');

    // A new first-issue day, term, probation and cycle: the old 12 points are not the new licence's.
    expect(await licenceRead(id)).toMatchObject({
      classes: ['C1'],
      status: 'valid',
      firstIssuedOn: '2026-12-26',
      validUntil: '2032-12-26',
      validityTerm: '6y',
      probationUntil: '2027-12-25',
      cycle: { start: '2026-12-26', end: '2027-12-25', points: 0 },
    });
    const licence = (await licenceOf(t.ctx.db, id))!;
    expect(await DRIVER_POINTS.openFullScore(t.ctx.db, licence)).toBeNull();
    expect(await DRIVER_POINTS.fullScoresInCycles(t.ctx.db, licence, '2026-12-26', 3)).toBe(0);
    // The old full score's exam passed later neither releases nor clears anything.
    permitDay(60);
    expect((await result(id, 1, true, { booked: false })).json()).toMatchObject({
      counted: false,
      event: null,
    });
    expect(await licenceRead(id)).toMatchObject({ status: 'valid', cycle: { points: 0 } });
    const events = await t.ctx.db
      .selectFrom('licence_events')
      .select(['event', 'status_from', 'status_to'])
      .where('id_number', '=', id)
      .orderBy('at')
      .execute();
    expect(events.at(-1)).toEqual({
      event: 'issue-anew',
      status_from: 'cancelled',
      status_to: 'valid',
    });
  });

  it('treats a licence more than two years past its renewal year as not held', async () => {
    const lapsed = await createLicence(t.ctx.db, {
      name: '考生',
      birth: '19900101',
      validUntil: '2023-06-01', // cancelled from 2024-06-02 (R162 §79(八))
    });
    expect(refusalCodes(await apply(lapsed.idNumber, 'B1'))).toEqual(['CLASS_UPGRADE_ONLY']);
    expect((await apply(lapsed.idNumber, 'C1')).json()).toMatchObject({
      status: 'accepted',
      stage: 'theory',
    });
  });
});

describe('吊销: a revoked licence is held no more; applied for anew after the bar (R162 §15)', () => {
  const importRevoked = async (id: string, extra: object) =>
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/licences',
      headers: { ...bearer(await t.login('admin')), 'content-type': 'application/x-ndjson' },
      payload: JSON.stringify({
        idNumber: id,
        name: '考生',
        licenceNo: id,
        classes: ['B1'],
        firstIssuedOn: '2012-05-20',
        validUntil: '2028-05-20',
        status: 'revoked',
        ...extra,
      }),
    });

  it('bars two years when the cause is unknown, saying so; then a first application, issued anew', async () => {
    const id = idNumber('520302', '19900101');
    const imported = (await importRevoked(id, { revokedOn: '2025-06-01' })).json();
    expect(imported).toMatchObject({ imported: 1, rejected: [] });
    // Not an upgrade of the revoked B1 licence: barred, and B1 is no first class.
    const barred = await apply(id, 'B1');
    expect(refusalCodes(barred).sort()).toEqual(['CLASS_UPGRADE_ONLY', 'REVOCATION_BAR']);
    const bar = refusalItem(barred, 'REVOCATION_BAR');
    expect(bar?.legalBasis).toBe('机动车驾驶证申领和使用规定 第十五条');
    expect(bar?.message).toContain('吊销原因未记载');
    expect(bar?.remedy).toContain('2027-06-01');
    expect(refusalCodes(await apply(id))).toEqual(['REVOCATION_BAR']);

    t.clock.set('2027-06-01T10:00:00+08:00');
    const cert = await t.app.inject({
      method: 'POST',
      url: '/api/v1/medical-certificates',
      headers: await tokenOf(t, 'clerk.hospital'),
      payload: { idNumber: id, name: '考生', examinedOn: '2027-06-01', conclusion: 'fit' },
    });
    const app = (
      await submit(
        t,
        'clerk.city',
        'licence.apply',
        { idNumber: id, name: '考生' },
        { class: 'C1', medicalCertificateNo: cert.json().certificateNo },
      )
    ).json();
    expect(app).toMatchObject({ status: 'accepted', stage: 'theory' });
    expect((await result(id, 1, true)).json().event).toBe('theory-passed');
    t.clock.set('2027-06-11T10:00:00+08:00');
    await result(id, 2, true);
    t.clock.set('2027-07-01T10:00:00+08:00');
    await result(id, 3, true);
    expect((await result(id, 4, true)).json().event).toBe('all-passed');
    const licence = await t.app.inject({
      url: `/api/v1/licences/${id}`,
      headers: bearer(await t.login('clerk.city')),
    });
    expect(licence.json()).toMatchObject({
      classes: ['C1'],
      status: 'valid',
      firstIssuedOn: '2027-07-01',
      validUntil: '2033-07-01',
    });
    const last = await t.ctx.db
      .selectFrom('licence_events')
      .select(['event', 'status_from', 'status_to'])
      .where('id_number', '=', id)
      .orderBy('at', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toEqual({ event: 'issue-anew', status_from: 'revoked', status_to: 'valid' });
  });

  it('bars five years after drunk driving, for life after a hit-and-run crime', async () => {
    const drunk = idNumber('520302', '19900101');
    await importRevoked(drunk, { revokedOn: '2022-06-01', revocationCause: 'drunk-driving' });
    const barred = await apply(drunk);
    expect(refusalCodes(barred)).toEqual(['REVOCATION_BAR']);
    expect(refusalItem(barred, 'REVOCATION_BAR')?.remedy).toContain('2027-06-01');
    const fled = idNumber('520302', '19900101');
    await importRevoked(fled, { revokedOn: '2012-06-01', revocationCause: 'hit-and-run' });
    const never = await apply(fled);
    expect(refusalCodes(never)).toEqual(['REVOCATION_BAR']);
    expect(refusalItem(never, 'REVOCATION_BAR')?.message).toContain('终生');
    expectEnglishRefusalItems(never.json().refusal.items);
  });

  it('rejects a revocation day or cause on a licence that is not revoked', async () => {
    const id = idNumber('520302', '19900101');
    const res = (await importRevoked(id, { status: 'valid', revocationCause: 'other' })).json();
    expect(res).toMatchObject({ imported: 0, rejected: [{ line: 1 }] });
  });
});

describe('恢复驾驶资格: a licence over a year overdue comes back with subject 1 (R162 §79 第三款)', () => {
  it('restores the licence held, its classes and first issue, on subject 1 within two years', async () => {
    const held = await createLicence(t.ctx.db, {
      name: '考生',
      birth: '19900101',
      classes: ['B1'],
      validUntil: '2025-06-01', // cancelled from 2026-06-02, restorable until 2028-06-01
    });
    const id = held.idNumber;
    const app = (await apply(id, 'B1')).json();
    expect(app).toMatchObject({ status: 'accepted', stage: 'theory' });
    expect((await result(id, 1, true, { cls: 'B1' })).json()).toMatchObject({
      counted: true,
      event: 'restored',
    });
    const done = await application(app.id);
    expect(done).toMatchObject({ status: 'completed', result: { licenceNo: id } });
    expect(done.result.documents.map((d: { kind: string }) => d.kind)).toEqual([
      'notice',
      'driving-licence',
    ]);
    expect(
      (
        await t.app.inject({
          url: `/api/v1/licences/${id}`,
          headers: bearer(await t.login('clerk.city')),
        })
      ).json(),
    ).toMatchObject({
      classes: ['B1'],
      status: 'valid',
      firstIssuedOn: '2015-03-15',
      // Renewed on the day as a renewal would be (R162 §62): no full score in the 10-year term.
      validityTerm: 'long-term',
      validUntil: null,
    });
    const last = await t.ctx.db
      .selectFrom('licence_events')
      .select(['event', 'status_from', 'status_to'])
      .where('id_number', '=', id)
      .orderBy('at', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toEqual({ event: 'restore', status_from: 'cancelled', status_to: 'valid' });
  });

  it('keeps the term after a full score in it, from the day of the restoration (R162 §62)', async () => {
    const held = await createLicence(t.ctx.db, {
      name: '考生',
      birth: '19900101',
      validityTerm: '6y',
      firstIssuedOn: '2019-06-01',
      validUntil: '2025-06-01',
    });
    await createFullScore(t.ctx.db, {
      idNumber: held.idNumber,
      cycleStart: '2022-06-01',
      reachedOn: '2023-01-10',
    });
    expect((await apply(held.idNumber)).json()).toMatchObject({ status: 'accepted' });
    expect((await result(held.idNumber, 1, true)).json().event).toBe('restored');
    const licence = (await licenceOf(t.ctx.db, held.idNumber))!;
    expect(licence).toMatchObject({ validityTerm: '6y', validUntil: '2032-11-26' });
  });

  it('restores only for the holder by name (R162 §79 第三款)', async () => {
    const held = await createLicence(t.ctx.db, {
      name: '张三',
      birth: '19900101',
      validUntil: '2025-06-01',
    });
    expect(refusalCodes(await apply(held.idNumber))).toEqual(['APPLICANT_NAME_MISMATCH']);
  });

  it('restores when the application came within the two years, though subject 1 is passed after them', async () => {
    const held = await createLicence(t.ctx.db, {
      name: '考生',
      birth: '19900101',
      classes: ['B1'],
      validUntil: '2024-12-01', // cancelled from 2025-12-02, restorable until 2027-12-01
    });
    const app = (await apply(held.idNumber, 'B1')).json();
    expect(app).toMatchObject({ status: 'accepted', stage: 'theory' });
    t.clock.set('2027-12-10T10:00:00+08:00');
    expect((await result(held.idNumber, 1, true, { cls: 'B1' })).json()).toMatchObject({
      counted: true,
      event: 'restored',
    });
    expect((await application(app.id)).status).toBe('completed');
  });

  it('refuses to restore past the two years, citing the article; a first class is then applied for anew', async () => {
    const held = await createLicence(t.ctx.db, {
      name: '考生',
      birth: '19900101',
      classes: ['B1'],
      validUntil: '2023-06-01', // restorable until 2026-06-01
    });
    const late = await apply(held.idNumber, 'B1');
    expect(refusalCodes(late)).toEqual(['RESTORATION_PERIOD_OVER']);
    expect(refusalItem(late, 'RESTORATION_PERIOD_OVER')?.legalBasis).toBe(
      '机动车驾驶证申领和使用规定 第七十九条第三款',
    );
    expect((await apply(held.idNumber, 'C1')).json()).toMatchObject({ status: 'accepted' });
    expect((await result(held.idNumber, 1, true)).json().event).toBe('theory-passed');
  });
});

describe('exam results (POST /exam-results) and the 5-booking rule', () => {
  async function inSkills() {
    const id = idNumber('520302', '19980101');
    const app = (await apply(id)).json();
    await result(id, 1, true);
    return { id, appId: app.id as string };
  }

  it('voids the passed subjects when the 5th booking of subject 2 fails (R162 §47)', async () => {
    const { id, appId } = await inSkills();
    permitDay(30);
    await result(id, 3, true);
    // Each booking is a test and a retake; the next from the 10th day after it failed.
    for (let booking = 1; booking <= 4; booking++) {
      permitDay(30 + booking * 10);
      for (const _ of [1, 2]) {
        expect((await result(id, 2, false)).json()).toMatchObject({ counted: true, event: null });
      }
    }
    expect((await application(appId)).status).toBe('accepted');
    permitDay(80);
    await result(id, 2, false);
    expect((await result(id, 2, false)).json().event).toBe('exams-voided');
    expect(await application(appId)).toMatchObject({ status: 'expired', stage: null });
    // The candidate may apply again from the start.
    expect((await apply(id)).json()).toMatchObject({ status: 'accepted', stage: 'theory' });
  });

  it('passes on the retake of the 5th booking', async () => {
    const { id, appId } = await inSkills();
    for (let booking = 1; booking <= 4; booking++) {
      permitDay(booking * 10);
      await result(id, 2, false);
      await result(id, 2, false);
    }
    permitDay(50);
    await result(id, 2, false);
    await result(id, 2, true);
    await result(id, 3, true);
    await result(id, 4, true);
    expect((await application(appId)).status).toBe('completed');
  });

  it('checks the pass marks and who may send results', async () => {
    const { id } = await inSkills();
    const b2 = await result(id, 2, true, { cls: 'B2', score: 85 });
    expect(b2.statusCode).toBe(400);
    expect(b2.json().error.details[0].path).toBe('passed');
    expect((await result(id, 1, true, { score: 89 })).statusCode).toBe(400);
    for (const user of ['clerk.city', 'clerk.hospital', 'admin']) {
      expect((await result(id, 2, true, { user })).statusCode, user).toBe(403);
    }
    expect((await result(id, 2, true, { site: '520302-EX-002' })).statusCode).toBe(403);
  });

  it('records but does not count a pass without a face match, or another class', async () => {
    const { id, appId } = await inSkills();
    permitDay(30);
    expect((await result(id, 2, true, { faceMatch: 'fail' })).json()).toMatchObject({
      counted: false,
      reasons: [{ code: 'RESULT_FACE_MISMATCH' }],
    });
    expect((await result(id, 2, true, { cls: 'C2' })).json()).toMatchObject({
      counted: false,
      reasons: [{ code: 'RESULT_CLASS_MISMATCH' }],
    });
    await result(id, 3, true);
    await result(id, 4, true);
    expect((await application(appId)).status).toBe('accepted');
  });

  it('ends the application when the learner permit expires', async () => {
    const { appId } = await inSkills();
    t.clock.set('2029-11-25T23:00:00+08:00'); // the permit's last day
    await runDeadlines(t.ctx, REGISTRY);
    expect(await application(appId)).toMatchObject({ status: 'accepted', stage: 'skills' });
    t.clock.set('2029-11-26T03:00:00+08:00');
    await runDeadlines(t.ctx, REGISTRY);
    expect(await application(appId)).toMatchObject({ status: 'expired' });
  });

  it('lets the applicant withdraw, closing the candidacy', async () => {
    const { id, appId } = await inSkills();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/applications/${appId}/events`,
      headers: bearer(await t.login('clerk.city')),
      payload: { event: 'withdraw', data: {} },
    });
    expect(res.json()).toMatchObject({ status: 'withdrawn' });
    expect((await result(id, 2, true)).json()).toMatchObject({ counted: false });
    const fired = await t.app.inject({
      method: 'POST',
      url: `/api/v1/applications/${appId}/events`,
      headers: bearer(await t.login('clerk.city')),
      payload: { event: 'all-passed', data: {} },
    });
    expect(fired.statusCode).toBe(400);
  });
});

describe('a result counts only on a day the law allows the exam (R162 §§39, 43–47)', () => {
  const codes = (res: { json(): { reasons: { code: string }[] } }) =>
    res.json().reasons.map((r) => r.code);

  it('records but does not count subjects 2, 3 and 4 taken before their waits or out of order', async () => {
    const id = idNumber('520302', '19960101');
    const app = (await apply(id)).json();
    expect((await result(id, 1, true)).json()).toMatchObject({ event: 'theory-passed' });
    // The same day as the permit: all three are recorded (201), none counts; the law refused their
    // bookings too, so none is in an allocated session either.
    const early = ['RESULT_NOT_BOOKED'];
    const s2 = await result(id, 2, true);
    expect(s2.statusCode).toBe(201);
    expect(s2.json()).toMatchObject({ counted: false, applicationId: null, event: null });
    expect(s2.json().reasons[0]).toMatchObject({
      code: 'RESULT_TOO_EARLY',
      legalBasis: '机动车驾驶证申领和使用规定 第四十三条、第四十四条、第四十七条',
    });
    expect(s2.json().reasons[0].message).toContain('2026-12-06');
    expect(codes(await result(id, 4, true))).toEqual(['RESULT_SUBJECT_NOT_YET', ...early]);
    const s3 = await result(id, 3, true);
    expect(codes(s3)).toEqual(['RESULT_TOO_EARLY', ...early]);
    expect(s3.json().reasons[0].messageEn).toContain('2026-12-26');
    expect(await application(app.id)).toMatchObject({ status: 'accepted', stage: 'skills' });
    const logged = await t.ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('entity_id', '=', s3.json().id)
      .executeTakeFirstOrThrow();
    expect(logged.details).toMatchObject({
      counted: false,
      notCounted: ['RESULT_TOO_EARLY', ...early],
    });

    permitDay(9);
    expect(codes(await result(id, 2, true))).toEqual(['RESULT_TOO_EARLY', ...early]);
    // Day 10: subject 2 fails twice (a booking's test and retake), so the booking is over…
    permitDay(10);
    expect((await result(id, 2, false)).json()).toMatchObject({ counted: true, reasons: [] });
    expect((await result(id, 2, false)).json()).toMatchObject({ counted: true });
    // …and the next one is from the 10th day after (§47).
    permitDay(19);
    const rebooked = await result(id, 2, true);
    expect(codes(rebooked)).toEqual(['RESULT_TOO_EARLY', ...early]);
    expect(rebooked.json().reasons[0].message).toContain('2026-12-16');
    permitDay(20);
    expect((await result(id, 2, true)).json()).toMatchObject({ counted: true });
    // Subject 4 only once subject 3 is passed too, then the same day.
    permitDay(30);
    expect(codes(await result(id, 4, true))).toEqual(['RESULT_SUBJECT_NOT_YET', ...early]);
    expect((await result(id, 3, true)).json()).toMatchObject({ counted: true, event: null });
    expect((await result(id, 4, true)).json()).toMatchObject({
      counted: true,
      event: 'all-passed',
    });
    expect((await application(app.id)).status).toBe('completed');
  });

  it('counts only in a session allocated to the candidate’s booking, a test and a retake (R162 §§39, 47)', async () => {
    const id = idNumber('520302', '19950101');
    const app = (await apply(id)).json();
    // Subject 1 with no booking at all: recorded, not counted, the permit not issued.
    const unbooked = await result(id, 1, true, { booked: false });
    expect(unbooked.statusCode).toBe(201);
    expect(unbooked.json()).toMatchObject({ counted: false, event: null });
    expect(codes(unbooked)).toEqual(['RESULT_NOT_BOOKED']);
    const reason = unbooked.json().reasons[0];
    expect(reason.legalBasis).toBe('机动车驾驶证申领和使用规定 第三十九条');
    expect(reason.message).toContain('520302-EX-001 2026-11-26');
    expect(reason.messageEn).toContain('no booking allocated');
    expect((await application(app.id)).stage).toBe('theory');
    await result(id, 1, true);
    // Subject 2 booked and allocated for day 12: not on day 11, nor at another exam site.
    permitDay(12);
    await allocateExam(t, { idNumber: id, subject: 2, examSiteCode: SITE });
    permitDay(11);
    expect(codes(await result(id, 2, true, { booked: false }))).toEqual(['RESULT_NOT_BOOKED']);
    permitDay(12);
    const other = await createClerk(t.ctx.db, 'exam-site');
    const elsewhere = await result(id, 2, true, { user: other, site: other.outlet.code });
    expect(codes(elsewhere)).toEqual(['RESULT_NOT_BOOKED']);
    // At the allocated session: a test and one retake count, a third attempt does not.
    expect((await result(id, 2, false, { booked: false })).json().counted).toBe(true);
    expect((await result(id, 2, false, { booked: false })).json().counted).toBe(true);
    const third = await result(id, 2, true, { booked: false });
    expect(codes(third)).toContain('RESULT_BOOKING_USED');
    expect(
      third.json().reasons.find((r: { code: string }) => r.code === 'RESULT_BOOKING_USED'),
    ).toMatchObject({ legalBasis: '机动车驾驶证申领和使用规定 第四十七条' });
    expect((await application(app.id)).result.learnerPermit).toBeDefined();
  });

  it('does not count a skills exam after the learner permit ran out', async () => {
    const id = idNumber('520302', '19960101');
    const app = (await apply(id)).json();
    await result(id, 1, true);
    const { learnerPermit } = (await application(app.id)).result;
    t.clock.set(`${addCalendarDays(learnerPermit.validUntil, 1)}T09:00:00+08:00`);
    const late = await result(id, 2, true);
    expect(late.json().counted).toBe(false);
    expect(codes(late)).toEqual(['RESULT_AFTER_PERMIT', 'RESULT_NOT_BOOKED']);
  });
});
