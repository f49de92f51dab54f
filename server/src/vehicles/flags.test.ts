import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { createClerk, createVehicle, GUIYANG } from '../../../test/support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const as = async (user: string | { username: string; password: string }) =>
  bearer(
    typeof user === 'string' ? await t.login(user) : await t.login(user.username, user.password),
  );

const setFlag = async (vin: string, flag: string, user: Parameters<typeof as>[0] = 'clerk.city') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/vehicles/${vin}/flags`,
    headers: await as(user),
    payload: { flag, reason: '涉案车辆', authority: '遵义市红花岗区人民法院' },
  });
const lift = async (vin: string, flag: string, user: Parameters<typeof as>[0] = 'clerk.city') =>
  t.app.inject({
    method: 'DELETE',
    url: `/api/v1/vehicles/${vin}/flags/${flag}`,
    headers: await as(user),
  });
const reissue = async (v: { plate: string; ownerIdNumber: string; ownerName: string }) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: await as('clerk.city'),
    payload: {
      businessType: 'vehicle.licence-reissue',
      applicant: { idNumber: v.ownerIdNumber, name: v.ownerName },
      data: { plate: v.plate },
    },
  });
const statusOf = async (vin: string) =>
  (
    await t.app.inject({ url: `/api/v1/vehicles/by-vin/${vin}`, headers: await as('clerk.city') })
  ).json().status;

describe('status flags (R164 §§15, 76)', () => {
  it('stops all business while seized and resumes when the seizure is lifted', async () => {
    const v = await createVehicle(t.ctx.db);
    const set = await setFlag(v.vin, 'seized');
    expect(set.statusCode).toBe(201);
    expect(set.json()).toMatchObject({ vin: v.vin, status: 'seized', flags: [{ flag: 'seized' }] });
    const refused = await reissue(v);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().refusal.items).toEqual([
      expect.objectContaining({ code: 'VEHICLE_SEIZED', legalBasis: '机动车登记规定 第十五条' }),
    ]);
    expect((await setFlag(v.vin, 'seized')).statusCode).toBe(409);
    const lifted = await lift(v.vin, 'seized');
    expect(lifted.statusCode).toBe(200);
    expect(lifted.json()).toMatchObject({ status: 'normal', flags: [] });
    expect((await reissue(v)).statusCode).toBe(201);
    expect((await lift(v.vin, 'seized')).statusCode).toBe(404);
  });

  it('gives back the earlier status: a mortgaged vehicle stolen and recovered is mortgaged again', async () => {
    const v = await createVehicle(t.ctx.db, { status: 'mortgaged' });
    expect((await setFlag(v.vin, 'seized')).json().status).toBe('seized');
    expect((await setFlag(v.vin, 'stolen')).json().status).toBe('stolen');
    const stolen = await reissue(v);
    expect(stolen.json().refusal.items.map((i: { code: string }) => i.code)).toContain(
      'VEHICLE_STOLEN',
    );
    expect(stolen.json().refusal.items[0].legalBasis).toBe('机动车登记规定 第七十六条');
    expect((await lift(v.vin, 'stolen')).json()).toMatchObject({
      status: 'seized',
      flags: [{ flag: 'seized' }],
    });
    expect((await lift(v.vin, 'seized')).json().status).toBe('mortgaged');
    expect(await statusOf(v.vin)).toBe('mortgaged');
  });

  it('is police work: a dealer may not, another city never sees the vehicle', async () => {
    const v = await createVehicle(t.ctx.db);
    expect((await setFlag(v.vin, 'stolen', 'clerk.dealer')).statusCode).toBe(403);
    expect((await setFlag(v.vin, 'stolen', 'clerk.bank')).statusCode).toBe(403);
    expect((await setFlag(v.vin, 'stolen', 'sup.city')).statusCode).toBe(403);
    expect((await setFlag(v.vin, 'stolen', 'clerk.police')).statusCode).toBe(201);
    expect((await lift(v.vin, 'stolen', 'admin')).statusCode).toBe(200);
    const other = await createClerk(t.ctx.db, 'city-office', GUIYANG.countyCode);
    expect((await setFlag(v.vin, 'stolen', other)).statusCode).toBe(404);
    expect((await setFlag('LSJA24U62JG269225', 'stolen')).statusCode).toBe(404);
  });

  it('answers 400 for an unknown flag or missing authority', async () => {
    const v = await createVehicle(t.ctx.db);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/vehicles/${v.vin}/flags`,
      headers: await as('clerk.city'),
      payload: { flag: 'lost', reason: '' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('keeps the whole story in the vehicle file, in time order', async () => {
    t.clock.set('2026-11-26T09:00:00+08:00');
    const v = await createVehicle(t.ctx.db);
    await setFlag(v.vin, 'seized');
    t.clock.set('2026-11-26T10:00:00+08:00');
    await reissue(v);
    t.clock.set('2026-11-26T11:00:00+08:00');
    await lift(v.vin, 'seized');
    t.clock.set('2026-11-26T12:00:00+08:00');
    await reissue(v);
    t.clock.set();
    const history = await t.app.inject({
      url: `/api/v1/vehicles/${v.vin}/history`,
      headers: await as('clerk.city'),
    });
    expect(history.statusCode).toBe(200);
    expect(
      history
        .json()
        .items.map((i: { kind: string; event: string; status: string | null }) =>
          [i.kind, i.event, i.status].join(':'),
        ),
    ).toEqual([
      'status:seized:',
      'application:vehicle.licence-reissue:refused',
      'status:seizure-lifted:',
      'application:vehicle.licence-reissue:completed',
      'document:vehicle-licence:valid',
    ]);
    expect(history.json().items[0]).toMatchObject({
      statusFrom: 'normal',
      statusTo: 'seized',
      by: '市车管所窗口民警',
    });
    const hospital = await t.app.inject({
      url: `/api/v1/vehicles/${v.vin}/history`,
      headers: await as('clerk.hospital'),
    });
    expect(hospital.statusCode).toBe(403);
  });
});
