import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { businessClient } from '../../../test/support/business.ts';
import {
  createClerk,
  createVehicle,
  idNumber,
  registrationData,
  type VehicleSeed,
} from '../../../test/support/factories.ts';
import { documentToken } from '../documents/documents.service.ts';
import { expectEnglishRefusalItems } from '../../../test/support/refusals.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());
const { as, submit, codes, basisOf, vehicle, verify } = businessClient(() => t);

const BANK = '520302-BK-001';
const owner = (v: VehicleSeed) => ({ idNumber: v.ownerIdNumber, name: v.ownerName });
const mortgage = (v: VehicleSeed, data: Record<string, unknown> = {}, user = 'clerk.bank') =>
  submit(
    'vehicle.mortgage',
    owner(v),
    { plate: v.plate, mortgageeOrgCode: BANK, contractNo: 'DY2026-001', ...data },
    user,
  );
const release = (v: VehicleSeed, data: Record<string, unknown> = {}, user = 'clerk.bank') =>
  submit(
    'vehicle.mortgage-release',
    owner(v),
    { plate: v.plate, contractNo: 'DY2026-001', ...data },
    user,
  );

/**
 * A mortgage record as the platform issued them before mortgages were endorsed, as migration
 * 20270108100000 left it: a notice issued as `mortgage-record`, its token signed so.
 */
async function legacyMortgageRecord(v: VehicleSeed) {
  const { vin, city_code: cityCode } = await t.ctx.db
    .selectFrom('vehicles')
    .select(['vin', 'city_code'])
    .where('plate', '=', v.plate)
    .executeTakeFirstOrThrow();
  const id = crypto.randomUUID();
  const number = `DY${cityCode}2026${String(Date.now()).slice(-8)}`;
  await t.ctx.db
    .insertInto('documents')
    .values({
      city_code: cityCode,
      id,
      kind: 'notice',
      issued_kind: 'mortgage-record',
      number,
      subject: vin,
      application_id: null,
      issued_at: new Date(),
    })
    .execute();
  const signed = { cityCode, id, kind: 'mortgage-record', number };
  return { number, verifyToken: documentToken(t.ctx.signer, signed) };
}

