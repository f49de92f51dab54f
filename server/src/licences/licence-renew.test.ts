import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { refusalCodes, refusalItem, submit, tokenOf } from '../../../test/support/driver.ts';
import {
  createFullScore,
  createLicence,
  idNumber,
  type LicenceSeed,
} from '../../../test/support/factories.ts';
import { expectEnglishRefusalItems } from '../../../test/support/refusals.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());
beforeEach(() => t.clock.set('2026-11-26T10:00:00+08:00'));

async function certify(
  person: { idNumber: string; name?: string },
  o: { examinedOn?: string; conclusion?: string; classes?: string[] } = {},
  user = 'clerk.hospital',
) {
  return await t.app.inject({
    method: 'POST',
    url: '/api/v1/medical-certificates',
    headers: await tokenOf(t, user),
    payload: {
      idNumber: person.idNumber,
      name: person.name ?? '测试驾驶人',
      examinedOn: o.examinedOn ?? '2026-11-26',
      conclusion: o.conclusion ?? 'fit',
      ...(o.classes ? { classes: o.classes } : {}),
    },
  });
}

const renew = (driver: LicenceSeed, certificateNo: string, user = 'clerk.hospital') =>
  submit(
    t,
    user,
    'licence.renew',
    { idNumber: driver.idNumber },
    { medicalCertificateNo: certificateNo },
  );

async function certified(driver: LicenceSeed) {
  const res = await certify(driver);
  expect(res.statusCode).toBe(201);
  return res.json().certificateNo as string;
}

const licence = async (id: string) =>
  (
    await t.app.inject({
      url: `/api/v1/licences/${id}`,
      headers: bearer(await t.login('clerk.city')),
    })
  ).json();

describe('medical certificates from hospitals (R162 §85)', () => {
  it('are numbered and valid for 6 months from the examination', async () => {
    const res = await certify({ idNumber: idNumber() }, { examinedOn: '2026-11-20' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      certificateNo: expect.stringMatching(/^TJ52030020261126\d+$/),
      validUntil: '2027-05-19',
    });
    const row = await t.ctx.db
      .selectFrom('medical_certificates')
      .select(['outlet_code', 'channel', 'recorded_by'])
      .where('certificate_no', '=', res.json().certificateNo)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ outlet_code: '520303-HO-001', channel: 'social' });
    expect(row.recorded_by).not.toBeNull();
  });

  it('come from hospitals only, with lawful dates', async () => {
    for (const user of ['clerk.city', 'clerk.post', 'clerk.exam', 'admin']) {
      expect((await certify({ idNumber: idNumber() }, {}, user)).statusCode, user).toBe(403);
    }
    const future = await certify({ idNumber: idNumber() }, { examinedOn: '2026-11-27' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details[0].path).toBe('examinedOn');
    expect((await certify({ idNumber: idNumber() }, { examinedOn: '2026-05-26' })).statusCode).toBe(
      400,
    );
    expect((await certify({ idNumber: idNumber() }, { examinedOn: '2026-05-27' })).statusCode).toBe(
      201,
    );
    expect((await certify({ idNumber: idNumber() }, { conclusion: 'maybe' })).statusCode).toBe(400);
    expect((await certify({ idNumber: '520302199003070014' })).statusCode).toBe(400);
  });
});

