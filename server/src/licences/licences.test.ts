import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { refusalCodes, submit } from '../../../test/support/driver.ts';
import {
  createClerk,
  createLicence,
  createOutlet,
  createUser,
  GUIYANG,
  idNumber,
} from '../../../test/support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const line = (overrides: Record<string, unknown> = {}) => {
  const id = idNumber('520322', '19900101');
  return {
    idNumber: id,
    name: '王五',
    licenceNo: id,
    classes: ['C1'],
    firstIssuedOn: '2016-05-20',
    validUntil: '2032-05-20',
    ...overrides,
  };
};

const importLines = async (lines: string[], user = 'admin') =>
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/imports/licences',
    headers: { ...bearer(await t.login(user)), 'content-type': 'application/x-ndjson' },
    payload: lines.join('\n'),
  });

const get = async (
  id: string,
  user: string | { username: string; password: string } = 'clerk.city',
) =>
  await t.app.inject({
    url: `/api/v1/licences/${id}`,
    headers: bearer(
      typeof user === 'string' ? await t.login(user) : await t.login(user.username, user.password),
    ),
  });

describe('licence import (NDJSON) and GET /licences/{idNumber}', () => {
  it('keeps good lines and rejects each bad line with its reason', async () => {
    t.clock.set('2026-11-26T10:00:00+08:00');
    const good = line({ points: 4 });
    const senior = idNumber('520322', '19700101');
    const longTerm = line({
      idNumber: senior,
      licenceNo: senior,
      validUntil: null,
      firstIssuedOn: '2000-01-10',
      classes: ['A1', 'C1'],
    });
    const young = line({ idNumber: idNumber('520302', '20100101'), firstIssuedOn: '2020-01-01' });
    const res = await importLines([
      JSON.stringify(good),
      '{oops',
      JSON.stringify(line({ classes: ['C1', 'Z9'] })),
      JSON.stringify(longTerm),
      JSON.stringify({ ...good, name: '重复' }),
      JSON.stringify(young),
      JSON.stringify(line({ firstIssuedOn: '2027-01-01' })),
      JSON.stringify(line({ status: 'expired', validUntil: '2030-01-01' })),
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.imported).toBe(2);
    expect(body.rejected.map((r: { line: number }) => r.line)).toEqual([2, 3, 5, 6, 7, 8]);
    expect(body.rejected[1].error).toMatch(/^classes\.1: /);
    expect(body.rejected[2].error).toContain('重复');
    expect(body.rejected[3].error).toContain('18周岁');

    const licence = await get(good.idNumber);
    expect(licence.statusCode).toBe(200);
    expect(licence.json()).toMatchObject({
      idNumber: good.idNumber,
      name: '王五',
      licenceNo: good.licenceNo,
      classes: ['C1'],
      status: 'valid',
      firstIssuedOn: '2016-05-20',
      validUntil: '2032-05-20',
      validityTerm: '10y',
      probationUntil: null,
      // The cycle runs from the first-issue anniversary, not the calendar year.
      cycle: { start: '2026-05-20', end: '2027-05-19', points: 4, reduced: 0, carriedOver: 0 },
    });
    const lt = (await get(longTerm.idNumber)).json();
    expect(lt).toMatchObject({ validUntil: null, validityTerm: 'long-term', status: 'valid' });
  });

  it('detains a licence imported at 12 points with the full-score record the platform opens', async () => {
    t.clock.set('2026-11-26T10:00:00+08:00');
    const person = (birth: string) => idNumber('520322', birth);
    const [full, large, given, said, short, novice] = [
      '19800101',
      '19800102',
      '19800103',
      '19800104',
      '19800105',
      '20000106',
    ].map(person);
    const of = (id: string, o: Record<string, unknown>) =>
      JSON.stringify(line({ idNumber: id, licenceNo: id, ...o }));
    const res = await importLines([
      of(full!, { points: 12 }),
      of(large!, { points: 25, classes: ['B2'] }),
      of(given!, { points: 13, status: 'full-score' }),
      of(said!, { points: 13, status: 'valid' }),
      of(short!, { points: 5, status: 'full-score' }),
      of(novice!, { points: 12, firstIssuedOn: '2026-06-01', validUntil: '2032-06-01' }),
    ]);
    expect(res.json()).toMatchObject({ imported: 4 });
    expect(res.json().rejected.map((r: { line: number }) => r.line)).toEqual([4, 5]);
    expect(res.json().rejected[0].error).toContain('full-score');
    expect(res.json().rejected[1].error).toMatch(/^points: /);

    expect((await get(full!)).json()).toMatchObject({
      status: 'full-score',
      cycle: { start: '2026-05-20', points: 12 },
    });
    expect((await get(given!)).json().status).toBe('full-score');
    // In probation a full score cancels the class, and with it the licence (R162 §80).
    expect((await get(novice!)).json().status).toBe('cancelled');
    const records = await t.ctx.db
      .selectFrom('full_score_records')
      .select([
        'id_number',
        'cycle_start',
        'reached_on',
        'ordinal',
        'points',
        'study_days',
        'subjects',
        'status',
      ])
      .where('id_number', 'in', [full!, large!])
      .orderBy('id_number')
      .execute();
    expect(records).toEqual([
      {
        id_number: full,
        cycle_start: '2026-05-20',
        reached_on: '2026-11-26',
        ordinal: 1,
        points: 12,
        study_days: 7,
        subjects: [1],
        status: 'studying',
      },
      // 24 points and more add the study days and the road test, as on the platform (R163 §22).
      expect.objectContaining({ id_number: large, points: 25, study_days: 60, subjects: [1, 3] }),
    ]);
    const reissue = await submit(
      t,
      'clerk.post',
      'licence.reissue',
      { idNumber: full!, name: '王五' },
      {},
    );
    expect(refusalCodes(reissue)).toEqual(['LICENCE_DETAINED']);
  });

  it('refuses a second licence for the same person, in any city', async () => {
    const existing = await createLicence(t.ctx.db, { countyCode: GUIYANG.countyCode });
    const res = await importLines([JSON.stringify(line({ idNumber: existing.idNumber }))]);
    expect(res.json()).toMatchObject({ imported: 0, rejected: [{ line: 1 }] });
    expect(res.json().rejected[0].error).toContain('已有驾驶证档案');
  });

  it('is for administrators only', async () => {
    expect((await importLines([JSON.stringify(line())], 'clerk.city')).statusCode).toBe(403);
  });

  it('reads expiry and probation on the day', async () => {
    t.clock.set('2026-11-26T10:00:00+08:00');
    const expired = await createLicence(t.ctx.db, { validUntil: '2026-11-25', validityTerm: '6y' });
    expect((await get(expired.idNumber)).json().status).toBe('expired');
    const lastDay = await createLicence(t.ctx.db, { validUntil: '2026-11-26', validityTerm: '6y' });
    expect((await get(lastDay.idNumber)).json().status).toBe('valid');
    // A year past its validity it may still be renewed; the day after, it is cancelled (R162 §79).
    const yearOver = await createLicence(t.ctx.db, {
      validUntil: '2025-11-26',
      validityTerm: '6y',
    });
    expect((await get(yearOver.idNumber)).json().status).toBe('expired');
    const lapsed = await createLicence(t.ctx.db, { validUntil: '2025-11-25', validityTerm: '6y' });
    expect((await get(lapsed.idNumber)).json()).toMatchObject({
      status: 'cancelled',
      validUntil: '2025-11-25',
    });
    const novice = await createLicence(t.ctx.db, {
      firstIssuedOn: '2026-06-01',
      probationUntil: '2027-05-31',
      validUntil: '2032-06-01',
      validityTerm: '6y',
    });
    expect((await get(novice.idNumber)).json()).toMatchObject({
      probationUntil: '2027-05-31',
      cycle: { start: '2026-06-01', end: '2027-05-31' },
    });
  });

  it('reads the README story’s driver, 敖先生, as a licence in force', async () => {
    t.clock.set('2026-11-26T10:00:00+08:00');
    const res = await get('520302198505120110', 'clerk.police');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '敖先生', status: 'valid' });
  });

  it('names the duties of age: exchange at 63 and 70, yearly medicals at 70 (R172)', async () => {
    t.clock.set('2026-11-26T10:00:00+08:00');
    const old = await createLicence(t.ctx.db, { birth: '19560101', classes: ['B2', 'D'] });
    const body = (await get(old.idNumber)).json();
    expect(body.duties.map((d: { code: string }) => d.code)).toEqual([
      'CLASS_EXCHANGE_DUE',
      'ANNUAL_MEDICAL',
    ]);
    expect(body.duties[0].message).toContain('B2、D');
    const c1At75 = await createLicence(t.ctx.db, { birth: '19510101', classes: ['C1'] });
    // C1 has no age cap: only the yearly medical.
    expect((await get(c1At75.idNumber)).json().duties.map((d: { code: string }) => d.code)).toEqual(
      ['ANNUAL_MEDICAL'],
    );
  });

  it('shows the file to the police in full, masked to supervisors, hidden from others', async () => {
    const l = await createLicence(t.ctx.db, { countyCode: '520322' });
    expect((await get(l.idNumber, 'clerk.police')).json().idNumber).toBe(l.idNumber);
    const masked = (await get(l.idNumber, 'sup.city')).json().idNumber;
    expect(masked).toBe(`${l.idNumber.slice(0, 6)}********${l.idNumber.slice(-4)}`);
    expect((await get(l.idNumber, 'sup.county')).statusCode).toBe(200); // 桐梓 is its county
    const elsewhere = await createLicence(t.ctx.db, { countyCode: '520302' });
    // Another county's licence answers as no licence: the supervisor cannot tell who holds one.
    const outOfScope = await get(elsewhere.idNumber, 'sup.county');
    expect(outOfScope.statusCode).toBe(404);
    expect(outOfScope.json()).toEqual((await get(idNumber('520302'), 'sup.county')).json());
    for (const user of ['clerk.bank', 'clerk.exam', 'clerk.dealer', 'clerk.hospital']) {
      expect((await get(l.idNumber, user)).statusCode, user).toBe(403);
      // Whether a person holds a licence is not told by 404 to one who reads no driver file.
      expect((await get(idNumber(), user)).statusCode, user).toBe(403);
      const history = await t.app.inject({
        url: `/api/v1/licences/${idNumber()}/history`,
        headers: bearer(await t.login(user)),
      });
      expect(history.statusCode, user).toBe(403);
    }
    const office = await createOutlet(t.ctx.db, {
      category: 'city-office',
      countyCode: GUIYANG.countyCode,
    });
    const gy = await createUser(t.ctx.db, { roles: ['clerk'], outletCode: office.code });
    expect((await get(l.idNumber, gy)).statusCode).toBe(404);
    const unknown = await get(idNumber(), 'clerk.city');
    expect(unknown.statusCode).toBe(404);
    const clerk = await createClerk(t.ctx.db, 'police-window');
    expect((await get(l.idNumber, clerk)).statusCode).toBe(200);
  });

  it('answers a malformed identity number with 400 and its path', async () => {
    const res = await get('520302199003070014');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('params.idNumber');
  });
});
