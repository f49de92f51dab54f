import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, submitTempPlate, type TestApp } from '../../../test/support/app.ts';
import { registerCitizen } from '../../../test/support/citizens.ts';
import {
  createLicence,
  createOutlet,
  createUser,
  GUIYANG,
  vin,
} from '../../../test/support/factories.ts';
import { JOBS } from '../jobs/jobs.ts';
import { sampleCallbacks } from './service.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

type Who = string | { username: string; password: string };
const as = async (who: Who) =>
  bearer(typeof who === 'string' ? await t.login(who) : await t.login(who.username, who.password));

const DEALER = '520303-DL-001';

/** A citizen (a licence holder) and a completed temporary plate it applied for at the dealer. */
async function citizenWithFinishedBusiness() {
  const licence = await createLicence(t.ctx.db);
  const citizen = await registerCitizen(t, { idNumber: licence.idNumber, name: licence.name });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: await as('clerk.dealer'),
    payload: {
      businessType: 'vehicle.temp-plate',
      applicant: { idNumber: licence.idNumber, name: licence.name },
      data: { vin: vin(), purpose: 'unregistered', days: 30, insuranceValidUntil: '2027-11-25' },
    },
  });
  expect(res.statusCode).toBe(201);
  return { citizen, applicationId: res.json().id as string };
}

async function rate(who: Who, id: string, score: number) {
  return await t.app.inject({
    method: 'POST',
    url: `/api/v1/applications/${id}/rating`,
    headers: await as(who),
    payload: { score, comment: '服务态度' },
  });
}

async function callbacks(who: Who, status?: string) {
  return await t.app.inject({
    url: `/api/v1/callbacks${status ? `?status=${status}` : ''}`,
    headers: await as(who),
  });
}

describe('ratings (好差评)', () => {
  it('takes one rating from the applicant citizen', async () => {
    const { citizen, applicationId } = await citizenWithFinishedBusiness();
    const res = await rate(citizen, applicationId, 5);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ score: 5, source: 'citizen', callbackId: null });
    expect((await rate(citizen, applicationId, 4)).statusCode).toBe(409);
  });

  it('takes the rating device of the outlet that handled it, and no one else', async () => {
    const { applicationId } = await citizenWithFinishedBusiness();
    const stranger = await citizenWithFinishedBusiness();
    expect((await rate(stranger.citizen, applicationId, 5)).statusCode).toBe(403);
    expect((await rate('clerk.city', applicationId, 5)).statusCode).toBe(403);
    expect((await rate('sup.city', applicationId, 5)).statusCode).toBe(403);
    const device = await rate('clerk.dealer', applicationId, 4);
    expect(device.statusCode).toBe(201);
    expect(device.json().source).toBe('device');
  });

  it('refuses who never rates (403) before looking at the score', async () => {
    const { applicationId } = await citizenWithFinishedBusiness();
    for (const who of ['admin', 'sup.city']) {
      const res = await rate(who, applicationId, 9);
      expect(res.statusCode, `${who} ${res.body}`).toBe(403);
    }
  });

  it('answers an unknown application 404 and a bad score 400', async () => {
    const { citizen, applicationId } = await citizenWithFinishedBusiness();
    expect((await rate(citizen, crypto.randomUUID(), 5)).statusCode).toBe(404);
    expect((await rate(citizen, applicationId, 6)).statusCode).toBe(400);
    expect((await rate(citizen, applicationId, 0)).statusCode).toBe(400);
  });
});

