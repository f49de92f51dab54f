import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber } from '#shared/validators/index.ts';
import {
  bearer,
  createTestApp,
  detailPaths,
  submitTempPlate,
  type TestApp,
} from '../../../test/support/app.ts';
import { createOutlet, createUser, GUIYANG, idNumber } from '../../../test/support/factories.ts';
import { addDays } from '../platform/time.ts';
import { reopenOverdue } from './alerts.service.ts';

/**
 * Legacy business trips the business rules; supervisors dispose of the alerts, and sanctions
 * act through delegation exactly as the administrator's suspension and withdrawal do.
 */
let t: TestApp;
/** A demo account's scope: its outlet, or its county for a brigade supervisor. */
const scopeOf = async (username: string) =>
  (
    await t.ctx.db
      .selectFrom('users')
      .select('scope_code')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).scope_code;
let dealer: string;
let countyOffice: string;
let post: string;
let cityOffice: string;
let brigadeCounty: string;
const repeatingOwner = idNumber();

const line = (outletCode: string, at: string, extra: Record<string, unknown> = {}) => ({
  id: `LEGACY-${Math.random().toString(36).slice(2)}`,
  businessType: 'vehicle.temp-plate',
  outletCode,
  staffId: 'S001',
  channel: 'window',
  applicant: { idNumber: idNumber(), name: '王五' },
  submittedAt: at,
  status: 'completed',
  ...extra,
});

async function importLines(lines: object[]) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/imports/applications-history',
    headers: { ...bearer(await t.login('admin')), 'content-type': 'application/x-ndjson' },
    payload: lines.map((l) => JSON.stringify(l)).join('\n'),
  });
  expect(res.statusCode).toBe(200);
  return res.json() as { imported: number; rejected: { line: number; error: string }[] };
}

type AlertItem = {
  id: string;
  rule: string;
  status: string;
  level: string;
  outletCode: string | null;
  countyCode: string;
  subject: { id: string };
  dispositions: { action: string; effect: Record<string, unknown> }[];
};
async function alertsOf(rule: string): Promise<AlertItem[]> {
  const res = await t.app.inject({
    url: `/api/v1/alerts?rule=${rule}&limit=500`,
    headers: bearer(await t.login('sup.city')),
  });
  return res.json().items;
}

async function dispose(
  who: string | { username: string; password: string },
  id: string,
  body: object,
) {
  const token =
    typeof who === 'string' ? await t.login(who) : await t.login(who.username, who.password);
  return await t.app.inject({
    method: 'POST',
    url: `/api/v1/alerts/${id}/disposition`,
    headers: bearer(token),
    payload: body,
  });
}

beforeAll(async () => {
  t = await createTestApp();
  dealer = await scopeOf('clerk.dealer');
  countyOffice = await scopeOf('clerk.county');
  post = await scopeOf('clerk.post');
  cityOffice = await scopeOf('clerk.city');
  brigadeCounty = await scopeOf('sup.county');
  const baseline = Array.from({ length: 28 }, (_, d) => addDays('2026-10-05', d)).flatMap((day) => [
    line(post, `${day}T10:00:00+08:00`, { businessType: 'vehicle.licence-reissue' }),
    line(post, `${day}T10:30:00+08:00`, { businessType: 'vehicle.licence-reissue' }),
  ]);
  const result = await importLines([
    // Temporary plates at half past eleven at night, at a dealer and at a county office.
    ...[0, 1, 2, 3].map((k) => line(dealer, `2026-11-03T23:3${k}:00+08:00`)),
    ...[0, 1, 2, 3].map((k) => line(countyOffice, `2026-11-03T23:4${k}:00+08:00`)),
    // One vehicle's licence reissued three times in a week.
    ...[0, 1, 2].map((k) =>
      line(cityOffice, `2026-11-0${3 + k}T10:00:00+08:00`, {
        businessType: 'vehicle.licence-reissue',
        plate: '贵CX0001',
      }),
    ),
    // One owner's vehicle licence reissued three times, imported with the contract's fields
    // only (no plate): the owner repeats.
    ...[0, 1, 2].map((k) =>
      line(cityOffice, `2026-11-0${3 + k}T11:00:00+08:00`, {
        businessType: 'vehicle.licence-reissue',
        applicant: { idNumber: repeatingOwner, name: '赵六' },
      }),
    ),
    // A post office doing two a day for four weeks, then 25 on one morning.
    ...baseline,
    ...Array.from({ length: 25 }, (_, k) =>
      line(post, `2026-11-04T10:${String(k).padStart(2, '0')}:00+08:00`, {
        businessType: 'vehicle.licence-reissue',
      }),
    ),
    // Not an outlet of the city.
    line('NO-SUCH-OUTLET', '2026-11-03T10:00:00+08:00'),
  ]);
  expect(result.rejected.map((r) => r.error)).toEqual([expect.stringContaining('NO-SUCH-OUTLET')]);
  const run = await t.app.inject({
    method: 'POST',
    url: '/api/v1/supervision/runs',
    headers: bearer(await t.login('sup.city')),
    payload: { from: '2026-11-02', to: '2026-11-08' },
  });
  expect(run.statusCode).toBe(200);
});
afterAll(async () => t.close());

