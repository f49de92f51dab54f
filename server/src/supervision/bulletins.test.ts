import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { idNumber } from '../../../test/support/factories.ts';
import { plantApplication, userIdOf } from '../../../test/support/business-days.ts';
import { outletDirectory } from '../network/network.service.ts';
import { beijingDate } from '../platform/time.ts';
import { periodContaining } from './bulletin-period.ts';
import { dayKind } from '../network/opening-hours.ts';
import { classifyQuarter, quarterOf } from './hours.ts';

/** Bulletins in all three forms, over legacy business planted in one week. */
let t: TestApp;
let dealer: string;
let cityOffice: string;
let brigadeCounty: string;

const scopeOf = async (username: string) =>
  (
    await t.ctx.db
      .selectFrom('users')
      .select('scope_code')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).scope_code;

const get = async (url: string, who = 'sup.city', accept?: string) =>
  await t.app.inject({
    url,
    headers: { ...bearer(await t.login(who)), ...(accept ? { accept } : {}) },
  });

/** A line of the legacy history as the import takes it. */
const line = (outletCode: string, at: string, status = 'completed') => ({
  id: `B-${Math.random().toString(36).slice(2)}`,
  businessType: 'vehicle.licence-reissue',
  outletCode,
  staffId: 'S9',
  channel: 'window',
  applicant: { idNumber: idNumber(), name: '赵六' },
  submittedAt: at,
  status,
});

/** Imports legacy lines as the administrator; returns how many went in. */
const importHistory = async (lines: ReturnType<typeof line>[]) =>
  (
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/applications-history',
      headers: { ...bearer(await t.login('admin')), 'content-type': 'application/x-ndjson' },
      payload: lines.map((l) => JSON.stringify(l)).join('\n'),
    })
  ).json().imported;

beforeAll(async () => {
  t = await createTestApp();
  dealer = await scopeOf('clerk.dealer');
  cityOffice = await scopeOf('clerk.city');
  brigadeCounty = await scopeOf('sup.county');
  expect(
    await importHistory([
      line(dealer, '2026-11-04T10:00:00+08:00'),
      line(dealer, '2026-11-04T10:30:00+08:00', 'refused'),
      // Saturday morning at the city office: a weekend session, outside ordinary hours.
      line(cityOffice, '2026-11-07T10:00:00+08:00'),
      // The week after: not in this week's bulletin.
      line(cityOffice, '2026-11-10T10:00:00+08:00'),
    ]),
  ).toBe(4);
});
afterAll(async () => t.close());

describe('bulletin periods', () => {
  it('is the day, the Monday–Sunday week, the month or the year containing the date', () => {
    expect(periodContaining('daily', '2026-11-04')).toEqual({
      from: '2026-11-04',
      to: '2026-11-04',
    });
    expect(periodContaining('weekly', '2026-11-04')).toEqual({
      from: '2026-11-02',
      to: '2026-11-08',
    });
    expect(periodContaining('weekly', '2026-11-08')).toEqual({
      from: '2026-11-02',
      to: '2026-11-08',
    });
    expect(periodContaining('monthly', '2026-02-14')).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(periodContaining('monthly', '2028-02-14')).toEqual({
      from: '2028-02-01',
      to: '2028-02-29',
    });
    expect(periodContaining('annual', '2026-11-04')).toEqual({
      from: '2026-01-01',
      to: '2026-12-31',
    });
  });
});

