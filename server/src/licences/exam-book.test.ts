import { beijingDate } from '#shared/dates.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTRY } from '../app/registry.ts';
import { runDeadlines } from '../applications/lifecycle.service.ts';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { refusalCodes, refusalItem, submit, tokenOf } from '../../../test/support/driver.ts';
import { createLicence, createOutlet, GUIYANG, idNumber } from '../../../test/support/factories.ts';
import { allocateExam } from '../../../test/support/exams.ts';
import { expectEnglishRefusalItems } from '../../../test/support/refusals.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const SITE = '520302-EX-001';
let minute = 0;

async function post(url: string, payload: object, user = 'clerk.city') {
  return await t.app.inject({ method: 'POST', url, headers: await tokenOf(t, user), payload });
}

const allocated = new Set<string>();

/**
 * A result from the demo exam site on the test clock's day, in the session the ranking allocated
 * to the candidate's booking of the subject (booked here, unless the test booked it already); a
 * no-show (缺考) when `absent`.
 */
async function result(id: string, subject: number, passed: boolean, cls = 'C1', absent = false) {
  const key = `${id}|${subject}|${beijingDate(t.clock.now())}`;
  if (!allocated.has(key)) {
    const booking = await allocateExam(t, { idNumber: id, subject, examSiteCode: SITE });
    if (booking.json().status === 'accepted') allocated.add(key);
  }
  minute += 10;
  const start = new Date(t.clock.now().getTime() - 3 * 3_600_000 + minute * 1000);
  return await post(
    '/api/v1/exam-results',
    {
      idNumber: id,
      subject,
      class: cls,
      examSiteCode: SITE,
      examinerId: 'KG-0001',
      score: passed ? 95 : absent ? 0 : 50,
      passed,
      ...(absent ? { absent } : {}),
      faceMatch: 'pass',
      startedAt: start.toISOString(),
      finishedAt: new Date(start.getTime() + 1000).toISOString(),
    },
    'clerk.exam',
  );
}

/** A candidate who passed subject 1 at `at` (the learner permit is issued that day). */
async function candidate(at: string, cls = 'C1') {
  t.clock.set(at);
  const id = idNumber('520302', '19990101');
  const cert = await post(
    '/api/v1/medical-certificates',
    { idNumber: id, name: '考生', examinedOn: at.slice(0, 10), conclusion: 'fit' },
    'clerk.hospital',
  );
  const app = await submit(
    t,
    'clerk.city',
    'licence.apply',
    { idNumber: id, name: '考生' },
    {
      class: cls,
      medicalCertificateNo: cert.json().certificateNo,
    },
  );
  expect(app.json().status).toBe('accepted');
  expect((await result(id, 1, true, cls)).json().event).toBe('theory-passed');
  return id;
}

const book = (id: string, subject: number, preferredDates?: string[], examSiteCode = SITE) =>
  submit(
    t,
    'clerk.city',
    'exam.book',
    { idNumber: id, name: '考生' },
    {
      subject,
      examSiteCode,
      ...(preferredDates ? { preferredDates } : {}),
    },
  );

