import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { importNdjson, runAlerts, scattered } from '../../../test/support/supervision.ts';
import {
  createOutlet,
  createVehicle,
  GUIYANG,
  zunyiPlate,
} from '../../../test/support/factories.ts';

/**
 * `POST /imports/inspections`: legacy inspections judged line by line, stored in the stations'
 * inspections table as imported, and read by supervision runs like the stations' own records.
 */
let t: TestApp;
let stations: string[];

beforeAll(async () => {
  t = await createTestApp();
  stations = (
    await t.ctx.db
      .selectFrom('outlets')
      .select('code')
      .where('city_code', '=', '520300')
      .where('category', '=', 'inspection-station')
      .orderBy('code')
      .limit(11)
      .execute()
  ).map((r) => r.code);
});
afterAll(async () => t.close());

let serial = 0;
const hash = (n: number) => n.toString(16).padStart(64, '0');
/** An inspection at a station on a weekday morning of November 2026, 20 minutes long. */
function inspection(stationCode: string, passed: boolean, day: number, over: object = {}) {
  serial += 1;
  const started = new Date(`2026-11-${String(day).padStart(2, '0')}T09:00:00+08:00`);
  started.setMinutes((serial * 7) % 360);
  return {
    id: `LEGACY-INSP-${serial}`,
    stationCode,
    plate: zunyiPlate(),
    result: passed ? 'pass' : 'fail',
    items: [{ code: 'brakes', result: passed ? 'pass' : 'fail' }],
    startedAt: started.toISOString(),
    finishedAt: new Date(started.getTime() + 20 * 60_000).toISOString(),
    inspector: '李检',
    photoHashes: [hash(1_000_000 + serial)],
    ...over,
  };
}
const importLines = (lines: (object | string)[]) => importNdjson(t, 'inspections', lines);
const run = async (from: string, to: string) =>
  (await runAlerts(t, from, to, 'inspection-%')).map((a) => [a.rule, a.subject_id]);

describe('POST /imports/inspections', () => {
  it('judges each line alone and keeps the good ones as imported', async () => {
    const other = await createOutlet(t.ctx.db, {
      category: 'inspection-station',
      countyCode: GUIYANG.countyCode,
    });
    const registered = await createVehicle(t.ctx.db);
    const good = inspection(stations[0]!, true, 20, { plate: registered.plate });
    const answer = await importLines([
      good,
      '{"id":',
      inspection(other.code, true, 20),
      inspection('520302-CO-001', true, 20),
      inspection(stations[0]!, true, 20, { finishedAt: '2026-11-20T08:00:00+08:00' }),
      inspection(stations[0]!, true, 20, {
        startedAt: '2026-11-27T09:00:00+08:00',
        finishedAt: '2026-11-27T09:20:00+08:00',
      }),
      inspection(stations[0]!, true, 20, { plate: registered.plate, vin: 'LSVAU2A37N2183424' }),
      { ...inspection(stations[0]!, true, 20), id: good.id },
      inspection(stations[0]!, true, 20, { plate: undefined }),
      inspection(stations[0]!, false, 21, { reportNo: 'JC-LEGACY-0001' }),
    ]);
    expect(answer.rejected.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(answer.imported).toBe(2);
    expect(answer.rejected[1]!.error).toMatch(/^stationCode: /);
    expect(answer.rejected[2]!.error).toMatch(/^stationCode: /);
    expect(answer.rejected[3]!.error).toMatch(/^finishedAt: /);
    expect(answer.rejected[4]!.error).toMatch(/^finishedAt: .*当前时间/);
    expect(answer.rejected[5]!.error).toMatch(/^vin: /);
    expect(answer.rejected[6]!.error).toMatch(/^id: /);
    expect(answer.rejected[7]!.error).toMatch(/^plate: /);

    const again = await importLines([good]);
    expect(again).toEqual({
      imported: 0,
      rejected: [{ line: 1, error: expect.stringContaining(good.id) }],
    });
    const rows = await t.ctx.db
      .selectFrom('inspections')
      .select(['import_id', 'report_no', 'source', 'vin', 'plate', 'outlet_code', 'county_code'])
      .where('source', '=', 'import')
      .orderBy('report_no')
      .execute();
    expect(rows).toEqual([
      {
        import_id: expect.stringMatching(/^LEGACY-INSP-/),
        report_no: 'JC-LEGACY-0001',
        source: 'import',
        vin: null,
        plate: expect.any(String),
        outlet_code: stations[0],
        county_code: expect.any(String),
      },
      {
        import_id: good.id,
        report_no: good.id,
        source: 'import',
        // A plate on file gets its VIN, as the station's own record would.
        vin: registered.vin,
        plate: registered.plate,
        outlet_code: stations[0],
        county_code: expect.any(String),
      },
    ]);
    const audits = await t.ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'inspections.imported')
      .execute();
    expect(audits.map((a) => a.details)).toEqual([
      { lines: 2, imported: 2 },
      { lines: 1, imported: 0 },
    ]);
  });

  it('feeds the supervision run: planted anomalies are found, a clean week has none', async () => {
    expect(stations).toHaveLength(11);
    const honest = (day0: number) =>
      stations
        .slice(1)
        .flatMap((code, i) =>
          Array.from({ length: 100 }, (_, k) =>
            inspection(code, scattered(k, 75 + i), day0 + (k % 5)),
          ),
        );
    const lenient = stations[0]!;
    const reused = hash(42);
    const planted = [
      ...honest(2),
      // The lenient station passes everything, rushes 20 of 100 and shows one photo twice.
      ...Array.from({ length: 100 }, (_, k) => {
        const line = inspection(lenient, true, 2 + (k % 5), k < 2 ? { photoHashes: [reused] } : {});
        const minutes = k < 20 ? 4 : 20;
        const finishedAt = new Date(Date.parse(line.startedAt) + minutes * 60_000).toISOString();
        return { ...line, finishedAt };
      }),
    ];
    // A clean week, with a vehicle the station inspected here and the legacy platform earlier
    // with the same photo: one vehicle, no reuse.
    const registered = await createVehicle(t.ctx.db);
    const recorded = await t.app.inject({
      method: 'POST',
      url: '/api/v1/inspections',
      headers: bearer(await t.login('clerk.station')),
      payload: {
        plate: registered.plate,
        result: 'pass',
        items: [{ code: 'brakes', result: 'pass' }],
        startedAt: '2026-11-10T10:00:00+08:00',
        finishedAt: '2026-11-10T10:30:00+08:00',
        inspector: '王检',
        photoHashes: [hash(7)],
      },
    });
    expect(recorded.statusCode).toBe(201);
    const clean = [
      ...honest(9),
      inspection(stations[1]!, true, 11, { plate: registered.plate, photoHashes: [hash(7)] }),
    ];
    const answer = await importLines([...planted, ...clean]);
    expect(answer).toEqual({ imported: planted.length + clean.length, rejected: [] });

    expect(await run('2026-11-02', '2026-11-08')).toEqual([
      ['inspection-duration', lenient],
      ['inspection-pass-rate', lenient],
      ['inspection-photo-reuse', lenient],
    ]);
    expect(await run('2026-11-09', '2026-11-15')).toEqual([]);
  });
});
