import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChains } from '../audit/audit.service.ts';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import {
  createOutlet,
  createUser,
  createVehicle,
  GUIYANG,
  idNumber,
  plate,
  vin,
  type VehicleSeed,
} from '../../../test/support/factories.ts';

/**
 * A second city beside the Zunyi demo: 贵阳 (520100, plates 贵A). Nothing in the pipeline may
 * assume one city: each office decides its own vehicles, issues its own numbers, and its staff
 * see and act within their city only.
 */
let t: TestApp;
type Login = { username: string; password: string };
let gy: { admin: Login; supervisor: Login; clerk: Login; dealer: Login; office: string };
let gyVehicle: VehicleSeed;
let zyVehicle: VehicleSeed;

beforeAll(async () => {
  t = await createTestApp();
  const office = await createOutlet(t.ctx.db, {
    category: 'city-office',
    countyCode: GUIYANG.countyCode,
  });
  const dealer = await createOutlet(t.ctx.db, {
    category: 'dealer',
    countyCode: GUIYANG.countyCode,
  });
  gy = {
    office: office.code,
    admin: await createUser(t.ctx.db, {
      roles: ['admin'],
      scope: { level: 'city', code: GUIYANG.cityCode },
    }),
    supervisor: await createUser(t.ctx.db, {
      roles: ['supervisor'],
      scope: { level: 'city', code: GUIYANG.cityCode },
    }),
    clerk: await createUser(t.ctx.db, { roles: ['clerk'], outletCode: office.code }),
    dealer: await createUser(t.ctx.db, { roles: ['clerk'], outletCode: dealer.code }),
  };
  gyVehicle = await createVehicle(t.ctx.db, { countyCode: GUIYANG.countyCode });
  zyVehicle = await createVehicle(t.ctx.db);
});
afterAll(async () => t.close());

const headers = async (who: string | Login) =>
  bearer(typeof who === 'string' ? await t.login(who) : await t.login(who.username, who.password));
const get = async (url: string, who: string | Login) =>
  await t.app.inject({ url, headers: await headers(who) });
const reissue = async (who: string | Login, v: VehicleSeed) =>
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: await headers(who),
    payload: {
      businessType: 'vehicle.licence-reissue',
      applicant: { idNumber: v.ownerIdNumber, name: v.ownerName },
      data: { plate: v.plate },
    },
  });