describe('exam.book: earliest dates, order and limits (R162 §§39, 43–47)', () => {
  it('books subject 2 of a small car from the 10th day after the permit, subject 3 from the 30th', async () => {
    const id = await candidate('2026-11-26T09:00:00+08:00');
    const early = await book(id, 2, ['2026-12-05']);
    expect(refusalCodes(early)).toEqual(['DATE_TOO_EARLY']);
    expect(refusalItem(early, 'DATE_TOO_EARLY')?.legalBasis).toBe(
      '机动车驾驶证申领和使用规定 第四十三条、第四十四条、第四十七条',
    );
    const ok = await book(id, 2, ['2026-12-06']);
    expect(ok.json()).toMatchObject({
      status: 'accepted',
      stage: 'waiting',
      result: { subject: 2, earliestOn: '2026-12-06' },
    });
    expect(refusalCodes(await book(id, 2))).toEqual(['BOOKING_IN_PROGRESS']);
    expect(refusalCodes(await book(id, 3, ['2026-12-25']))).toEqual(['DATE_TOO_EARLY']);
    expect((await book(id, 3, ['2026-12-26'])).json().result.earliestOn).toBe('2026-12-26');
  });

  it('gives large classes 20 and 40 days', async () => {
    const id = await candidate('2026-11-26T09:00:00+08:00', 'B2');
    expect((await book(id, 2)).json().result.earliestOn).toBe('2026-12-16');
    expect((await book(id, 3)).json().result.earliestOn).toBe('2027-01-05');
  });

  it('books under the name on the driver file, never naming it', async () => {
    const id = await candidate('2026-11-26T09:00:00+08:00');
    const other = await submit(
      t,
      'clerk.city',
      'exam.book',
      { idNumber: id, name: '李冒名' },
      { subject: 2, examSiteCode: SITE, preferredDates: ['2026-12-06'] },
    );
    expect(refusalCodes(other)).toEqual(['APPLICANT_NAME_MISMATCH']);
    const item = refusalItem(other, 'APPLICANT_NAME_MISMATCH');
    expect(item?.legalBasis).toBe('机动车驾驶证申领和使用规定 第三十九条');
    expect(item?.message).toContain('驾驶人档案');
    expect(JSON.stringify(other.json())).not.toContain('考生');
    expectEnglishRefusalItems(other.json().refusal.items);
    expect((await book(id, 2, ['2026-12-06'])).json().status).toBe('accepted');
  });

  it('keeps the order of subjects and needs a licence application', async () => {
    t.clock.set('2026-11-26T09:00:00+08:00');
    expect(refusalCodes(await book(idNumber('520302', '19990101'), 1))).toEqual([
      'NO_LICENCE_APPLICATION',
    ]);
    const id = await candidate('2026-11-26T09:00:00+08:00');
    expect(refusalCodes(await book(id, 1))).toEqual(['SUBJECT_ALREADY_PASSED']);
  });

  it('tells a driver detained for a full score where its exam is taken, not to apply for a licence (R163 §21)', async () => {
    t.clock.set('2026-11-26T09:00:00+08:00');
    const plain = refusalItem(
      await book(idNumber('520302', '19990102'), 1),
      'NO_LICENCE_APPLICATION',
    );
    expect(plain?.remedy).toContain('请先申请初次领取驾驶证或增加准驾车型');
    const { idNumber: id } = await createLicence(t.ctx.db, {
      birth: '19850203',
      name: '考生',
      status: 'full-score',
    });
    const res = await book(id, 1);
    expect(refusalCodes(res)).toEqual(['NO_LICENCE_APPLICATION']);
    const item = refusalItem(res, 'NO_LICENCE_APPLICATION');
    expect(item?.message).toContain('记分满12分');
    expect(item?.remedy).toContain('满分教育学习期满后到考试场');
    expect(item?.remedy).not.toContain('请先申请初次领取驾驶证');
  });

  it('books subject 4 once subject 2 is passed and subject 3 passed or booked', async () => {
    const id = await candidate('2026-11-26T09:00:00+08:00');
    const first = await book(id, 4);
    expect(refusalCodes(first)).toEqual(['SUBJECT_NOT_YET']);
    const item = refusalItem(first, 'SUBJECT_NOT_YET');
    expect(item?.legalBasis).toBe('机动车驾驶证申领和使用规定 第三十九条');
    expect(item?.message).toContain('科目二尚未考试合格');
    expect(item?.message).toContain('科目三道路驾驶技能考试尚未合格或预约');
    expectEnglishRefusalItems(first.json().refusal.items);
    t.clock.set('2026-12-06T15:00:00+08:00');
    expect((await result(id, 2, true)).json()).toMatchObject({ counted: true });
    const second = await book(id, 4);
    expect(refusalCodes(second)).toEqual(['SUBJECT_NOT_YET']);
    expect(refusalItem(second, 'SUBJECT_NOT_YET')?.message).not.toContain('科目二尚未');
    expect((await book(id, 3)).json().status).toBe('accepted');
    // Both road-skill subjects may be taken the same day: subject 4 is booked beside subject 3.
    expect((await book(id, 4)).json()).toMatchObject({
      status: 'accepted',
      result: { subject: 4 },
    });
  });
});

