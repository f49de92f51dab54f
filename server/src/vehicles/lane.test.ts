import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { businessClient, type User } from '../../../test/support/business.ts';
import {
  createOutlet,
  createUser,
  GUIYANG,
  idNumber,
  registrationData,
  vin,
} from '../../../test/support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterEach(() => t.clock.set());
afterAll(async () => t.close());

const { as, submit, codes, vehicle, verify } = businessClient(() => t);
const HQ = '520302-CO-001';
const owner = () => ({ idNumber: idNumber(), name: '王五' });

async function fire(id: string, event: string, data: object = {}, user: User = 'clerk.city') {
  return await t.app.inject({
    method: 'POST',
    url: `/api/v1/applications/${id}/events`,
    headers: await as(user),
    payload: { event, data },
  });
}

const board = async (user: User = 'clerk.city', outlet = HQ, query = '') =>
  await t.app.inject({
    url: `/api/v1/outlets/${outlet}/lane-board${query}`,
    headers: await as(user),
  });

const timings = async (query = '', user: User = 'clerk.city', outlet = HQ) =>
  await t.app.inject({
    url: `/api/v1/outlets/${outlet}/lane-timings${query}`,
    headers: await as(user),
  });

/** A lane registration at the city office at a given moment; answers its id and data. */
async function enter(at: string, overrides: Record<string, unknown> = {}) {
  t.clock.set(at);
  const data = registrationData({ lane: true, ...overrides });
  const res = await submit('vehicle.register', owner(), data);
  expect(res.statusCode).toBe(201);
  return { id: res.json().id as string, data };
}

/** Fires the lane's events in order at the given moments (one per stage), all applied. */
async function runLane(id: string, vinOnVehicle: string, moments: string[], plate?: string) {
  const steps: [string, object][] = [
    ['vehicle-checked', { vin: vinOnVehicle }],
    ['application-reviewed', {}],
    ['number-selected', plate ? { plate } : {}],
    ['certificates-issued', {}],
    ['plate-fitted', {}],
  ];
  let last;
  for (const [i, [event, data]] of steps.entries()) {
    t.clock.set(moments[i]!);
    last = await fire(id, event, data);
    expect(last.statusCode, `${event}: ${last.body}`).toBe(200);
  }
  return last!.json();
}

