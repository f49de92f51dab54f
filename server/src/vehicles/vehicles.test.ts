import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { idNumber, vin, zunyiPlate } from '../../../test/support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const record = (overrides: Record<string, unknown> = {}) => ({
  vin: vin(),
  plate: zunyiPlate(),
  vehicleType: 'small-car',
  useNature: 'non-operating',
  seats: 5,
  owner: { idNumber: idNumber('520322'), name: '李四', phone: '13800000000' },
  registeredOn: '2019-03-01',
  manufacturedOn: '2018-12-01',
  inspectionValidUntil: '2027-03-31',
  ...overrides,
});

const importLines = async (lines: string[], user = 'admin') =>
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/imports/vehicles',
    headers: { ...bearer(await t.login(user)), 'content-type': 'application/x-ndjson' },
    payload: lines.join('\n'),
  });

describe('vehicle import (NDJSON) and registry reads', () => {
  it('keeps good lines and rejects bad ones one by one with the reason', async () => {
    const good = record();
    const mortgaged = record({
      mortgage: { mortgageeOrgCode: '520302-BK-001', contractNo: 'DY-001' },
    });
    const res = await importLines([
      JSON.stringify(good),
      '{not json',
      JSON.stringify(record({ vin: 'LSJA24U62JG269226' })), // wrong check digit
      '',
      JSON.stringify(mortgaged),
      JSON.stringify(record({ plate: '贵AB1234' })), // another city
      JSON.stringify({ ...good, plate: zunyiPlate() }), // duplicate VIN
      JSON.stringify(record({ owner: { idNumber: '520302199003070014', name: '' } })),
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.imported).toBe(2);
    expect(body.rejected.map((r: { line: number }) => r.line)).toEqual([2, 3, 6, 7, 8]);
    expect(body.rejected[1].error).toMatch(/^vin: /);
    expect(body.rejected[3].error).toContain('重复');
    expect(body.rejected[4].error).toMatch(
      /owner\.idNumber.*owner\.name|owner\.name.*owner\.idNumber/,
    );

    const byPlate = (
      await t.app.inject({
        url: encodeURI(`/api/v1/vehicles/by-plate/${good.plate}`),
        headers: bearer(await t.login('clerk.city')),
      })
    ).json();
    expect(byPlate).toMatchObject({
      vin: good.vin,
      plate: good.plate,
      vehicleType: 'small-car',
      useNature: 'non-operating',
      status: 'normal',
      owner: { idNumber: good.owner.idNumber, name: '李四' },
      mortgage: null,
      inspectionValidUntil: '2027-03-31',
      registeredOn: '2019-03-01',
      manufacturedOn: '2018-12-01',
    });
    const byVin = (
      await t.app.inject({
        url: `/api/v1/vehicles/by-vin/${mortgaged.vin}`,
        headers: bearer(await t.login('clerk.city')),
      })
    ).json();
    expect(byVin).toMatchObject({
      status: 'mortgaged',
      mortgage: { mortgageeOrgCode: '520302-BK-001', contractNo: 'DY-001' },
    });
  });

  it('rejects records the registry cannot hold: a plate of another layout, a mortgage contradicted, dates out of order, a deregistration under a mortgage', async () => {
    const mortgage = { mortgageeOrgCode: '520302-BK-001', contractNo: 'DY-002' };
    const res = await importLines(
      [
        record({ vehicleType: 'small-car', plate: '贵CD12345' }), // a new-energy plate
        record({ vehicleType: 'small-new-energy', plate: '贵C12345D' }), // a large one's
        record({ status: 'mortgaged' }),
        record({ status: 'normal', mortgage }),
        record({ registeredOn: '2099-01-01' }),
        record({ manufacturedOn: '2019-04-01' }),
        record({ status: 'deregistered', mortgage }), // R164 §42: not while mortgaged
        // Lawful: a new-energy car registered before its plates, and a seized mortgaged one.
        record({ vehicleType: 'small-new-energy', plate: zunyiPlate() }),
        record({ status: 'seized', mortgage }),
      ].map((r) => JSON.stringify(r)),
    );
    const body = res.json();
    expect(
      body.rejected.map((r: { line: number; error: string }) => [r.line, r.error.split(':')[0]]),
    ).toEqual([
      [1, 'plate'],
      [2, 'plate'],
      [3, 'mortgage'],
      [4, 'status'],
      [5, 'registeredOn'],
      [6, 'manufacturedOn'],
      [7, 'status'],
    ]);
    expect(body.imported).toBe(2);
  });

  it('puts an imported vehicle in its owner’s county, for county scopes', async () => {
    const v = record();
    await importLines([JSON.stringify(v)]);
    const res = await t.app.inject({
      url: `/api/v1/vehicles/by-vin/${v.vin}`,
      headers: bearer(await t.login('sup.county')),
    });
    expect(res.statusCode).toBe(200); // the owner lives in 桐梓县 (520322)
  });

  it('accepts plates written with the middle dot and answers 404 for unknown vehicles', async () => {
    const token = await t.login('clerk.city');
    expect(
      (
        await t.app.inject({
          url: encodeURI('/api/v1/vehicles/by-plate/贵C·A8830'),
          headers: bearer(token),
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await t.app.inject({
          url: encodeURI('/api/v1/vehicles/by-plate/贵CZ9998'),
          headers: bearer(token),
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ url: '/api/v1/vehicles/by-vin/NOTAVIN', headers: bearer(token) }))
        .statusCode,
    ).toBe(400);
  });

  it('writes one audit record per imported chunk', async () => {
    const before = await t.ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'vehicles.imported')
      .execute();
    await importLines([JSON.stringify(record()), JSON.stringify(record())]);
    const after = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'vehicles.imported')
      .execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)?.details).toMatchObject({ lines: 2, imported: 2 });
  });
});

describe('import against the existing registry', () => {
  it('rejects a line whose VIN or plate is already registered', async () => {
    const v = record();
    await importLines([JSON.stringify(v)]);
    const res = (
      await importLines([JSON.stringify({ ...v, vin: vin() }), JSON.stringify(record())])
    ).json();
    expect(res.imported).toBe(1);
    expect(res.rejected).toEqual([{ line: 1, error: expect.stringContaining('已存在') }]);
  });
});