describe('sessions, the ranking and what follows', () => {
  it('allocates a closed session’s places by the ranking and keeps the rest waiting', async () => {
    const first = await candidate('2026-11-01T09:00:00+08:00');
    const second = await candidate('2026-11-02T09:00:00+08:00');
    const third = await candidate('2026-11-03T09:00:00+08:00');
    t.clock.set('2026-11-26T09:00:00+08:00');
    // Booked in reverse order: the ranking follows the acceptance of the licence application.
    const bookings: Record<string, string> = {};
    for (const id of [third, second, first]) bookings[id] = (await book(id, 2)).json().id;

    const created = await post('/api/v1/exam-sessions', {
      examSiteCode: SITE,
      subject: 2,
      date: '2026-12-10',
      capacity: 2,
    });
    expect(created.statusCode).toBe(201);
    const sessionId = created.json().id;
    expect(
      (
        await post('/api/v1/exam-sessions', {
          examSiteCode: SITE,
          subject: 2,
          date: '2026-12-10',
          capacity: 5,
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await post(
          '/api/v1/exam-sessions',
          { examSiteCode: SITE, subject: 2, date: '2026-12-11', capacity: 5 },
          'clerk.exam',
        )
      ).statusCode,
    ).toBe(403);

    const closed = await post(`/api/v1/exam-sessions/${sessionId}/close`, {});
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({
      session: { status: 'closed', allocated: 2, capacity: 2 },
      ranking: [
        { rank: 1, idNumber: first, applicationId: bookings[first] },
        { rank: 2, idNumber: second, applicationId: bookings[second] },
      ],
      waiting: 1,
    });
    expect((await post(`/api/v1/exam-sessions/${sessionId}/close`, {})).statusCode).toBe(409);
    const app = async (appId: string | undefined) =>
      (
        await t.app.inject({
          url: `/api/v1/applications/${appId}`,
          headers: bearer(await t.login('clerk.city')),
        })
      ).json();
    expect(await app(bookings[first])).toMatchObject({
      stage: 'booked',
      nextEvents: ['cancel'],
      result: { session: { id: sessionId, examDate: '2026-12-10', rank: 1, examSiteCode: SITE } },
    });
    expect((await app(bookings[third])).stage).toBe('waiting');

    // Cancelling on the exam day is too late; the day before is in time.
    t.clock.set('2026-12-10T08:00:00+08:00');
    const late = await post(`/api/v1/applications/${bookings[second]}/events`, {
      event: 'cancel',
      data: {},
    });
    expect(late.statusCode).toBe(422);
    expect(late.json().event.refusal.items[0]).toMatchObject({
      code: 'CANCEL_TOO_LATE',
      legalBasis: '机动车驾驶证申领和使用规定 第四十六条',
    });

    // The exam site's result takes the booking.
    await result(first, 2, true);
    expect((await app(bookings[first])).status).toBe('completed');
  });

  it('ranks a candidate who cancelled behind one who did not', async () => {
    const early = await candidate('2026-10-01T09:00:00+08:00');
    const later = await candidate('2026-10-05T09:00:00+08:00');
    t.clock.set('2026-11-26T09:00:00+08:00');
    const first = (await book(early, 3)).json().id;
    const s1 = (
      await post('/api/v1/exam-sessions', {
        examSiteCode: SITE,
        subject: 3,
        date: '2026-12-14',
        capacity: 5,
      })
    ).json().id;
    await post(`/api/v1/exam-sessions/${s1}/close`, {});
    t.clock.set('2026-12-12T09:00:00+08:00');
    const cancelled = await post(`/api/v1/applications/${first}/events`, {
      event: 'cancel',
      data: {},
    });
    expect(cancelled.json()).toMatchObject({ status: 'withdrawn' });
    await book(early, 3);
    await book(later, 3);
    const s2 = (
      await post('/api/v1/exam-sessions', {
        examSiteCode: SITE,
        subject: 3,
        date: '2026-12-20',
        capacity: 1,
      })
    ).json().id;
    const ranking = (await post(`/api/v1/exam-sessions/${s2}/close`, {})).json();
    expect(ranking.ranking.map((r: { idNumber: string }) => r.idNumber)).toEqual([later]);
    expect(ranking.waiting).toBe(1);
  });

  it('rebooks a failed subject 2 from the 10th day after the failed booking', async () => {
    const id = await candidate('2026-10-01T09:00:00+08:00');
    t.clock.set('2026-11-26T15:00:00+08:00');
    await result(id, 2, false);
    await result(id, 2, false);
    expect(refusalCodes(await book(id, 2, ['2026-12-05']))).toEqual(['DATE_TOO_EARLY']);
    expect((await book(id, 2, ['2026-12-06'])).json().result.earliestOn).toBe('2026-12-06');
  });

  it('waits 10 days after a booking whose retake is not yet taken when rebooking the same day', async () => {
    const id = await candidate('2026-09-01T09:00:00+08:00');
    t.clock.set('2026-10-12T15:00:00+08:00');
    expect((await result(id, 2, false)).json()).toMatchObject({ counted: true });
    expect(refusalCodes(await book(id, 2, ['2026-10-21']))).toEqual(['DATE_TOO_EARLY']);
    expect((await book(id, 2, ['2026-10-22'])).json().result.earliestOn).toBe('2026-10-22');
  });

  it('ends a booking at a no-show: rebooked from the 10th day, the next booking has its own retake', async () => {
    const id = await candidate('2026-09-01T09:00:00+08:00');
    t.clock.set('2026-10-12T15:00:00+08:00');
    expect((await result(id, 2, false, 'C1', true)).json()).toMatchObject({ counted: true });
    expect(refusalCodes(await book(id, 2, ['2026-10-21']))).toEqual(['DATE_TOO_EARLY']);
    t.clock.set('2026-10-22T15:00:00+08:00');
    expect((await result(id, 2, false)).json()).toMatchObject({ counted: true, reasons: [] });
    // The retake of this booking, not the opening of a third one.
    expect((await result(id, 2, false)).json()).toMatchObject({ counted: true, reasons: [] });
    expect(refusalCodes(await book(id, 2, ['2026-10-31']))).toEqual(['DATE_TOO_EARLY']);
  });

  it('voids the passed subjects when the 5th booking fails, a no-show counting as one', async () => {
    const id = await candidate('2026-06-01T09:00:00+08:00');
    t.clock.set('2026-06-15T15:00:00+08:00');
    const subject3 = (await book(id, 3, ['2026-08-10'])).json();
    expect(subject3).toMatchObject({ status: 'accepted', stage: 'waiting' });
    await result(id, 2, false, 'C1', true);
    const days = ['2026-06-25', '2026-07-06', '2026-07-16', '2026-07-27'];
    const events = [];
    for (const day of days) {
      t.clock.set(`${day}T15:00:00+08:00`);
      events.push(
        (await result(id, 2, false)).json().event,
        (await result(id, 2, false)).json().event,
      );
    }
    expect(events).toEqual([null, null, null, null, null, null, null, 'exams-voided']);
    // The ended candidacy's subject 3 booking is given no place in a session that fits it.
    const session = { examSiteCode: SITE, subject: 3, date: '2026-08-10', capacity: 10 };
    const created = (await post('/api/v1/exam-sessions', session)).json();
    const closed = (await post(`/api/v1/exam-sessions/${created.id}/close`, {})).json();
    expect(closed.ranking).toEqual([]);
    const booking = await t.app.inject({
      url: `/api/v1/applications/${subject3.id}`,
      headers: bearer(await t.login('clerk.city')),
    });
    expect(booking.json()).toMatchObject({ status: 'accepted', stage: 'waiting' });
  });

  it('ends a booking whose exam day passed with no result as a no-show (R162 §§46–47)', async () => {
    const id = await candidate('2026-08-01T09:00:00+08:00');
    t.clock.set('2026-09-10T15:00:00+08:00');
    // Allocated to today's session; the exam site never posts a result for it.
    const booked = (await allocateExam(t, { idNumber: id, subject: 2, examSiteCode: SITE })).json();
    t.clock.set('2026-09-11T09:00:00+08:00');
    // The day is over: no longer open, but a fail, so subject 2 waits the 10 days.
    expect(refusalCodes(await book(id, 2, ['2026-09-19']))).toEqual(['DATE_TOO_EARLY']);
    expect((await book(id, 2, ['2026-09-20'])).json()).toMatchObject({
      status: 'accepted',
      result: { earliestOn: '2026-09-20' },
    });
    // The nightly job closes the old booking's application, once.
    expect(await runDeadlines(t.ctx, REGISTRY)).toBeGreaterThanOrEqual(1);
    const app = await t.app.inject({
      url: `/api/v1/applications/${booked.id}`,
      headers: bearer(await t.login('clerk.city')),
    });
    expect(app.json()).toMatchObject({ status: 'expired' });
    expect(await runDeadlines(t.ctx, REGISTRY)).toBe(0);
  });

  it('lets subject 1 be rebooked at once after an unposted exam day', async () => {
    t.clock.set('2026-08-03T09:00:00+08:00');
    const id = idNumber('520302', '19990101');
    const cert = await post(
      '/api/v1/medical-certificates',
      { idNumber: id, name: '考生', examinedOn: '2026-08-03', conclusion: 'fit' },
      'clerk.hospital',
    );
    const app = await submit(
      t,
      'clerk.city',
      'licence.apply',
      { idNumber: id, name: '考生' },
      { class: 'C1', medicalCertificateNo: cert.json().certificateNo },
    );
    expect(app.json().status).toBe('accepted');
    t.clock.set('2026-08-05T15:00:00+08:00');
    await allocateExam(t, { idNumber: id, subject: 1, examSiteCode: SITE });
    t.clock.set('2026-08-06T09:00:00+08:00');
    expect((await book(id, 1, ['2026-08-07'])).json().status).toBe('accepted');
  });

  it('voids the passed subjects when the 5th booking’s day passes with nothing posted (R162 §47)', async () => {
    const id = await candidate('2026-04-01T09:00:00+08:00');
    for (const day of ['2026-04-15', '2026-04-26', '2026-05-07', '2026-05-18']) {
      t.clock.set(`${day}T15:00:00+08:00`);
      await result(id, 2, false);
      await result(id, 2, false);
    }
    t.clock.set('2026-05-29T15:00:00+08:00');
    const fifth = (await allocateExam(t, { idNumber: id, subject: 2, examSiteCode: SITE })).json();
    expect(fifth).toMatchObject({ status: 'accepted' });
    t.clock.set('2026-05-30T09:00:00+08:00');
    await runDeadlines(t.ctx, REGISTRY);
    // The candidacy ended with its passed subjects: no licence application to book under.
    expect(refusalCodes(await book(id, 2, ['2026-06-10']))).toEqual(['NO_LICENCE_APPLICATION']);
  });

  it('counts an unposted day among the 5 bookings when the last one is posted failed', async () => {
    const id = await candidate('2026-03-01T09:00:00+08:00');
    t.clock.set('2026-03-12T15:00:00+08:00');
    await allocateExam(t, { idNumber: id, subject: 2, examSiteCode: SITE });
    const events = [];
    for (const day of ['2026-03-23', '2026-04-03', '2026-04-14', '2026-04-25']) {
      t.clock.set(`${day}T15:00:00+08:00`);
      events.push(
        (await result(id, 2, false)).json().event,
        (await result(id, 2, false)).json().event,
      );
    }
    expect(events).toEqual([null, null, null, null, null, null, null, 'exams-voided']);
  });

  it('closes a booking the ranking never reaches', async () => {
    const id = await candidate('2026-11-26T09:00:00+08:00');
    const appId = (await book(id, 3)).json().id;
    t.clock.set('2027-01-26T09:00:00+08:00');
    await runDeadlines(t.ctx, REGISTRY);
    const app = await t.app.inject({
      url: `/api/v1/applications/${appId}`,
      headers: bearer(await t.login('clerk.city')),
    });
    expect(app.json()).toMatchObject({ status: 'expired' });
  });
});

// Subject 3 with no date: no session it fits is closed here, so these bookings wait.
describe('exam.book: the exam site booked (R162 §39)', () => {
  it('refuses a code that is no exam site of the city, naming the sites to choose from', async () => {
    const id = await candidate('2026-11-26T09:00:00+08:00');
    const elsewhere = await createOutlet(t.ctx.db, {
      category: 'exam-site',
      countyCode: GUIYANG.countyCode,
    });
    // Unknown, unknown in the city's shape, a bank outlet, another city's exam site.
    for (const code of ['NOPE-XX', '520302-XX-999', '520302-BK-001', elsewhere.code]) {
      const res = await book(id, 3, undefined, code);
      expect(res.statusCode, code).toBe(422);
      expect(refusalCodes(res), code).toEqual(['EXAM_SITE_UNKNOWN']);
      const item = refusalItem(res, 'EXAM_SITE_UNKNOWN');
      expect(item?.legalBasis).toBe('机动车驾驶证申领和使用规定 第三十九条');
      expect(item?.message).toContain(code);
      expect(item?.remedy).toContain(SITE);
      expectEnglishRefusalItems(res.json().refusal.items, [code]);
    }
    // Nothing was booked: the candidate may still book the subject.
    expect((await book(id, 3)).json().status).toBe('accepted');
  });

  it('refuses a suspended exam site; a booking naming no site waits for any', async () => {
    const id = await candidate('2026-11-26T09:00:00+08:00');
    const site = await createOutlet(t.ctx.db, { category: 'exam-site' });
    const suspended = await post(
      `/api/v1/outlets/${site.code}/suspension`,
      { reason: '整改' },
      'admin',
    );
    expect(suspended.statusCode).toBe(200);
    const res = await book(id, 3, undefined, site.code);
    expect(refusalCodes(res)).toEqual(['EXAM_SITE_UNKNOWN']);
    expect(refusalItem(res, 'EXAM_SITE_UNKNOWN')?.message).toContain('暂停');
    const anySite = await submit(
      t,
      'clerk.city',
      'exam.book',
      { idNumber: id, name: '考生' },
      { subject: 3 },
    );
    expect(anySite.json().status).toBe('accepted');
  });

  it('lists a bad site beside the other reasons, independently', async () => {
    t.clock.set('2026-11-26T09:00:00+08:00');
    const res = await book(idNumber('520302', '19990101'), 1, undefined, 'NOPE-XX');
    expect(refusalCodes(res)).toEqual(['NO_LICENCE_APPLICATION', 'EXAM_SITE_UNKNOWN']);
  });
});