describe('vehicle.mortgage and vehicle.mortgage-release (R164 §§31–36)', () => {
  it('registers electronically at the bank, one at a time, and releases by the matching contract', async () => {
    const v = await createVehicle(t.ctx.db);
    const res = await mortgage(v);
    expect(res.statusCode).toBe(201);
    // A vehicle of the legacy platform has no registration certificate on file: one is taken on
    // file and endorsed, so the mortgagee holds a certificate anyone can verify (§§32, 35).
    const [certificate] = res.json().result.documents;
    expect(res.json().result.documents).toHaveLength(1);
    expect(certificate).toMatchObject({ kind: 'registration-certificate' });
    expect(await verify(certificate.verifyToken)).toMatchObject({
      valid: true,
      kind: 'registration-certificate',
      status: 'valid',
      endorsements: [{ what: 'mortgage' }],
    });
    expect(await vehicle(v)).toMatchObject({
      status: 'mortgaged',
      mortgage: { mortgageeOrgCode: BANK, contractNo: 'DY2026-001' },
    });

    const second = await mortgage(v, { contractNo: 'DY2026-002' });
    expect(codes(second)).toEqual(['ALREADY_MORTGAGED']);
    expect(basisOf(second, 'ALREADY_MORTGAGED')).toBe('机动车登记规定 第三十一条');

    const wrong = await release(v, { contractNo: 'DY2026-999' });
    expect(codes(wrong)).toEqual(['CONTRACT_MISMATCH']);
    expect(basisOf(wrong, 'CONTRACT_MISMATCH')).toBe('机动车登记规定 第三十三条');
    const released = await release(v);
    expect(released.statusCode).toBe(201);
    expect(released.json().result).toEqual({ documents: [certificate], voidedNumbers: [] });
    expect(await vehicle(v)).toMatchObject({ status: 'normal', mortgage: null });
    expect(codes(await release(v))).toEqual(['NOT_MORTGAGED']);
  });

  it('tells the mortgagee and contract only to the offices, supervisors, administrators and the mortgagee’s own bank', async () => {
    const v = await createVehicle(t.ctx.db);
    expect((await mortgage(v)).statusCode).toBe(201);
    const registeredOn = ((await vehicle(v)).mortgage as { registeredOn: string }).registeredOn;
    expect(registeredOn).toBeTruthy();
    const read = async (who: Parameters<typeof as>[0], by: 'plate' | 'vin') =>
      (
        await t.app.inject({
          url:
            by === 'plate'
              ? `/api/v1/vehicles/by-plate/${encodeURIComponent(v.plate)}`
              : `/api/v1/vehicles/by-vin/${v.vin}`,
          headers: await as(who),
        })
      ).json().mortgage;
    const full = { mortgageeOrgCode: BANK, contractNo: 'DY2026-001', registeredOn };
    const dateOnly = { mortgageeOrgCode: null, contractNo: null, registeredOn };
    const otherBank = await createClerk(t.ctx.db, 'bank');
    const readers: [Parameters<typeof as>[0], object][] = [
      ['clerk.city', full],
      ['clerk.police', full],
      ['sup.city', full],
      ['clerk.bank', full],
      [otherBank, dateOnly],
      ['clerk.dealer', dateOnly],
      ['clerk.market', dateOnly],
      ['clerk.insurer', dateOnly],
      ['admin', full],
    ];
    for (const [who, expected] of readers) {
      for (const by of ['plate', 'vin'] as const) {
        expect(await read(who, by), `${JSON.stringify(who)} by ${by}`).toEqual(expected);
      }
    }
  });

  it('is endorsed on the registration certificate (R164 §§32–33): the result carries it, no paper of its own', async () => {
    const applicant = { idNumber: idNumber(), name: '李四' };
    const registered = await submit('vehicle.register', applicant, registrationData());
    expect(registered.statusCode).toBe(201);
    const certificate = registered
      .json()
      .result.documents.find((d: { kind: string }) => d.kind === 'registration-certificate');
    const v = { ...applicant, plate: registered.json().result.plate };
    const seed = { vin: '', plate: v.plate, ownerIdNumber: v.idNumber, ownerName: v.name };
    t.clock.set('2026-11-26T10:00:00+08:00');
    const res = await mortgage(seed);
    expect(res.statusCode).toBe(201);
    expect(res.json().result.documents).toEqual([certificate]);
    // A reissued certificate (R164 §52) still carries the mortgage endorsed on the old one.
    const reissued = await submit('vehicle.certificate-reissue', owner(seed), {
      plate: v.plate,
      mortgageeOrgCode: BANK,
      mortgageeRepresentative: { idNumber: idNumber(), name: '银行经办' },
    });
    expect(reissued.statusCode).toBe(201);
    const [copy] = reissued.json().result.documents;
    expect(await verify(copy.verifyToken)).toMatchObject({
      valid: true,
      endorsements: [{ what: 'mortgage', on: '2026-11-26' }],
    });
    t.clock.set('2026-11-27T10:00:00+08:00');
    const released = await release(seed);
    t.clock.set();
    expect(released.statusCode).toBe(201);
    expect(released.json().result).toEqual({ documents: [copy], voidedNumbers: [] });
    // The certificate is endorsed, not replaced: its public verification shows the mortgage's
    // dates (§35).
    expect(await verify(copy.verifyToken)).toMatchObject({
      valid: true,
      kind: 'registration-certificate',
      status: 'valid',
      endorsements: [
        { what: 'mortgage', on: '2026-11-26' },
        { what: 'mortgage-release', on: '2026-11-27' },
      ],
    });
  });

  it('voids a mortgage record issued before endorsements (now a notice) at the release', async () => {
    const v = await createVehicle(t.ctx.db);
    expect((await mortgage(v)).statusCode).toBe(201);
    const record = await legacyMortgageRecord(v);
    // Its token was signed as a mortgage record: it still verifies, as a notice.
    expect(await verify(record.verifyToken)).toMatchObject({
      valid: true,
      kind: 'notice',
      status: 'valid',
    });
    const released = await release(v);
    expect(released.json().result.voidedNumbers).toEqual([record.number]);
    // Mortgage dates are public (§35): the record verifies as void from the release.
    expect(await verify(record.verifyToken)).toMatchObject({
      valid: true,
      kind: 'notice',
      status: 'void',
    });
  });

  it('needs the mortgagee: another bank outlet, or an office without it (its representative or its code), is refused', async () => {
    const v = await createVehicle(t.ctx.db);
    const otherBank = await mortgage(v, { mortgageeOrgCode: '520302-BK-002' });
    expect(codes(otherBank)).toEqual(['MORTGAGEE_NOT_CO_APPLYING']);
    // At an office the mortgagee joins by its representative, or named by its code as
    // CONTRACT.md's mortgage fields give it; the owner posing as its representative does not.
    const ownerAsRepresentative = await mortgage(
      v,
      { mortgageeRepresentative: owner(v) },
      'clerk.city',
    );
    expect(codes(ownerAsRepresentative)).toEqual(['MORTGAGEE_NOT_CO_APPLYING']);
    expectEnglishRefusalItems(ownerAsRepresentative.json().refusal.items, [BANK]);
    const joint = await mortgage(
      v,
      { mortgageeRepresentative: { idNumber: idNumber(), name: '银行经办' } },
      'clerk.city',
    );
    expect(joint.statusCode).toBe(201);
    const named = await createVehicle(t.ctx.db);
    expect((await mortgage(named, {}, 'clerk.city')).statusCode).toBe(201);
    expect(await vehicle(named)).toMatchObject({
      status: 'mortgaged',
      mortgage: { mortgageeOrgCode: BANK },
    });
    expect(codes(await release(v, {}, 'clerk.city'))).toEqual(['MORTGAGEE_NOT_CO_APPLYING']);
    const byRepresentative = await release(
      v,
      {
        mortgageeOrgCode: BANK,
        mortgageeRepresentative: { idNumber: idNumber(), name: '银行经办' },
      },
      'clerk.city',
    );
    expect(byRepresentative.statusCode).toBe(201);
    expect(await vehicle(v)).toMatchObject({ status: 'normal', mortgage: null });
  });

  it('is not released by the owner typing the mortgagee code, and the notice never tells the code (§33)', async () => {
    // A mortgagee that is no outlet here (an imported mortgage of a national bank).
    const mortgagee = '91110000600037341L';
    const v = await createVehicle(t.ctx.db, {
      mortgage: { mortgageeOrgCode: mortgagee, contractNo: 'DY2026-001' },
    });
    for (const user of ['clerk.city', 'clerk.police']) {
      const alone = await release(v, {}, user);
      expect(codes(alone), user).toEqual(['MORTGAGEE_NOT_CO_APPLYING']);
      expect(alone.body, user).not.toContain(mortgagee);
      const typed = await release(v, { mortgageeOrgCode: mortgagee }, user);
      expect(codes(typed), user).toEqual(['MORTGAGEE_NOT_CO_APPLYING']);
      const [item] = typed.json().refusal.items;
      expect(item.message).toContain('须由抵押权人共同申请');
      expect(item.legalBasis).toBe('机动车登记规定 第三十三条');
      expectEnglishRefusalItems(typed.json().refusal.items);
    }
    // Another bank's outlet does not stand for the mortgagee, and is not told who is.
    const otherBank = await release(v);
    expect(codes(otherBank)).toEqual(['MORTGAGEE_NOT_CO_APPLYING']);
    expect(otherBank.body).not.toContain(mortgagee);
    // A representative of another mortgagee, or the owner posing as one, is not the mortgagee.
    const representative = { idNumber: idNumber(), name: '银行经办' };
    const wrongCode = await release(
      v,
      { mortgageeOrgCode: BANK, mortgageeRepresentative: representative },
      'clerk.city',
    );
    expect(codes(wrongCode)).toEqual(['MORTGAGEE_NOT_CO_APPLYING']);
    expect(wrongCode.body).not.toContain(mortgagee);
    const ownerAsRepresentative = await release(
      v,
      { mortgageeOrgCode: mortgagee, mortgageeRepresentative: owner(v) },
      'clerk.city',
    );
    expect(codes(ownerAsRepresentative)).toEqual(['MORTGAGEE_NOT_CO_APPLYING']);
    expect(await vehicle(v)).toMatchObject({ status: 'mortgaged' });
    const joint = await release(
      v,
      { mortgageeOrgCode: mortgagee, mortgageeRepresentative: representative },
      'clerk.police',
    );
    expect(joint.statusCode).toBe(201);
  });

  it('refuses a seized, stolen, deregistered or scrap-due vehicle and a non-owner', async () => {
    const cases: [Parameters<typeof createVehicle>[1], string, string][] = [
      [{ status: 'seized' }, 'VEHICLE_SEIZED', '机动车登记规定 第三十六条'],
      [{ status: 'stolen' }, 'VEHICLE_STOLEN', '机动车登记规定 第七十六条'],
      [{ status: 'deregistered' }, 'VEHICLE_DEREGISTERED', '机动车登记规定 第三十七条'],
      [{ status: 'scrap-due' }, 'VEHICLE_SCRAP_DUE', '机动车登记规定 第十五条、第四十条'],
    ];
    for (const [seed, code, basis] of cases) {
      const res = await mortgage(await createVehicle(t.ctx.db, seed));
      expect(codes(res), code).toEqual([code]);
      expect(basisOf(res, code)).toBe(basis);
    }
    const v = await createVehicle(t.ctx.db);
    const stranger = await submit(
      'vehicle.mortgage',
      { idNumber: idNumber(), name: '他人' },
      { plate: v.plate, mortgageeOrgCode: BANK, contractNo: 'X' },
      'clerk.bank',
    );
    expect(codes(stranger)).toEqual(['APPLICANT_NOT_OWNER']);
    const seized = await createVehicle(t.ctx.db, {
      status: 'seized',
      mortgage: { mortgageeOrgCode: BANK, contractNo: 'DY2026-001' },
    });
    expect(codes(await release(seized))).toEqual(['VEHICLE_SEIZED']);
  });

  it('is taken at banks and offices only', async () => {
    for (const user of [
      'clerk.dealer',
      'clerk.market',
      'clerk.post',
      'clerk.insurer',
      'clerk.station',
    ]) {
      const v = await createVehicle(t.ctx.db);
      expect(codes(await mortgage(v, {}, user)), user).toEqual(['NOT_DELEGATED']);
      expect(codes(await release(v, {}, user)), user).toEqual(['NOT_DELEGATED']);
    }
  });
});