describe('one-lane registration (通道式上牌) at an office', () => {
  it('is accepted with an acceptance notice, passes every desk with its staff and time, and completes', async () => {
    const { id, data } = await enter('2026-11-26T09:00:00+08:00');
    const accepted = (
      await t.app.inject({
        url: `/api/v1/applications/${id}`,
        headers: await as('clerk.city'),
      })
    ).json();
    expect(accepted).toMatchObject({
      status: 'accepted',
      stage: 'vehicle-check',
      nextEvents: ['vehicle-checked', 'withdraw'],
      officeName: expect.stringContaining('车辆管理所'),
      handledBy: '市车管所窗口民警',
    });
    // The acceptance notice (受理通知书): a notice of API v1 (CONTRACT.md), of the SL series.
    expect(accepted.result.documents.map((d: { kind: string }) => d.kind)).toEqual(['notice']);
    expect(accepted.result.documents[0].number).toMatch(/^SL/);
    expect((await verify(accepted.result.documents[0].verifyToken)).valid).toBe(true);

    // The vehicle check reads the VIN off the car: another VIN is a 1331 refusal of the step.
    t.clock.set('2026-11-26T09:06:00+08:00');
    const wrong = await fire(id, 'vehicle-checked', { vin: vin() });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().event.refusal.items[0]).toMatchObject({
      code: 'VIN_MISMATCH',
      legalBasis: '机动车登记规定 第十五条第三项',
    });
    expect(wrong.json().stage).toBe('vehicle-check');

    const [candidate] = (
      await t.app.inject({
        url: '/api/v1/plates/candidates?vehicleType=small-car&count=3',
        headers: await as('clerk.city'),
      })
    ).json().items as string[];
    const done = await runLane(
      id,
      data.vin,
      [
        '2026-11-26T09:10:00+08:00',
        '2026-11-26T09:15:00+08:00',
        '2026-11-26T09:18:00+08:00',
        '2026-11-26T09:30:00+08:00',
        '2026-11-26T09:40:00+08:00',
      ],
      candidate,
    );
    expect(done).toMatchObject({ status: 'completed', stage: null, nextEvents: [] });
    expect(done.result.plate).toBe(candidate);
    expect(done.result.documents.map((d: { kind: string }) => d.kind)).toEqual([
      'notice',
      'registration-certificate',
      'vehicle-licence',
      'plate',
      'inspection-mark',
    ]);
    const registered = await vehicle({ vin: data.vin });
    expect(registered).toMatchObject({ plate: candidate, status: 'normal' });

    // Every desk: its staff and its time; nothing left on the board.
    const stages = await t.ctx.db
      .selectFrom('lane_stages')
      .select(['stage', 'staff', 'outcome', 'entered_at', 'finished_at'])
      .where('application_id', '=', id)
      .orderBy('entered_at')
      .execute();
    expect(stages.map((s) => [s.stage, s.staff, s.outcome])).toEqual([
      ['vehicle-check', '市车管所窗口民警', 'done'],
      ['acceptance', '市车管所窗口民警', 'done'],
      ['number-selection', '市车管所窗口民警', 'done'],
      ['certificates', '市车管所窗口民警', 'done'],
      ['plate-fitting', '市车管所窗口民警', 'done'],
    ]);
    expect(
      (await board()).json().items.map((i: { applicationId: string }) => i.applicationId),
    ).not.toContain(id);

    // The history names every step.
    const read = (
      await t.app.inject({
        url: `/api/v1/applications/${id}`,
        headers: await as('clerk.city'),
      })
    ).json();
    expect(
      read.events.map((e: { event: string; outcome: string }) => `${e.event}:${e.outcome}`),
    ).toEqual([
      'vehicle-checked:refused',
      'vehicle-checked:applied',
      'application-reviewed:applied',
      'number-selected:applied',
      'certificates-issued:applied',
      'plate-fitted:applied',
    ]);
  });

  it('holds the chosen number while the lane is open, and lets it go when withdrawn', async () => {
    const { id, data } = await enter('2026-11-26T10:00:00+08:00');
    t.clock.set('2026-11-26T10:05:00+08:00');
    expect((await fire(id, 'vehicle-checked', { vin: data.vin })).statusCode).toBe(200);
    expect((await fire(id, 'application-reviewed')).statusCode).toBe(200);
    const selected = await fire(id, 'number-selected');
    expect(selected.statusCode).toBe(200);
    const plate = selected.json().result.plate as string;
    expect(plate).toMatch(/^贵C/);

    // Another registration may not take the number held by this one.
    const other = await submit('vehicle.register', owner(), registrationData({ plate }));
    expect(codes(other)).toEqual(['PLATE_UNAVAILABLE']);
    // Nor may the same vehicle be registered again meanwhile, here or at a dealer.
    const twice = await submit(
      'vehicle.register',
      owner(),
      registrationData({ vin: data.vin }),
      'clerk.dealer',
    );
    expect(codes(twice)).toEqual(['REGISTRATION_IN_PROGRESS']);

    const withdrawn = await fire(id, 'withdraw');
    expect(withdrawn.json().status).toBe('withdrawn');
    const freed = await submit('vehicle.register', owner(), registrationData({ plate }));
    expect(freed.statusCode).toBe(201);
    const row = await t.ctx.db
      .selectFrom('lane_stages')
      .select(['outcome'])
      .where('application_id', '=', id)
      .where('stage', '=', 'certificates')
      .executeTakeFirstOrThrow();
    expect(row.outcome).toBe('withdrawn');
  });

  it('refuses the lane outside an office, and refuses a review whose rules no longer hold', async () => {
    const atDealer = await submit(
      'vehicle.register',
      owner(),
      registrationData({ lane: true }),
      'clerk.dealer',
    );
    expect(codes(atDealer)).toEqual(['LANE_NOT_AVAILABLE']);

    // The insurance ends before the review: the review refuses with the registration's own rule.
    const { id, data } = await enter('2026-11-26T11:00:00+08:00', {
      insuranceValidUntil: '2026-11-26',
    });
    expect((await fire(id, 'vehicle-checked', { vin: data.vin })).statusCode).toBe(200);
    t.clock.set('2026-11-27T09:00:00+08:00');
    const review = await fire(id, 'application-reviewed');
    expect(review.statusCode).toBe(422);
    expect(review.json().event.refusal.items.map((i: { code: string }) => i.code)).toEqual([
      'INSURANCE_EXPIRED',
    ]);
    expect(review.json().stage).toBe('acceptance');
    expect((await fire(id, 'withdraw')).json().status).toBe('withdrawn');
  });
});