describe('licence.renew: one stop at the hospital (R162 §§62–63)', () => {
  it('renews a 6-year licence for 10 years from its old expiry, with a new licence document', async () => {
    const driver = await createLicence(t.ctx.db, { validUntil: '2027-01-15', validityTerm: '6y' });
    const no = await certified(driver);
    const view = await t.app.inject({
      url: `/api/v1/licences/${driver.idNumber}/renewal`,
      headers: bearer(await t.login('clerk.hospital')),
    });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      idNumber: expect.stringMatching(/\*{8}/),
      classes: ['C1'],
      validUntil: '2027-01-15',
      renewableFrom: '2026-10-17',
      renewableUntil: '2028-01-15',
      certificates: [{ certificateNo: no, used: false, outletName: '遵义医科大学附属医院体检点' }],
    });
    const res = await renew(driver, no);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'completed',
      channel: 'social',
      result: { validUntil: '2037-01-15', validityTerm: '10y', classes: ['C1'] },
    });
    const [doc] = res.json().result.documents;
    expect(doc.kind).toBe('driving-licence');
    const verify = await t.app.inject({ url: `/api/v1/verify/${doc.verifyToken}` });
    expect(verify.json()).toMatchObject({ valid: true, status: 'valid' });
    expect(await licence(driver.idNumber)).toMatchObject({
      validUntil: '2037-01-15',
      validityTerm: '10y',
    });

    // The certificate served this renewal; it cannot serve another.
    const again = await renew(driver, no);
    expect(refusalCodes(again)).toEqual(['RENEWAL_TOO_EARLY', 'MEDICAL_CERTIFICATE_USED']);
  });

  it('keeps the term after a full score in it, and goes long-term after a clean 10 years', async () => {
    const scored = await createLicence(t.ctx.db, { validUntil: '2027-01-15', validityTerm: '6y' });
    await createFullScore(t.ctx.db, {
      idNumber: scored.idNumber,
      cycleStart: '2022-03-15',
      reachedOn: '2022-06-01',
    });
    expect((await renew(scored, await certified(scored))).json().result).toMatchObject({
      validUntil: '2033-01-15',
      validityTerm: '6y',
    });
    const clean = await createLicence(t.ctx.db, { validUntil: '2027-01-15', validityTerm: '10y' });
    expect((await renew(clean, await certified(clean))).json().result).toMatchObject({
      validUntil: null,
      validityTerm: 'long-term',
    });
    expect((await licence(clean.idNumber)).validUntil).toBeNull();
  });

  it('takes renewals from 90 days before expiry to a year after, to the day', async () => {
    const early = await createLicence(t.ctx.db, { validUntil: '2027-02-25', validityTerm: '6y' });
    const tooEarly = await renew(early, await certified(early));
    expect(refusalCodes(tooEarly)).toEqual(['RENEWAL_TOO_EARLY']);
    expect(refusalItem(tooEarly, 'RENEWAL_TOO_EARLY')?.legalBasis).toBe(
      '机动车驾驶证申领和使用规定 第六十三条',
    );
    const first = await createLicence(t.ctx.db, { validUntil: '2027-02-24', validityTerm: '6y' });
    expect((await renew(first, await certified(first))).statusCode).toBe(201);
    const last = await createLicence(t.ctx.db, { validUntil: '2025-11-26', validityTerm: '6y' });
    expect((await renew(last, await certified(last))).json().result.validUntil).toBe('2035-11-26');
    const late = await createLicence(t.ctx.db, { validUntil: '2025-11-25', validityTerm: '6y' });
    // The day after, the licence is cancelled (R162 §79), and the notice says why.
    const overdue = await renew(late, await certified(late));
    expect(refusalCodes(overdue)).toEqual(['LICENCE_CANCELLED']);
    expect(refusalItem(overdue, 'LICENCE_CANCELLED')).toMatchObject({
      legalBasis: '机动车驾驶证申领和使用规定 第七十九条',
      message: '驾驶证有效期至 2025-11-25，超过有效期一年以上未换证，已被注销',
    });
  });

  it('exchanges the large classes of a holder aged 63 or more for C1 (R172)', async () => {
    const senior = await createLicence(t.ctx.db, {
      birth: '19620101',
      classes: ['B2'],
      validUntil: '2027-01-15',
      validityTerm: '10y',
    });
    expect((await renew(senior, await certified(senior))).json().result.classes).toEqual(['C1']);
    expect((await licence(senior.idNumber)).classes).toEqual(['C1']);
  });

  it('wants the holder’s own valid, unused, fit certificate for the classes held', async () => {
    const driver = await createLicence(t.ctx.db, { validUntil: '2027-01-15', validityTerm: '6y' });
    expect(refusalCodes(await renew(driver, 'TJ52030020260101999'))).toEqual([
      'MEDICAL_CERTIFICATE_NOT_FOUND',
    ]);
    const other = (await certify({ idNumber: idNumber() })).json().certificateNo;
    expect(refusalCodes(await renew(driver, other))).toEqual(['MEDICAL_CERTIFICATE_OTHER_PERSON']);
    const unfit = (await certify(driver, { conclusion: 'unfit' })).json().certificateNo;
    const res = await renew(driver, unfit);
    expect(refusalCodes(res)).toEqual(['MEDICAL_UNFIT']);
    expectEnglishRefusalItems(res.json().refusal.items);
    const narrow = (await certify(driver, { classes: ['C2'] })).json().certificateNo;
    expect(refusalCodes(await renew(driver, narrow))).toEqual(['MEDICAL_CLASSES_NOT_COVERED']);
    const old = (await certify(driver, { examinedOn: '2026-06-01' })).json().certificateNo;
    t.clock.set('2026-12-05T10:00:00+08:00');
    expect(refusalCodes(await renew(driver, old))).toEqual(['MEDICAL_CERTIFICATE_EXPIRED']);
  });

  it('renews only for the holder named on the licence, listing the name with the other failures', async () => {
    const driver = await createLicence(t.ctx.db, {
      name: '续甲',
      validUntil: '2027-01-15',
      validityTerm: '6y',
    });
    const certificateNo = (await certify(driver)).json().certificateNo as string;
    const as = (name: string, no = certificateNo) =>
      submit(
        t,
        'clerk.hospital',
        'licence.renew',
        { idNumber: driver.idNumber, name },
        {
          medicalCertificateNo: no,
        },
      );
    const impostor = await as('张冒名');
    expect(refusalCodes(impostor)).toEqual(['APPLICANT_NAME_MISMATCH']);
    expect(refusalItem(impostor, 'APPLICANT_NAME_MISMATCH')?.legalBasis).toBe(
      '机动车驾驶证申领和使用规定 第六十三条',
    );
    expectEnglishRefusalItems(impostor.json().refusal.items);
    expect(refusalCodes(await as('张冒名', 'TJ52030020260101999')).sort()).toEqual([
      'APPLICANT_NAME_MISMATCH',
      'MEDICAL_CERTIFICATE_NOT_FOUND',
    ]);
    const holder = await as('续甲');
    expect(holder.statusCode).toBe(201);
    expect(holder.json()).toMatchObject({ status: 'completed' });
  });

  it('refuses a licence that is detained, suspended, revoked, cancelled or long-term', async () => {
    const cases = [
      ['full-score', 'LICENCE_DETAINED'],
      ['suspended', 'LICENCE_SUSPENDED'],
      ['revoked', 'LICENCE_REVOKED'],
      ['cancelled', 'LICENCE_CANCELLED'],
    ] as const;
    for (const [status, code] of cases) {
      const d = await createLicence(t.ctx.db, {
        status,
        validUntil: '2027-01-15',
        validityTerm: '6y',
      });
      expect(refusalCodes(await renew(d, await certified(d))), status).toEqual([code]);
    }
    const forever = await createLicence(t.ctx.db, { validUntil: null });
    expect(refusalCodes(await renew(forever, await certified(forever)))).toEqual([
      'RENEWAL_NOT_NEEDED',
    ]);
    const nobody = { idNumber: idNumber(), name: '无证', licenceNo: '' };
    expect(refusalCodes(await renew(nobody, await certified(nobody)))).toEqual([
      'LICENCE_NOT_FOUND',
    ]);
  });

  it('is done by hospitals, post points and windows; not by banks or dealers', async () => {
    for (const user of ['clerk.post', 'clerk.police']) {
      const d = await createLicence(t.ctx.db, { validUntil: '2027-01-15', validityTerm: '6y' });
      expect((await renew(d, await certified(d), user)).statusCode, user).toBe(201);
    }
    for (const user of ['clerk.bank', 'clerk.dealer', 'clerk.exam']) {
      const d = await createLicence(t.ctx.db, { validUntil: '2027-01-15', validityTerm: '6y' });
      expect(refusalCodes(await renew(d, await certified(d), user)), user).toEqual([
        'NOT_DELEGATED',
      ]);
    }
  });

  it('shows the renewal view to renewal outlets only', async () => {
    const d = await createLicence(t.ctx.db);
    const view = async (user: string) =>
      (
        await t.app.inject({
          url: `/api/v1/licences/${d.idNumber}/renewal`,
          headers: bearer(await t.login(user)),
        })
      ).statusCode;
    expect(await view('clerk.post')).toBe(200);
    expect(await view('clerk.police')).toBe(200);
    expect(await view('clerk.bank')).toBe(403);
    expect(await view('clerk.exam')).toBe(403);
  });
});

