import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../applications/registry.ts';
import { handlersWith } from '../app/registry.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { businessClient } from '../../../test/support/business.ts';
import { createVehicle, idNumber, type VehicleSeed } from '../../../test/support/factories.ts';

const withViolations = new Set<string>();
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    registry: createRegistry(
      handlersWith({
        unhandledViolations: async (_db, q) => (withViolations.has(q.plate) ? 1 : 0),
      }),
    ),
  });
});
afterAll(async () => t.close());
const { submit, codes, basisOf, vehicle, verify } = businessClient(() => t);

const owner = (v: VehicleSeed) => ({ idNumber: v.ownerIdNumber, name: v.ownerName });
const deregister = (
  v: VehicleSeed,
  reason = 'scrapped',
  user = 'clerk.city',
  agent?: { idNumber: string; name: string },
) => submit('vehicle.deregister', owner(v), { plate: v.plate, reason }, user, agent);

describe('vehicle.deregister (R164 §§37–42)', () => {
  it('deregisters a scrapped vehicle: plates and 行驶证 void, a certificate issued', async () => {
    const v = await createVehicle(t.ctx.db, { status: 'scrap-due' });
    const licence = await submit('vehicle.licence-reissue', owner({ ...v, plate: v.plate }), {
      plate: v.plate,
    });
    expect(codes(licence)).toEqual(['VEHICLE_SCRAP_DUE']);
    const res = await deregister(v);
    expect(res.statusCode).toBe(201);
    // The 注销证明 is a notice of API v1 (CONTRACT.md), of the ZX series.
    expect(res.json().result.documents[0]).toMatchObject({
      kind: 'notice',
      number: expect.stringMatching(/^ZX/),
    });
    expect(await verify(res.json().result.documents[0].verifyToken)).toMatchObject({ valid: true });
    expect((await vehicle(v)).status).toBe('deregistered');
    expect(codes(await deregister(v))).toEqual(['VEHICLE_DEREGISTERED']);
  });

  it('takes back the registration certificate with the plates and 行驶证 (§37)', async () => {
    const v = await createVehicle(t.ctx.db);
    const issued = await submit('vehicle.certificate-reissue', owner(v), { plate: v.plate });
    const [certificate] = issued.json().result.documents;
    expect(certificate.kind).toBe('registration-certificate');
    const res = await deregister(v);
    expect(res.statusCode).toBe(201);
    expect(res.json().result.voidedNumbers).toContain(certificate.number);
    expect(await verify(certificate.verifyToken)).toMatchObject({ valid: true, status: 'void' });
  });

  it('never while mortgaged or seized (§42)', async () => {
    const mortgaged = await createVehicle(t.ctx.db, {
      mortgage: { mortgageeOrgCode: '520302-BK-001', contractNo: 'D1' },
    });
    const res = await deregister(mortgaged);
    expect(codes(res)).toEqual(['VEHICLE_MORTGAGED']);
    expect(basisOf(res, 'VEHICLE_MORTGAGED')).toBe('机动车登记规定 第四十二条');
    const seized = await deregister(await createVehicle(t.ctx.db, { status: 'seized' }));
    expect(codes(seized)).toEqual(['VEHICLE_SEIZED']);
    expect(basisOf(seized, 'VEHICLE_SEIZED')).toBe('机动车登记规定 第四十二条');
  });

  it('needs violations handled first when exported or returned, not when scrapped', async () => {
    for (const [reason, refused] of [
      ['exported', true],
      ['returned', true],
      ['scrapped', false],
    ] as const) {
      const v = await createVehicle(t.ctx.db);
      withViolations.add(v.plate);
      const res = await deregister(v, reason);
      if (refused) {
        expect(codes(res), reason).toEqual(['VIOLATIONS_UNHANDLED']);
        expect(basisOf(res, 'VIOLATIONS_UNHANDLED')).toBe('机动车登记规定 第三十八条');
      } else expect(res.statusCode, reason).toBe(201);
    }
  });

  it('takes no representative for a loss (§86), but does for scrapping', async () => {
    const agent = { idNumber: idNumber(), name: '代办人' };
    const lost = await deregister(await createVehicle(t.ctx.db), 'lost', 'clerk.city', agent);
    expect(codes(lost)).toEqual(['AGENT_NOT_ALLOWED']);
    expect(basisOf(lost, 'AGENT_NOT_ALLOWED')).toBe('机动车登记规定 第八十六条');
    expect(
      (await deregister(await createVehicle(t.ctx.db), 'scrapped', 'clerk.city', agent)).statusCode,
    ).toBe(201);
  });

  it('is office and police-window business', async () => {
    for (const user of ['clerk.dealer', 'clerk.market', 'clerk.bank', 'clerk.post']) {
      expect(
        codes(await deregister(await createVehicle(t.ctx.db), 'scrapped', user)),
        user,
      ).toEqual(['NOT_DELEGATED']);
    }
    expect(
      (await deregister(await createVehicle(t.ctx.db), 'scrapped', 'clerk.police')).statusCode,
    ).toBe(201);
  });
});

