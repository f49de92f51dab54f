import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import {
  createClerk,
  createVehicle,
  GUIYANG,
  idNumber,
  vin as newVin,
  zunyiPlate,
} from '../../../test/support/factories.ts';

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
    // The system administrator is not traffic police (CONTRACT "Status flags (police)").
    expect((await setFlag(v.vin, 'stolen', 'admin')).statusCode).toBe(403);
    expect((await setFlag(v.vin, 'stolen', 'clerk.police')).statusCode).toBe(201);
    const byAdmin = await lift(v.vin, 'stolen', 'admin');
    expect(byAdmin.statusCode).toBe(403);
    expect(byAdmin.json().error.code).toBe('FORBIDDEN');
    expect((await lift(v.vin, 'stolen', 'clerk.county')).statusCode).toBe(200);
    const other = await createClerk(t.ctx.db, 'city-office', GUIYANG.countyCode);
    expect((await setFlag(v.vin, 'stolen', other)).statusCode).toBe(404);
    expect((await setFlag('LSJA24U62JG269225', 'stolen')).statusCode).toBe(404);
  });

  it('lifts the flag of a vehicle imported seized or stolen, giving back the status its mortgage says', async () => {
    const record = (status: string, mortgaged = false) => ({
      vin: newVin(),
      plate: zunyiPlate(),
      vehicleType: 'small-car',
      useNature: 'non-operating',
      seats: 5,
      owner: { idNumber: idNumber('520302'), name: '李四' },
      registeredOn: '2019-03-01',
      manufacturedOn: '2018-12-01',
      inspectionValidUntil: '2027-03-31',
      status,
      ...(mortgaged ? { mortgage: { mortgageeOrgCode: '520302-BK-001', contractNo: 'DY-9' } } : {}),
    });
    const stolen = record('stolen');
    const seized = record('seized', true);
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/vehicles',
      headers: { ...(await as('admin')), 'content-type': 'application/x-ndjson' },
      payload: [stolen, seized].map((r) => JSON.stringify(r)).join('\n'),
    });
    expect(imported.json()).toMatchObject({ imported: 2, rejected: [] });
    const flags = await t.app.inject({
      url: `/api/v1/vehicles/${stolen.vin}/flags`,
      headers: await as('clerk.police'),
    });
    expect(flags.json()).toMatchObject({
      status: 'stolen',
      flags: [{ flag: 'stolen', authority: '原机动车登记系统' }],
    });
    expect((await setFlag(stolen.vin, 'stolen', 'clerk.police')).statusCode).toBe(409);
    const recovered = await lift(stolen.vin, 'stolen', 'clerk.police');
    expect(recovered.statusCode).toBe(200);
    expect(recovered.json()).toMatchObject({ status: 'normal', flags: [] });
    // Seized, then reported stolen as well: each lifted in turn, the mortgage given back.
    expect((await setFlag(seized.vin, 'stolen', 'clerk.police')).json().status).toBe('stolen');
    expect((await lift(seized.vin, 'stolen', 'clerk.police')).json()).toMatchObject({
      status: 'seized',
      flags: [{ flag: 'seized' }],
    });
    expect((await lift(seized.vin, 'seized', 'clerk.police')).json().status).toBe('mortgaged');
    expect(await statusOf(seized.vin)).toBe('mortgaged');
  });

  it('never answers 500: a status with no flag on record, an earlier status that is a flag, a vehicle deregistered meanwhile', async () => {
    // A registry record flagged with no flag on record (written before the import recorded them).
    const bare = await createVehicle(t.ctx.db, { status: 'stolen' });
    expect((await setFlag(bare.vin, 'seized', 'clerk.police')).json()).toMatchObject({
      status: 'stolen',
      flags: [{ flag: 'stolen' }, { flag: 'seized' }],
    });
    expect((await lift(bare.vin, 'stolen', 'clerk.police')).json().status).toBe('seized');
    expect((await lift(bare.vin, 'seized', 'clerk.police')).json().status).toBe('normal');
    const seizedBare = await createVehicle(t.ctx.db, { status: 'seized' });
    const lifted = await lift(seizedBare.vin, 'seized', 'clerk.police');
    expect(lifted.statusCode).toBe(200);
    expect(lifted.json().status).toBe('normal');

    // A flag recorded with a flagged status before it (set on such a record before the fix).
    const v = await createVehicle(t.ctx.db);
    expect((await setFlag(v.vin, 'stolen')).statusCode).toBe(201);
    await t.ctx.db
      .updateTable('vehicle_flags')
      .set({ status_before: 'stolen' })
      .where('vin', '=', v.vin)
      .execute();
    const recovered = await lift(v.vin, 'stolen');
    expect(recovered.statusCode).toBe(200);
    expect(recovered.json().status).toBe('normal');

    // Stolen, then deregistered as lost (§37): the flag is lifted, the vehicle stays deregistered.
    const lost = await createVehicle(t.ctx.db);
    await setFlag(lost.vin, 'stolen');
    await t.ctx.db
      .updateTable('vehicles')
      .set({ status: 'deregistered' })
      .where('vin', '=', lost.vin)
      .execute();
    const afterLoss = await lift(lost.vin, 'stolen');
    expect(afterLoss.statusCode).toBe(200);
    expect(afterLoss.json()).toMatchObject({ status: 'deregistered', flags: [] });
  });

  it('records the flags of vehicles migrated flagged before the import recorded them (migration)', async () => {
    const stolen = await createVehicle(t.ctx.db, { status: 'stolen' });
    const seized = await createVehicle(t.ctx.db, {
      status: 'seized',
      mortgage: { mortgageeOrgCode: '520302-BK-001', contractNo: 'DY-8' },
    });
    const migration = await readFile(
      new URL('../../migrations/20270101090000_migrated_flags.sql', import.meta.url),
      'utf8',
    );
    await sql.raw(migration).execute(t.ctx.db);
    const flagsOf = async (vin: string) =>
      (
        await t.app.inject({
          url: `/api/v1/vehicles/${vin}/flags`,
          headers: await as('clerk.police'),
        })
      ).json();
    expect(await flagsOf(stolen.vin)).toMatchObject({ flags: [{ flag: 'stolen' }] });
    expect(await flagsOf(seized.vin)).toMatchObject({ flags: [{ flag: 'seized' }] });
    expect((await lift(seized.vin, 'seized', 'clerk.police')).json().status).toBe('mortgaged');
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