describe('rules over business', () => {
  it('finds business outside hours, frequent reissues and a volume spike', async () => {
    expect((await alertsOf('off-hours-business')).map((a) => a.subject.id).sort()).toEqual(
      [dealer, countyOffice].sort(),
    );
    const reissues = await alertsOf('frequent-reissue');
    // A person's identity number is masked for the detachment's supervisors too.
    const owner = maskIdNumber(repeatingOwner);
    expect(reissues.map((a) => a.subject.id).sort()).toEqual(['贵CX0001', owner].sort());
    expect(reissues.find((a) => a.subject.id === owner)?.subject).toMatchObject({
      kind: 'person',
    });
    const [spike] = await alertsOf('outlet-volume-spike');
    expect(spike?.subject.id).toBe(post);
  });

  it('refuses a second import of the same legacy id', async () => {
    const again = line(dealer, '2026-11-05T10:00:00+08:00');
    expect((await importLines([again])).imported).toBe(1);
    const second = await importLines([again]);
    expect(second.imported).toBe(0);
    expect(second.rejected[0]?.error).toMatch(/已导入/);
  });
});

describe('POST /alerts/{id}/disposition', () => {
  it('suspends the outlet exactly as the administrator would: its next application is refused', async () => {
    const [alert] = (await alertsOf('off-hours-business')).filter((a) => a.subject.id === dealer);
    expect((await submitTempPlate(t)).statusCode).toBe(201);
    const res = await dispose('sup.city', alert!.id, {
      action: 'suspend',
      note: '深夜违规办理临牌',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'closed',
      dispositions: [
        // Named as people know the supervisor; the username stays beside it.
        { action: 'suspend', effect: { suspended: dealer }, by: 'sup.city', byName: '支队监管员' },
      ],
    });
    const refused = await submitTempPlate(t);
    expect(refused.statusCode).toBe(422);
    const items = refused.json().refusal.items as { code: string; message: string }[];
    expect(items.map((i) => i.code)).toContain('OUTLET_SUSPENDED');
    // The clerk and the applicant read the rule by its name, not by its id.
    expect(items.find((i) => i.code === 'OUTLET_SUSPENDED')!.message).toContain(
      '监管预警“非营业时间办理业务”：深夜违规办理临牌',
    );
    const audits = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', 'in', [dealer, alert!.id])
      .execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['alert.suspend', 'outlet.suspended']);
    // A closed alert takes no further disposition.
    expect(
      (await dispose('sup.city', alert!.id, { action: 'dismiss', note: '重复' })).statusCode,
    ).toBe(409);
  });

  it('terminates a delegation: every business type of the outlet is withdrawn', async () => {
    const [alert] = await alertsOf('outlet-volume-spike');
    const res = await dispose('sup.city', alert!.id, { action: 'terminate', note: '终止委托' });
    expect(res.statusCode).toBe(200);
    expect((res.json().dispositions[0].effect.withdrawn as string[]).length).toBeGreaterThan(0);
    const types = await t.app.inject({
      url: '/api/v1/me/business-types',
      headers: bearer(await t.login('clerk.post')),
    });
    expect(types.json().items.some((i: { available: boolean }) => i.available)).toBe(false);
  });

  it('cannot sanction a vehicle: there is no delegation to act on', async () => {
    const [alert] = await alertsOf('frequent-reissue');
    const res = await dispose('sup.city', alert!.id, { action: 'suspend', note: '暂停' });
    expect(res.statusCode).toBe(409);
  });

  it('lets a brigade set a rectification, which re-opens when its deadline passes', async () => {
    const [alert] = (await alertsOf('off-hours-business')).filter(
      (a) => a.subject.id === countyOffice,
    );
    expect(alert?.countyCode).toBe(brigadeCounty);
    expect(alert?.level).toBe('brigade');
    const sanction = await dispose('sup.county', alert!.id, { action: 'suspend', note: '暂停' });
    expect(sanction.statusCode).toBe(403);
    const past = await dispose('sup.county', alert!.id, {
      action: 'rectify',
      note: '整改',
      deadline: '2026-11-26',
    });
    expect(past.statusCode).toBe(400);
    expect(detailPaths(past)).toEqual(['deadline']);
    // Without a deadline (CONTRACT.md `deadline?`), the policy's 15 working days from today:
    // Thursday 2026-11-26 + 15 working days = Thursday 2026-12-17.
    const noDeadline = await dispose('sup.county', alert!.id, { action: 'rectify', note: '整改' });
    expect(noDeadline.statusCode, noDeadline.body).toBe(200);
    expect(noDeadline.json()).toMatchObject({ status: 'assigned', deadline: '2026-12-17' });
    // A nearer deadline set afterwards replaces it.
    const res = await dispose('sup.county', alert!.id, {
      action: 'rectify',
      note: '限期整改营业时间管理',
      deadline: '2026-12-10',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'assigned', deadline: '2026-12-10' });
    t.clock.set('2026-12-10T10:00:00+08:00');
    expect(await reopenOverdue(t.ctx, '520300')).toBe(0);
    t.clock.set('2026-12-11T02:00:00+08:00');
    expect(await reopenOverdue(t.ctx, '520300')).toBe(1);
    const [after] = (await alertsOf('off-hours-business')).filter(
      (a) => a.subject.id === countyOffice,
    );
    expect(after).toMatchObject({ status: 'open' });
    expect(after!.dispositions.map((d) => d.action)).toEqual(['rectify', 'rectify', 'reopen']);
    t.clock.set();
  });

  it('keeps other counties and other cities out', async () => {
    const [other] = (await alertsOf('off-hours-business')).filter((a) => a.subject.id === dealer);
    expect(
      (await dispose('sup.county', other!.id, { action: 'dismiss', note: 'x' })).statusCode,
    ).toBe(403);
    await createOutlet(t.ctx.db, { category: 'city-office', countyCode: GUIYANG.countyCode });
    const stranger = await createUser(t.ctx.db, {
      roles: ['supervisor'],
      scope: { level: 'city', code: GUIYANG.cityCode },
    });
    const [reissue] = await alertsOf('frequent-reissue');
    expect(
      (await dispose(stranger, reissue!.id, { action: 'dismiss', note: 'x' })).statusCode,
    ).toBe(404);
    const read = await t.app.inject({
      url: `/api/v1/alerts/${reissue!.id}`,
      headers: bearer(await t.login(stranger.username, stranger.password)),
    });
    expect(read.statusCode).toBe(404);
    expect(
      (await dispose('clerk.city', reissue!.id, { action: 'dismiss', note: 'x' })).statusCode,
    ).toBe(403);
  });

  it('answers a period that ends before it starts with 400, as a run does', async () => {
    const res = await t.app.inject({
      url: '/api/v1/alerts?from=2026-12-06&to=2026-11-01',
      headers: bearer(await t.login('sup.city')),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toMatch(/to$/);
  });
});