describe('call-backs (回访)', () => {
  it('opens a call-back due in one working day for a bad rating, scoped to who may see it', async () => {
    const { citizen, applicationId } = await citizenWithFinishedBusiness();
    const res = await rate(citizen, applicationId, 1);
    expect(res.statusCode).toBe(201);
    const callbackId = res.json().callbackId as string;
    expect(callbackId).toBeTruthy();

    const mine = (await callbacks('clerk.dealer', 'open')).json().items;
    const cb = mine.find((c: { id: string }) => c.id === callbackId);
    // 2026-11-26 is a Thursday: due at the end of Friday.
    expect(cb).toMatchObject({
      applicationId,
      outletCode: DEALER,
      reason: 'rating',
      status: 'open',
      dueAt: '2026-11-27T23:59:59.000+08:00',
    });
    for (const who of ['sup.city', 'admin']) {
      const items = (await callbacks(who)).json().items as { id: string }[];
      expect(items.map((c) => c.id)).toContain(callbackId);
    }
    for (const who of ['clerk.city', 'sup.county']) {
      const items = (await callbacks(who)).json().items as { id: string }[];
      expect(items.map((c) => c.id)).not.toContain(callbackId);
    }
    expect((await callbacks(citizen)).statusCode).toBe(403);

    // The outcome: recorded once, by the outlet (or a supervisor), not by another outlet.
    const record = async (who: Who) =>
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/callbacks/${callbackId}`,
        headers: await as(who),
        payload: { reached: true, satisfied: false, note: '已致电，群众对等候时间不满意' },
      });
    // Another outlet's or county's call-back is not the reader's (403; an unknown id is 404);
    // a citizen reads no call-back at all (403), whatever it sends.
    const answer = async (
      who: Who,
      id: string,
      payload: object = { reached: false, note: 'x' },
    ) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/callbacks/${id}`,
        headers: await as(who),
        payload,
      });
      return `${res.statusCode} ${res.body}`;
    };
    for (const who of ['clerk.city', 'sup.county']) {
      expect(await answer(who, callbackId)).toMatch(/^403 /);
      expect(await answer(who, crypto.randomUUID())).toMatch(/^404 /);
    }
    expect((await record(citizen)).statusCode).toBe(403);
    expect(await answer(citizen, crypto.randomUUID())).toMatch(/^403 /);
    expect(await answer(citizen, callbackId, {})).toMatch(/^403 /);
    const done = await record('clerk.dealer');
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'done',
      outcome: { reached: true, satisfied: false },
    });
    expect((await record('sup.city')).statusCode).toBe(409);
    const closed = (await callbacks('clerk.dealer', 'done')).json().items as { id: string }[];
    expect(closed.map((c) => c.id)).toContain(callbackId);
  });

  it('refuses “satisfied” for a person not reached (400 on satisfied), and keeps it open', async () => {
    const { citizen, applicationId } = await citizenWithFinishedBusiness();
    const callbackId = (await rate(citizen, applicationId, 1)).json().callbackId as string;
    const record = async (payload: Record<string, unknown>) =>
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/callbacks/${callbackId}`,
        headers: await as('clerk.dealer'),
        payload: { note: '电话无人接听', ...payload },
      });
    const contradictory = await record({ reached: false, satisfied: true });
    expect(contradictory.statusCode).toBe(400);
    expect(contradictory.json().error.details).toEqual([
      { path: 'satisfied', message: expect.any(String) },
    ]);
    const open = (await callbacks('clerk.dealer', 'open')).json().items as { id: string }[];
    expect(open.map((c) => c.id)).toContain(callbackId);

    const unreached = await record({ reached: false });
    expect(unreached.statusCode).toBe(200);
    expect(unreached.json().outcome).toMatchObject({ reached: false, satisfied: null });
    // The contract's `?status=open|done` filled with neither is no filter, as on the other lists.
    const all = await t.app.inject({
      url: '/api/v1/callbacks?status=',
      headers: await as('clerk.dealer'),
    });
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().items.map((c: { id: string }) => c.id)).toContain(callbackId);
  });

  it('samples each outlet’s completed applications daily, once', async () => {
    // Twenty applications of the outlet on the day: 5 % of them is at least one.
    for (let i = 0; i < 20; i++) expect((await submitTempPlate(t)).statusCode).toBe(201);
    const first = await sampleCallbacks(t.ctx, '520300', '2026-11-26');
    expect(first.opened).toBeGreaterThan(0);
    const again = await sampleCallbacks(t.ctx, '520300', '2026-11-26');
    expect(again).toEqual({ day: '2026-11-26', sampled: false, opened: 0 });
    const sampled = await t.ctx.db
      .selectFrom('callbacks')
      .select(['outlet_code', 'reason'])
      .where('reason', '=', 'sample')
      .execute();
    expect(sampled.map((s) => s.outlet_code)).toContain(DEALER);
    const audited = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'callback.sampled')
      .execute();
    expect(audited.length).toBe(first.opened);
  });
});

describe('rectifications after a bad rating (整改)', () => {
  const list = async (who: Who, status?: string) =>
    (
      await t.app.inject({
        url: `/api/v1/rectifications${status ? `?status=${status}` : ''}`,
        headers: await as(who),
      })
    ).json().items as { id: string; status: string }[];
  const record = async (who: Who, id: string, action = '已对窗口人员进行服务规范培训') =>
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/rectifications/${id}`,
      headers: await as(who),
      payload: { action },
    });

  it('opens none for a refusal of the internet outlet, whose dispute the call-back hears', async () => {
    const licence = await createLicence(t.ctx.db);
    const citizen = await registerCitizen(t, { idNumber: licence.idNumber, name: licence.name });
    // Not delegated to the internet: refused by the rules with a 1331 notice, no one served.
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: await as(citizen),
      payload: {
        businessType: 'vehicle.transfer',
        applicant: { idNumber: licence.idNumber, name: licence.name },
        data: { plate: '贵C00000', invoiceNo: 'FP-1' },
      },
    });
    expect(refused.statusCode, refused.body).toBe(422);
    const res = await rate(citizen, refused.json().id as string, 1);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().callbackId).toBeTruthy();
    expect(res.json().rectificationId).toBeNull();
  });

  it('opens one due in the policy’s working days, recorded by the outlet only', async () => {
    const { citizen, applicationId } = await citizenWithFinishedBusiness();
    const good = await citizenWithFinishedBusiness();
    expect((await rate(good.citizen, good.applicationId, 3)).json().rectificationId).toBeNull();
    const res = await rate(citizen, applicationId, 2);
    const id = res.json().rectificationId as string;
    expect(id).toBeTruthy();

    const mine = (await list('clerk.dealer', 'open')).find((r) => r.id === id);
    // Thursday 2026-11-26 + 15 working days (rectification.working-days) = Thursday 2026-12-17.
    expect(mine).toMatchObject({
      applicationId,
      outletCode: DEALER,
      score: 2,
      complaint: '服务态度',
      dueOn: '2026-12-17',
      status: 'open',
      escalation: null,
      done: null,
    });
    expect((await list('sup.city')).map((r) => r.id)).toContain(id);
    expect((await list('clerk.city')).map((r) => r.id)).not.toContain(id);
    expect(
      (await t.app.inject({ url: '/api/v1/rectifications', headers: await as(citizen) }))
        .statusCode,
    ).toBe(403);

    // Another outlet's or county's rectification is not the reader's (403; an unknown id is
    // 404); the detachment reads it but does not write the outlet's answer (403); a citizen
    // reads none (403), whatever it sends.
    const answer = async (who: Who, rid: string, payload: object = { action: '越权登记' }) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/rectifications/${rid}`,
        headers: await as(who),
        payload,
      });
      return `${res.statusCode} ${res.body}`;
    };
    for (const who of ['clerk.city', 'sup.county']) {
      expect(await answer(who, id)).toMatch(/^403 /);
      expect(await answer(who, crypto.randomUUID())).toMatch(/^404 /);
    }
    expect((await record('sup.city', id)).statusCode).toBe(403);
    expect((await record(citizen, id)).statusCode).toBe(403);
    expect(await answer(citizen, crypto.randomUUID())).toMatch(/^403 /);
    expect(await answer(citizen, id, {})).toMatch(/^403 /);
    expect((await record('clerk.dealer', id, '   ')).statusCode).toBe(400);
    const done = await record('clerk.dealer', id);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'done',
      done: { action: '已对窗口人员进行服务规范培训' },
    });
    expect((await record('clerk.dealer', id)).statusCode).toBe(409);
    expect((await record('clerk.dealer', crypto.randomUUID())).statusCode).toBe(404);
  });

  it('escalates one left unresolved past its deadline to the outlet’s supervisor, once', async () => {
    const { citizen, applicationId } = await citizenWithFinishedBusiness();
    const id = (await rate(citizen, applicationId, 1)).json().rectificationId as string;
    const job = JOBS.find((j) => j.id === 'rectification-escalation')!;
    const run = () => job.run(t.ctx, undefined as never, undefined as never);
    try {
      t.clock.set('2026-12-17T20:00:00+08:00');
      await run();
      expect((await list('clerk.dealer', 'open')).map((r) => r.id)).toContain(id);
      t.clock.set('2026-12-18T09:00:00+08:00');
      await run();
      await run();
      // The dealer is in 汇川区, not the seat county: its brigade supervises it.
      const escalated = (await list('sup.city', 'escalated')).find((r) => r.id === id);
      expect(escalated).toMatchObject({
        status: 'escalated',
        escalation: { level: 'brigade', at: '2026-12-18T09:00:00.000+08:00' },
      });
      const audited = await t.ctx.db
        .selectFrom('audit_log')
        .select('actor')
        .where('action', '=', 'rectification.escalated')
        .where('entity_id', '=', id)
        .execute();
      expect(audited).toEqual([{ actor: 'system' }]);
      // Resolved late, the escalation stays on its record.
      const late = await record('clerk.dealer', id);
      expect(late.json()).toMatchObject({ status: 'done', escalation: { level: 'brigade' } });
    } finally {
      t.clock.set();
    }
  });
});

describe('outlet hours', () => {
  const URL = '/api/v1/outlets/520302-CO-001/hours';
  const HOURS = {
    weekdays: [{ open: '08:30', close: '18:00' }],
    saturday: [{ open: '09:00', close: '17:00' }],
    sunday: [{ open: '09:00', close: '12:00' }],
    holidays: true,
    extendedUntil: '20:00',
  };

  it('reads the hours for anyone of the city, and lets administrators set them', async () => {
    const read = await t.app.inject({ url: URL, headers: await as('clerk.post') });
    expect(read.statusCode).toBe(200);
    expect(read.json().weekdays.length).toBeGreaterThan(0);
    const byClerk = await t.app.inject({
      method: 'PUT',
      url: URL,
      headers: await as('clerk.city'),
      payload: HOURS,
    });
    expect(byClerk.statusCode).toBe(403);
    const set = await t.app.inject({
      method: 'PUT',
      url: URL,
      headers: await as('admin'),
      payload: HOURS,
    });
    expect(set.statusCode).toBe(200);
    const after = await t.app.inject({ url: URL, headers: await as('sup.city') });
    expect(after.json()).toEqual({ outletCode: '520302-CO-001', ...HOURS });
    const bad = await t.app.inject({
      method: 'PUT',
      url: URL,
      headers: await as('admin'),
      payload: { ...HOURS, weekdays: [{ open: '18:00', close: '08:00' }] },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses overlapping or unordered sessions and an extension that extends nothing (400)', async () => {
    const bodies = [
      {
        ...HOURS,
        weekdays: [
          { open: '08:30', close: '12:00' },
          { open: '11:00', close: '17:30' },
        ],
      },
      {
        ...HOURS,
        saturday: [
          { open: '14:00', close: '17:00' },
          { open: '09:00', close: '12:00' },
        ],
      },
      { ...HOURS, extendedUntil: '17:00' },
      { ...HOURS, weekdays: [], extendedUntil: '20:00' },
    ];
    for (const payload of bodies) {
      const res = await t.app.inject({
        method: 'PUT',
        url: URL,
        headers: await as('admin'),
        payload,
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const adjacent = await t.app.inject({
      method: 'PUT',
      url: URL,
      headers: await as('admin'),
      payload: {
        ...HOURS,
        weekdays: [
          { open: '08:30', close: '12:00' },
          { open: '12:00', close: '17:30' },
        ],
      },
    });
    expect(adjacent.statusCode, adjacent.body).toBe(200);
  });

  it('answers another city’s outlet 404', async () => {
    await createOutlet(t.ctx.db, { category: 'city-office', countyCode: GUIYANG.countyCode });
    const gyAdmin = await createUser(t.ctx.db, {
      roles: ['admin'],
      scope: { level: 'city', code: GUIYANG.cityCode },
    });
    expect((await t.app.inject({ url: URL, headers: await as(gyAdmin) })).statusCode).toBe(404);
  });
});

describe('roster draws (轮岗)', () => {
  async function outletWithClerks(n: number) {
    const outlet = await createOutlet(t.ctx.db, { category: 'police-window' });
    for (let i = 0; i < n; i++) {
      await createUser(t.ctx.db, { roles: ['clerk'], outletCode: outlet.code });
    }
    return outlet.code;
  }
  async function draw(who: Who, body: Record<string, unknown>) {
    return await t.app.inject({
      method: 'POST',
      url: '/api/v1/rosters/draws',
      headers: await as(who),
      payload: body,
    });
  }

  it('draws a published seed whose assignments anyone recomputes with HMAC-SHA256', async () => {
    const outletCode = await outletWithClerks(3);
    const res = await draw('admin', { outletCode, from: '2026-12-01', to: '2026-12-03' });
    expect(res.statusCode).toBe(201);
    const body = res.json() as {
      seed: string;
      frame: { code: string; weight: number }[];
      assignments: { date: string; window: number; staffId: string }[];
    };
    expect(body.frame).toHaveLength(3);
    expect(body.frame.every((f) => f.weight === 1)).toBe(true);
    expect(body.frame.map((f) => f.code)).toEqual(body.frame.map((f) => f.code).sort());

    // The check anyone can make, with node:crypto alone.
    const expected = ['2026-12-01', '2026-12-02', '2026-12-03'].flatMap((date) =>
      body.frame
        .map((f) => ({
          staffId: f.code,
          h: crypto.createHmac('sha256', body.seed).update(`${date}|${f.code}`).digest('hex'),
        }))
        .sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : 0))
        .map((r, i) => ({ date, window: i + 1, staffId: r.staffId })),
    );
    expect(body.assignments).toEqual(expected);

    // One draw per outlet and period (an overlapping one too).
    expect(
      (await draw('sup.city', { outletCode, from: '2026-12-01', to: '2026-12-03' })).statusCode,
    ).toBe(409);
    expect(
      (await draw('admin', { outletCode, from: '2026-12-03', to: '2026-12-10' })).statusCode,
    ).toBe(409);
    expect(
      (await draw('admin', { outletCode, from: '2026-12-04', to: '2026-12-10' })).statusCode,
    ).toBe(201);
  });

  it('gives overlapping periods drawn at once one draw (201) and one refusal (409)', async () => {
    const outletCode = await outletWithClerks(2);
    const headers = await as('admin');
    for (let round = 0; round < 5; round++) {
      const start = `2032-0${round + 1}-01`;
      const [a, b] = await Promise.all(
        [
          { from: start, to: `2032-0${round + 1}-10` },
          { from: `2032-0${round + 1}-05`, to: `2032-0${round + 1}-20` },
        ].map((p) =>
          t.app.inject({
            method: 'POST',
            url: '/api/v1/rosters/draws',
            headers,
            payload: { outletCode, ...p },
          }),
        ),
      );
      expect([a!.statusCode, b!.statusCode].sort()).toEqual([201, 409]);
    }
  });

  it('reads a draw back as drawn, for those who may draw it in its jurisdiction', async () => {
    const outletCode = await outletWithClerks(2);
    const drawn = await draw('admin', { outletCode, from: '2027-02-01', to: '2027-02-03' });
    expect(drawn.statusCode).toBe(201);
    const read = async (who: Who, id = drawn.json().id as string) =>
      await t.app.inject({ url: `/api/v1/rosters/draws/${id}`, headers: await as(who) });
    for (const who of ['admin', 'sup.city'] as const) {
      const res = await read(who);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(drawn.json());
    }
    // sup.county supervises 桐梓, not this outlet's county; a clerk draws nothing.
    expect((await read('sup.county')).statusCode).toBe(403);
    expect((await read('clerk.city')).statusCode).toBe(403);
    expect((await read('admin', crypto.randomUUID())).statusCode).toBe(404);
    // An id not even of an id's shape is unknown too.
    expect((await read('admin', 'not-a-uuid')).statusCode).toBe(404);
    const gyAdmin = await createUser(t.ctx.db, {
      roles: ['admin'],
      scope: { level: 'city', code: GUIYANG.cityCode },
    });
    expect((await read(gyAdmin)).statusCode).toBe(404);

    const tongzi = await createOutlet(t.ctx.db, {
      category: 'police-window',
      countyCode: '520322',
    });
    await createUser(t.ctx.db, { roles: ['clerk'], outletCode: tongzi.code });
    const own = await draw('sup.county', {
      outletCode: tongzi.code,
      from: '2027-02-01',
      to: '2027-02-01',
    });
    expect(own.statusCode).toBe(201);
    expect((await read('sup.county', own.json().id)).json()).toEqual(own.json());
  });

  it('is for administrators and supervisors of the outlet’s jurisdiction', async () => {
    const outletCode = await outletWithClerks(2);
    const period = { outletCode, from: '2027-01-01', to: '2027-01-02' };
    expect((await draw('clerk.city', period)).statusCode).toBe(403);
    // sup.county supervises 桐梓, not the county of this outlet (红花岗).
    expect((await draw('sup.county', period)).statusCode).toBe(403);
    expect((await draw('admin', { ...period, to: '2026-12-31' })).statusCode).toBe(400);
    const empty = await createOutlet(t.ctx.db, { category: 'police-window' });
    expect((await draw('admin', { ...period, outletCode: empty.code })).statusCode).toBe(422);
  });
});