describe('the lane board and its timings', () => {
  it('takes no plate reissue before the plates are fitted (R164 §51: none was handed over)', async () => {
    const who = owner();
    t.clock.set('2026-11-26T09:00:00+08:00');
    const data = registrationData({ lane: true });
    const res = await submit('vehicle.register', who, data);
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    for (const [event, d] of [
      ['vehicle-checked', { vin: data.vin }],
      ['application-reviewed', {}],
      ['number-selected', {}],
      ['certificates-issued', {}],
    ] as const) {
      expect((await fire(id, event, d)).statusCode, event).toBe(200);
    }
    const { plate } = await vehicle({ vin: data.vin });
    const early = await submit('vehicle.plate-reissue', who, { plate });
    expect(codes(early)).toEqual(['BUSINESS_IN_PROGRESS']);
    expect(early.json().refusal.items[0]).toMatchObject({
      legalBasis: '机动车登记规定 第五十一条',
      message: expect.stringContaining('注册登记'),
    });
    expect((await fire(id, 'plate-fitted')).json().status).toBe('completed');
    expect((await submit('vehicle.plate-reissue', who, { plate })).json().status).toBe('accepted');
  });

  it('shows each open lane at its desk, with its time there, longest waiting first', async () => {
    const first = await enter('2026-11-30T09:00:00+08:00');
    const second = await enter('2026-11-30T09:02:00+08:00');
    t.clock.set('2026-11-30T09:04:00+08:00');
    expect((await fire(second.id, 'vehicle-checked', { vin: second.data.vin })).statusCode).toBe(
      200,
    );

    t.clock.set('2026-11-30T09:10:00+08:00');
    const res = await board();
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { applicationId: string }[];
    const mine = items.filter((i) => [first.id, second.id].includes(i.applicationId));
    expect(mine).toEqual([
      expect.objectContaining({
        applicationId: first.id,
        vin: first.data.vin,
        stage: 'vehicle-check',
        secondsInStage: 600,
        previousStaff: null,
        applicantName: '王五',
      }),
      expect.objectContaining({
        applicationId: second.id,
        stage: 'acceptance',
        secondsInStage: 360,
        previousStaff: '市车管所窗口民警',
        startedAt: '2026-11-30T09:02:00.000+08:00',
      }),
    ]);

    // Keyset pages: one at a time, forwards, until none is left.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await board('clerk.city', HQ, `?limit=1${cursor ? `&after=${cursor}` : ''}`);
      const page = res.json() as { items: { applicationId: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((i) => i.applicationId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(items.map((i) => i.applicationId));
    expect((await board('clerk.city', HQ, '?after=nonsense')).statusCode).toBe(400);

    for (const lane of [first, second])
      expect((await fire(lane.id, 'withdraw')).statusCode).toBe(200);
  });

  it('answers the median and 90th percentile of each desk and of whole lanes', async () => {
    // Three lanes on 2 Dec whose desks take 5/10/15, 1/2/3, 2/2/2, 10/20/30 and 1/1/1 minutes.
    const minutes = [
      [5, 1, 2, 10, 1],
      [10, 2, 2, 20, 1],
      [15, 3, 2, 30, 1],
    ];
    for (const [n, durations] of minutes.entries()) {
      let at = Date.parse(`2026-12-02T${String(9 + n).padStart(2, '0')}:00:00+08:00`);
      const { id, data } = await enter(new Date(at).toISOString());
      const moments = durations.map((m) => new Date((at += m * 60_000)).toISOString());
      await runLane(id, data.vin, moments);
    }
    const res = await timings('?from=2026-12-02&to=2026-12-02');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ from: '2026-12-02', to: '2026-12-02', outletCode: HQ });
    const byStage = Object.fromEntries(body.stages.map((s: { stage: string }) => [s.stage, s]));
    expect(byStage['vehicle-check']).toEqual({
      stage: 'vehicle-check',
      count: 3,
      medianSeconds: 600,
      p90Seconds: 840, // 10 + 0.8 × (15 − 10) minutes
    });
    expect(byStage['certificates']).toMatchObject({ medianSeconds: 1200, p90Seconds: 1680 });
    expect(byStage['plate-fitting']).toMatchObject({ count: 3, medianSeconds: 60, p90Seconds: 60 });
    // Whole lanes: 19, 35 and 51 minutes.
    expect(body.endToEnd).toEqual({ count: 3, medianSeconds: 2100, p90Seconds: 2868 });

    // A day with nothing finished: counts of zero, no times.
    const empty = (await timings('?from=2026-12-05&to=2026-12-05')).json();
    expect(empty.endToEnd).toEqual({ count: 0, medianSeconds: null, p90Seconds: null });
    expect(empty.stages.every((s: { count: number }) => s.count === 0)).toBe(true);
    expect((await timings('?from=2026-12-05&to=2026-12-01')).statusCode).toBe(400);
    expect((await timings('?from=2024-01-01&to=2026-12-01')).statusCode).toBe(400);
  });

  it('is for the office’s own staff, supervisors over it and the city’s administrators', async () => {
    for (const user of ['clerk.city', 'sup.city', 'admin']) {
      expect((await board(user)).statusCode, user).toBe(200);
      expect((await timings('', user)).statusCode, user).toBe(200);
    }
    for (const user of ['clerk.county', 'clerk.dealer', 'sup.county']) {
      expect((await board(user)).statusCode, user).toBe(403);
      expect((await timings('', user)).statusCode, user).toBe(403);
    }
    expect((await board('clerk.county', '520322-KO-001')).statusCode).toBe(200);
    expect((await board('sup.county', '520322-KO-001')).statusCode).toBe(200);
    expect((await board('clerk.city', 'NO-SUCH-OUTLET')).statusCode).toBe(404);

    // Another city's staff: the office does not exist for them.
    const office = await createOutlet(t.ctx.db, {
      category: 'city-office',
      countyCode: GUIYANG.countyCode,
    });
    const gyAdmin = await createUser(t.ctx.db, {
      roles: ['admin'],
      scope: { level: 'city', code: GUIYANG.cityCode },
    });
    expect((await board(gyAdmin)).statusCode).toBe(404);
    expect((await board('admin', office.code)).statusCode).toBe(404);
  });
});