describe('GET /bulletins/{period}/{date}', () => {
  it('answers JSON: totals, by category and county, with business outside ordinary hours', async () => {
    const res = await get('/api/v1/bulletins/weekly/2026-11-04');
    expect(res.statusCode).toBe(200);
    const b = res.json();
    expect(b).toMatchObject({ period: 'weekly', from: '2026-11-02', to: '2026-11-08' });
    expect(b.totals).toEqual({ applications: 3, completed: 2, refused: 1, extendedHours: 1 });
    expect(b.byCategory.find((c: { category: string }) => c.category === 'dealer')).toMatchObject({
      applications: 2,
      refused: 1,
      extendedHours: 0,
    });
    expect(b.byCounty.every((c: { countyName: string }) => c.countyName.length > 0)).toBe(true);
  });

  it('counts the pipeline’s business alike, from closed days’ summaries and the last days’ rows', async () => {
    const outlet = (await outletDirectory(t.ctx.db, '520300')).get(cityOffice)!;
    const actorId = await userIdOf(t.ctx.db, 'clerk.city');
    const week = '/api/v1/bulletins/weekly/2026-11-18';
    const before = (await get(week)).json().totals;
    // Monday by day and in the evening, Saturday morning, Sunday night; one refused.
    const times = [
      '2026-11-16T10:00:00+08:00',
      '2026-11-16T19:30:00+08:00',
      '2026-11-21T10:00:00+08:00',
      '2026-11-22T03:00:00+08:00',
    ];
    const ids = [];
    for (const at of times) {
      ids.push(
        await plantApplication(t.ctx.db, {
          outletCode: cityOffice,
          countyCode: outlet.countyCode,
          actorId,
          at: new Date(at),
        }),
      );
    }
    await t.ctx.db
      .updateTable('applications')
      .set({ status: 'refused' })
      .where('id', '=', ids[1]!)
      .execute();
    // The oracle: each one's quarter classified by the outlet's hours on its kind of day.
    const outside = times.filter((at) => {
      const instant = new Date(at);
      const kind = dayKind(beijingDate(instant), new Map());
      return classifyQuarter(outlet.hours, kind, quarterOf(instant)) !== 'ordinary';
    }).length;
    expect(outside).toBeGreaterThanOrEqual(2);
    const delta = { applications: 4, completed: 3, refused: 1, extendedHours: outside };
    const plus = (a: typeof before, d: typeof before) =>
      Object.fromEntries(Object.keys(a).map((k) => [k, a[k] + d[k]]));
    // Read twice: the week's summaries made on the first read, used on the second.
    expect((await get(week)).json().totals).toEqual(plus(before, delta));
    expect((await get(week)).json().totals).toEqual(plus(before, delta));
    // Today's business, not summarised yet, counted from its rows.
    const today = `/api/v1/bulletins/daily/${beijingDate(new Date())}`;
    const earlier = (await get(today)).json().totals;
    await plantApplication(t.ctx.db, {
      outletCode: cityOffice,
      countyCode: outlet.countyCode,
      actorId,
      at: new Date(Date.now() - 60_000),
    });
    expect((await get(today)).json().totals.applications).toBe(earlier.applications + 1);
  });

  it('confines a brigade supervisor to its county', async () => {
    // Legacy business in the brigade's county and in another, one week in October.
    const outlets = [...(await outletDirectory(t.ctx.db, '520300')).values()];
    const inCounty = outlets.find((o) => o.countyCode === brigadeCounty && o.hours)!;
    const elsewhere = outlets.find((o) => o.countyCode !== brigadeCounty && o.hours)!;
    expect(
      await importHistory([
        line(inCounty.code, '2026-10-21T10:00:00+08:00'),
        line(inCounty.code, '2026-10-21T22:00:00+08:00', 'refused'),
        line(elsewhere.code, '2026-10-22T10:00:00+08:00'),
      ]),
    ).toBe(3);
    const week = '/api/v1/bulletins/weekly/2026-10-21';
    const b = (await get(week, 'sup.county')).json();
    expect(b.scope.countyCode).toBe(brigadeCounty);
    expect(b.totals).toMatchObject({ applications: 2, completed: 1, refused: 1 });
    // The county's figures are the city bulletin's line for it.
    const city = (await get(week)).json();
    expect(city.totals.applications).toBe(3);
    const ofCounty = city.byCounty.find(
      (c: { countyCode: string }) => c.countyCode === brigadeCounty,
    );
    const { countyCode: _c, countyName: _n, ...figures } = ofCounty;
    expect(b.totals).toEqual(figures);
    expect(b.byCounty.every((c: { countyCode: string }) => c.countyCode === brigadeCounty)).toBe(
      true,
    );
  });

  it('answers an .xlsx workbook when asked for one', async () => {
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const res = await get('/api/v1/bulletins/weekly/2026-11-04', 'sup.city', xlsx);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(xlsx);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const totals = book.getWorksheet('业务总量')!;
    expect(String(totals.getCell('A1').value)).toMatch(/每周监管研判通报/);
    expect(totals.getRow(3).values).toEqual([undefined, 3, 2, 1, 1]);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      '业务总量',
      '按网点类别',
      '按区县',
      '预警',
      '处置',
    ]);
  });

  it('weighs the Accept header: the workbook only when preferred to JSON', async () => {
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const typeFor = async (accept: string) =>
      (await get('/api/v1/bulletins/weekly/2026-11-04', 'sup.city', accept)).headers[
        'content-type'
      ];
    expect(await typeFor(`${xlsx};q=0, application/json`)).toContain('application/json');
    expect(await typeFor(`application/json, ${xlsx};q=0.5`)).toContain('application/json');
    expect(await typeFor(`application/json;q=0.5, ${xlsx}`)).toContain(xlsx);
    // A browser's default header accepts everything, JSON first.
    expect(await typeFor('text/html,application/xhtml+xml,*/*;q=0.8')).toContain(
      'application/json',
    );
  });

  it('prints an A4 page', async () => {
    const res = await get('/api/v1/bulletins/monthly/2026-11-04/print');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('size: A4');
    expect(res.body).toContain(
      '遵义市公安局交通警察支队车辆管理所月度监管研判通报（2026-11-01 至 2026-11-30）',
    );
  });

  it('issues the bulletin of a brigade, printed or as a workbook, under the name of the brigade', async () => {
    const json = (await get('/api/v1/bulletins/monthly/2026-11-04', 'sup.county')).json();
    expect(json.issuer).toBe('桐梓县交通警察大队');
    const page = await get('/api/v1/bulletins/monthly/2026-11-04/print', 'sup.county');
    expect(page.body).toContain('桐梓县交通警察大队月度监管研判通报（2026-11-01 至 2026-11-30）');
    expect(page.body).not.toContain('车辆管理所');
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const res = await get('/api/v1/bulletins/monthly/2026-11-04', 'sup.county', xlsx);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(String(book.getWorksheet('业务总量')!.getCell('A1').value)).toBe(
      '桐梓县交通警察大队月度监管研判通报（2026-11-01 至 2026-11-30）',
    );
  });

  it('is for supervisors and administrators', async () => {
    expect((await get('/api/v1/bulletins/daily/2026-11-04', 'clerk.city')).statusCode).toBe(403);
    expect((await get('/api/v1/bulletins/hourly/2026-11-04')).statusCode).toBe(400);
  });
});
