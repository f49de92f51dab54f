import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { refusalCodes, submit, tokenOf } from '../../../test/support/driver.ts';
import { idNumber, zunyiPlate } from '../../../test/support/factories.ts';
import { licenceOf } from '../licences/licences.service.ts';
import { legacyFullScores } from './legacy-full-scores.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());
beforeEach(() => t.clock.set('2026-11-26T10:00:00+08:00'));

const importLines = async (kind: 'licences' | 'violations', lines: object[]) => {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/imports/${kind}`,
    headers: { ...bearer(await t.login('admin')), 'content-type': 'application/x-ndjson' },
    payload: lines.map((l) => JSON.stringify(l)).join('\n'),
  });
  expect(res.json()).toMatchObject({ imported: lines.length, rejected: [] });
};

/** A licence from the legacy registry, with the legacy platform's drink-driving decisions. */
async function legacyDriver(
  birth: string,
  name: string,
  licence: { firstIssuedOn: string; validUntil: string; points?: number },
  decidedOn: string[],
) {
  const id = idNumber('520302', birth);
  await importLines('licences', [
    { idNumber: id, name, licenceNo: id, classes: ['C1'], ...licence },
  ]);
  if (decidedOn.length) {
    await importLines(
      'violations',
      decidedOn.map((day) => ({
        id: `LEG${id.slice(-8)}${day.replaceAll('-', '')}`,
        plate: zunyiPlate(),
        code: '1712',
        occurredAt: `${day}T21:00:00+08:00`,
        points: 12,
        fine: 1500,
        status: 'paid',
        handledBy: id,
        handledOn: day,
      })),
    );
  }
  return { idNumber: id, name };
}

async function certificate(d: { idNumber: string; name: string }) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/medical-certificates',
    headers: await tokenOf(t, 'clerk.hospital'),
    payload: { idNumber: d.idNumber, name: d.name, examinedOn: '2026-11-26', conclusion: 'fit' },
  });
  return res.json().certificateNo as string;
}

describe('the legacy platform’s handled records as the driver’s history', () => {
  it('keeps a 6-year term after a legacy 12-point cycle in it at renewal (R162 §62)', async () => {
    const term = { firstIssuedOn: '2021-01-25', validUntil: '2027-01-25' };
    const renewed = async (d: { idNumber: string; name: string }) => {
      const res = await submit(t, 'clerk.hospital', 'licence.renew', d, {
        medicalCertificateNo: await certificate(d),
      });
      expect(res.statusCode).toBe(201);
      return (await licenceOf(t.ctx.db, d.idNumber))?.validityTerm;
    };
    expect(await renewed(await legacyDriver('19870101', '续甲', term, ['2024-06-02']))).toBe('6y');
    expect(await renewed(await legacyDriver('19870102', '续乙', term, []))).toBe('10y');
  });

  it('refuses an upgrade after a legacy full score in the last cycles (R162 §17)', async () => {
    // Cycles from 04-10: the one before the cycle in force ran 2025-04-10 … 2026-04-09.
    const licence = { firstIssuedOn: '2018-04-10', validUntil: '2030-04-10' };
    const apply = async (d: { idNumber: string; name: string }) =>
      await submit(t, 'clerk.city', 'licence.apply', d, {
        class: 'B1',
        medicalCertificateNo: await certificate(d),
      });
    const recent = await legacyDriver('19860401', '醉甲', licence, ['2025-06-01']);
    expect(refusalCodes(await apply(recent))).toEqual(['UPGRADE_FULL_SCORE']);
    const older = await legacyDriver('19860402', '醉乙', licence, ['2023-06-01']);
    expect((await apply(older)).json().status).toBe('accepted');
  });

  it('counts a legacy full score among the two that exclude 学法减分 (R163 §26(1))', async () => {
    // A full score on the import day (12 points) and a legacy one in the cycle before it.
    const d = await legacyDriver(
      '19860403',
      '满丙',
      { firstIssuedOn: '2018-04-10', validUntil: '2030-04-10', points: 12 },
      ['2025-06-01'],
    );
    const res = await submit(t, 'clerk.police', 'points.reduce', d, {
      method: 'online',
      minutes: 30,
      examPassed: true,
    });
    expect(refusalCodes(res)).toContain('EXCLUDED_FULL_SCORE_RECORDS');
  });

  it('reads the cycles before the import’s from the records, the import’s own from its points', async () => {
    // Cycles from 01-25; imported 2026-11-26, in the cycle 2026-01-25 … 2027-01-24.
    const d = await legacyDriver(
      '19870103',
      '续丙',
      { firstIssuedOn: '2021-01-25', validUntil: '2027-01-25', points: 3 },
      // Two decisions make one full score of their cycle; the one of the import's cycle is in
      // the 3 points the import gave, not a full score of the history.
      ['2022-03-01', '2022-09-01', '2026-03-01'],
    );
    const licence = await licenceOf(t.ctx.db, d.idNumber);
    expect(await legacyFullScores(t.ctx.db, licence!)).toEqual([
      { cycleStart: '2022-01-25', reachedOn: '2022-03-01' },
    ]);
    expect((await licenceOf(t.ctx.db, d.idNumber))?.status).toBe('valid');
  });
});