describe('a second city', () => {
  it('decides its own vehicles and numbers its documents as its own', async () => {
    const res = await reissue(gy.clerk, gyVehicle);
    expect(res.statusCode).toBe(201);
    const [licence] = res.json().result.documents;
    expect(licence.number).toMatch(/^XS520100/);
    expect(licence.verifyToken).toMatch(/^520100\./);
    const check = await t.app.inject({ url: `/api/v1/verify/${licence.verifyToken}` });
    expect(check.json()).toMatchObject({ valid: true, kind: 'vehicle-licence' });
  });

  it("refuses the other city's vehicle as not in its jurisdiction, both ways", async () => {
    for (const [who, v] of [
      [gy.clerk, zyVehicle],
      ['clerk.city', gyVehicle],
    ] as const) {
      const res = await reissue(who, v);
      expect(res.statusCode).toBe(422);
      expect(res.json().refusal.items.map((i: { code: string }) => i.code)).toEqual([
        'NOT_IN_JURISDICTION',
      ]);
    }
  });

  it('issues temporary plates under its own prefix and its own policy', async () => {
    const tempPlate = async (days: number) =>
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/applications',
        headers: await headers(gy.dealer),
        payload: {
          businessType: 'vehicle.temp-plate',
          applicant: { idNumber: idNumber(GUIYANG.countyCode), name: '李四' },
          data: { vin: vin(), purpose: 'unregistered', days, insuranceValidUntil: '2027-11-25' },
        },
      });
    // Zunyi's 2019 reform is Zunyi's own rule; 贵阳 follows the national value, which since
    // R164 took effect (2022-05-01) is 30 days a time.
    const long = await tempPlate(31);
    expect(long.statusCode).toBe(422);
    expect(long.json().refusal.items[0]).toMatchObject({ code: 'TEMP_PLATE_DAYS_EXCEEDED' });
    const res = await tempPlate(30);
    expect(res.statusCode).toBe(201);
    expect(res.json().result.tempPlate).toMatch(/^贵A临\d+$/);
  });

  it("shows its staff their own city's network only", async () => {
    const outlets = (await get('/api/v1/outlets?limit=1000', gy.admin)).json();
    expect(outlets.items.length).toBeGreaterThan(0);
    expect(outlets.items.every((o: { cityCode: string }) => o.cityCode === GUIYANG.cityCode)).toBe(
      true,
    );
    expect((await get('/api/v1/outlets/520302-CO-001', gy.admin)).statusCode).toBe(404);
    const summary = (await get('/api/v1/network/summary', gy.supervisor)).json();
    expect(summary.regions.map((r: { code: string }) => r.code)).not.toContain('520300');
    expect((await get('/api/v1/agreements', gy.admin)).json().items).toEqual([]);
    const zunyi = (await get('/api/v1/outlets?limit=1000', 'admin')).json();
    expect(zunyi.items.some((o: { code: string }) => o.code === gy.office)).toBe(false);
  });

  it("never shows an application or a vehicle to another city's staff", async () => {
    const own = (await reissue(gy.clerk, gyVehicle)).json();
    expect((await get(`/api/v1/applications/${own.id}`, gy.supervisor)).statusCode).toBe(200);
    for (const who of ['sup.city', 'admin', 'clerk.city']) {
      expect((await get(`/api/v1/applications/${own.id}`, who)).statusCode).toBe(403);
      const list = (await get('/api/v1/applications?limit=200', who)).json();
      expect(list.items.some((a: { id: string }) => a.id === own.id)).toBe(false);
    }
    const zyPlate = encodeURIComponent(zyVehicle.plate);
    expect((await get(`/api/v1/vehicles/by-plate/${zyPlate}`, gy.admin)).statusCode).toBe(404);
    expect((await get(`/api/v1/vehicles/by-vin/${zyVehicle.vin}`, gy.clerk)).statusCode).toBe(404);
    const gyPlate = encodeURIComponent(gyVehicle.plate);
    expect((await get(`/api/v1/vehicles/by-plate/${gyPlate}`, gy.admin)).statusCode).toBe(200);
  });

  it("lets an administrator act on its own city's outlets and grants only", async () => {
    const admin = await headers(gy.admin);
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/outlets/520302-CO-001/suspension',
      headers: admin,
      payload: { reason: '越权测试' },
    });
    expect(foreign.statusCode).toBe(404);
    // Withdrawing the dealer category's temporary plates in 贵阳 leaves 遵义's dealers alone.
    const withdrawn = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/delegation/categories/dealer/grants/vehicle.temp-plate',
      headers: admin,
    });
    expect(withdrawn.statusCode).toBe(204);
    const matrix = (await get('/api/v1/delegation/matrix', 'admin')).json();
    expect(
      matrix.categoryGrants.some(
        (g: { category: string; businessType: string }) =>
          g.category === 'dealer' && g.businessType === 'vehicle.temp-plate',
      ),
    ).toBe(true);
    const gyMatrix = (await get('/api/v1/delegation/matrix', gy.admin)).json();
    expect(
      gyMatrix.categoryGrants.some(
        (g: { category: string; businessType: string }) =>
          g.category === 'dealer' && g.businessType === 'vehicle.temp-plate',
      ),
    ).toBe(false);
  });

  it("imports its own registry: its plates in, the other city's refused", async () => {
    const line = (p: string) =>
      JSON.stringify({
        vin: vin(),
        plate: p,
        vehicleType: 'small-car',
        useNature: 'non-operating',
        seats: 5,
        owner: { idNumber: idNumber(GUIYANG.countyCode), name: '王五' },
        registeredOn: '2021-01-01',
        manufacturedOn: '2020-12-01',
        inspectionValidUntil: '2027-01-31',
      });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/vehicles',
      headers: { ...(await headers(gy.admin)), 'content-type': 'application/x-ndjson' },
      payload: [line(plate(GUIYANG.prefix)), line(plate('贵C'))].join('\n'),
    });
    expect(res.json().imported).toBe(1);
    expect(res.json().rejected).toEqual([
      { line: 2, error: expect.stringContaining('不属于本辖区') },
    ]);
  });

  it('keeps one audit chain per outlet and city, all intact', async () => {
    const heads = await t.ctx.db.selectFrom('audit_heads').select('city_code').execute();
    expect(new Set(heads.map((h) => h.city_code))).toEqual(new Set(['520300', GUIYANG.cityCode]));
    expect(await verifyChains(t.ctx.db)).toMatchObject({ ok: true });
  });
});