describe('licence.reissue (R162 §69)', () => {
  const reissue = (d: LicenceSeed, user = 'clerk.post') =>
    submit(t, user, 'licence.reissue', { idNumber: d.idNumber }, {});

  it('issues a new licence document and voids the lost one', async () => {
    const d = await createLicence(t.ctx.db);
    const first = (await reissue(d)).json();
    expect(first).toMatchObject({ status: 'completed' });
    const second = (await reissue(d)).json();
    const verify = async (token: string) =>
      (await t.app.inject({ url: `/api/v1/verify/${token}` })).json();
    expect(await verify(first.result.documents[0].verifyToken)).toMatchObject({ status: 'void' });
    expect(await verify(second.result.documents[0].verifyToken)).toMatchObject({ status: 'valid' });
  });

  it('is refused to another name on the holder’s number (R162 §69: the holder’s identity)', async () => {
    const d = await createLicence(t.ctx.db, { name: '醉甲' });
    const as = (name: string) =>
      submit(t, 'clerk.city', 'licence.reissue', { idNumber: d.idNumber, name }, {});
    const impostor = await as('张冒名');
    expect(impostor.statusCode).toBe(422);
    expect(refusalCodes(impostor)).toEqual(['APPLICANT_NAME_MISMATCH']);
    expect(refusalItem(impostor, 'APPLICANT_NAME_MISMATCH')?.legalBasis).toBe(
      '机动车驾驶证申领和使用规定 第六十九条',
    );
    const detained = await createLicence(t.ctx.db, { name: '满乙', status: 'full-score' });
    expect(
      refusalCodes(
        await submit(
          t,
          'clerk.city',
          'licence.reissue',
          { idNumber: detained.idNumber, name: '张冒名' },
          {},
        ),
      ),
    ).toEqual(['LICENCE_DETAINED', 'APPLICANT_NAME_MISMATCH']);
    expect((await as('醉甲')).statusCode).toBe(201);
  });

  it('is refused while detained, suspended or revoked, and for an expired licence', async () => {
    for (const [status, code] of [
      ['full-score', 'LICENCE_DETAINED'],
      ['suspended', 'LICENCE_SUSPENDED'],
      ['revoked', 'LICENCE_REVOKED'],
    ] as const) {
      const d = await createLicence(t.ctx.db, { status });
      const res = await reissue(d);
      expect(refusalCodes(res), status).toEqual([code]);
    }
    const detained = await reissue(await createLicence(t.ctx.db, { status: 'full-score' }));
    expect(refusalItem(detained, 'LICENCE_DETAINED')?.legalBasis).toBe(
      '机动车驾驶证申领和使用规定 第六十九条',
    );
    const expired = await createLicence(t.ctx.db, { validUntil: '2026-11-25', validityTerm: '6y' });
    expect(refusalCodes(await reissue(expired))).toEqual(['LICENCE_EXPIRED']);
    // A year past its validity it is cancelled, and renewing is no longer the way.
    const lapsed = await createLicence(t.ctx.db, { validUntil: '2025-11-25', validityTerm: '6y' });
    expect(refusalCodes(await reissue(lapsed))).toEqual(['LICENCE_CANCELLED']);
    expect(refusalCodes(await reissue(await createLicence(t.ctx.db), 'clerk.dealer'))).toEqual([
      'NOT_DELEGATED',
    ]);
  });
});