describe('vehicle.certificate-reissue (R164 §§32, 52, 86)', () => {
  const reissue = (
    v: VehicleSeed,
    data: Record<string, unknown> = {},
    user = 'clerk.post',
    agent?: { idNumber: string; name: string },
  ) => submit('vehicle.certificate-reissue', owner(v), { plate: v.plate, ...data }, user, agent);

  it('reissues at a post point; the old certificate becomes void', async () => {
    const v = await createVehicle(t.ctx.db);
    const first = await reissue(v);
    expect(first.statusCode).toBe(201);
    const second = await reissue(v);
    expect(second.json().result.voidedNumbers).toEqual([first.json().result.documents[0].number]);
  });

  it('never by a representative (§86), and with the mortgagee during a mortgage (§32)', async () => {
    const v = await createVehicle(t.ctx.db, {
      mortgage: { mortgageeOrgCode: '520302-BK-001', contractNo: 'D2' },
    });
    const byAgent = await reissue(v, {}, 'clerk.city', { idNumber: idNumber(), name: '代办' });
    // A representative the law does not allow is listed with the business's own failing rules.
    expect(codes(byAgent)).toEqual(['AGENT_NOT_ALLOWED', 'MORTGAGEE_NOT_CO_APPLYING']);
    const alone = await reissue(v);
    expect(codes(alone)).toEqual(['MORTGAGEE_NOT_CO_APPLYING']);
    expect(basisOf(alone, 'MORTGAGEE_NOT_CO_APPLYING')).toBe('机动车登记规定 第三十二条');
    // The owner typing the mortgagee's code is not the mortgagee applying; the notice does not
    // tell the code, nor send the owner to a bank, which takes no certificate reissue.
    const typed = await reissue(v, { mortgageeOrgCode: '520302-BK-001' });
    expect(codes(typed)).toEqual(['MORTGAGEE_NOT_CO_APPLYING']);
    for (const res of [alone, typed]) {
      expect(res.body).not.toContain('520302-BK-001');
      expect(res.json().refusal.items[0].remedy).not.toContain('银行');
    }
    const joint = await reissue(v, {
      mortgageeOrgCode: '520302-BK-001',
      mortgageeRepresentative: { idNumber: idNumber(), name: '抵押权人代表' },
    });
    expect(joint.statusCode).toBe(201);
    // The vehicle came from the legacy platform with no certificate on file: the new one states
    // the standing mortgage, with the day it was registered (§§32, 35), and a second reissue
    // carries that endorsement over without stating it twice.
    const endorsed = { endorsements: [{ what: 'mortgage', on: '2024-01-01' }] };
    const [certificate] = joint.json().result.documents;
    expect(await verify(certificate.verifyToken)).toMatchObject({ valid: true, ...endorsed });
    const again = await reissue(v, {
      mortgageeOrgCode: '520302-BK-001',
      mortgageeRepresentative: { idNumber: idNumber(), name: '抵押权人代表' },
    });
    const [second] = again.json().result.documents;
    expect(await verify(second.verifyToken)).toEqual(expect.objectContaining(endorsed));
  });

  it('is refused at a dealer or market', async () => {
    for (const user of ['clerk.dealer', 'clerk.market', 'clerk.bank']) {
      expect(codes(await reissue(await createVehicle(t.ctx.db), {}, user)), user).toEqual([
        'NOT_DELEGATED',
      ]);
    }
  });
});
