import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTRY } from '../app/registry.ts';
import { runDeadlines } from '../applications/lifecycle.service.ts';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import {
  createClerk,
  createVehicle,
  idNumber,
  orgCode,
  registrationData,
  type VehicleSeed,
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

async function apply(
  v: VehicleSeed,
  user: Parameters<typeof as>[0] = 'clerk.city',
  agent?: object,
) {
  return await t.app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: await as(user),
    payload: {
      businessType: 'vehicle.plate-reissue',
      applicant: { idNumber: v.ownerIdNumber, name: v.ownerName },
      ...(agent ? { agent } : {}),
      data: { plate: v.plate },
    },
  });
}

async function fire(
  id: string,
  event: string,
  data: object = {},
  user: Parameters<typeof as>[0] = 'clerk.city',
) {
  return await t.app.inject({
    method: 'POST',
    url: `/api/v1/applications/${id}/events`,
    headers: await as(user),
    payload: { event, data },
  });
}

const verify = async (token: string) =>
  (await t.app.inject({ url: `/api/v1/verify/${token}` })).json();

const auditActions = async (applicationId: string) =>
  (await t.ctx.db.selectFrom('audit_log').select(['action', 'details']).orderBy('id').execute())
    .filter((r) => (r.details as { applicationId?: string }).applicationId === applicationId)
    .map((r) => r.action);

describe('vehicle.plate-reissue (R164 §51): a business with stages', () => {
  it('is accepted with an acceptance notice and a 15-day temporary plate, made, then handed over', async () => {
    t.clock.set('2026-11-26T09:00:00+08:00');
    const v = await createVehicle(t.ctx.db);
    const submitted = await apply(v);
    expect(submitted.statusCode).toBe(201);
    const app = submitted.json();
    expect(app).toMatchObject({
      status: 'accepted',
      stage: 'plate-in-production',
      nextEvents: ['plate-produced', 'withdraw'],
      completedAt: null,
      slaDueOn: '2026-12-17', // 15 working days
      stageDueOn: '2026-12-15', // its first stage: 13 of them
    });
    const [receipt, temp] = app.result.documents;
    expect(receipt).toMatchObject({ kind: 'notice', number: expect.stringMatching(/^SL/) });
    expect(temp.kind).toBe('temp-plate');
    expect(app.result.tempPlate).toMatch(/^贵C临\d+$/);
    expect(app.result.tempPlateValidUntil).toBe('2026-12-10');
    expect(await verify(temp.verifyToken)).toMatchObject({ valid: true, status: 'valid' });

    // A second reissue of the same plate while the first is open is refused.
    const again = await apply(v);
    expect(again.statusCode).toBe(422);
    expect(again.json().refusal.items.map((i: { code: string }) => i.code)).toEqual([
      'PLATE_REISSUE_IN_PROGRESS',
    ]);

    t.clock.set('2026-12-08T15:00:00+08:00');
    const produced = await fire(app.id, 'plate-produced', { batchNo: 'ZP-2026-1201' });
    expect(produced.statusCode).toBe(200);
    expect(produced.json()).toMatchObject({
      status: 'accepted',
      stage: 'plate-ready',
      nextEvents: ['plate-handed-over'],
      stageDueOn: '2026-12-10',
      event: { code: 'plate-produced', outcome: 'applied', refusal: null },
    });

    // Someone who is neither the applicant nor the agent: the step is refused, the stage kept.
    const stranger = await fire(app.id, 'plate-handed-over', { collectorIdNumber: idNumber() });
    expect(stranger.statusCode).toBe(422);
    const refused = stranger.json();
    expect(refused).toMatchObject({ status: 'accepted', stage: 'plate-ready' });
    expect(refused.event.outcome).toBe('refused');
    expect(refused.event.refusal.items).toEqual([
      expect.objectContaining({
        code: 'COLLECTOR_NOT_APPLICANT',
        legalBasis: '机动车登记规定 第五十一条',
      }),
    ]);
    expect(await verify(refused.event.refusal.verifyToken)).toMatchObject({
      valid: true,
      kind: 'notice',
    });

    t.clock.set('2026-12-09T10:00:00+08:00');
    const handed = await fire(app.id, 'plate-handed-over', { collectorIdNumber: v.ownerIdNumber });
    expect(handed.statusCode).toBe(200);
    const done = handed.json();
    expect(done).toMatchObject({
      status: 'completed',
      stage: null,
      nextEvents: [],
      completedAt: '2026-12-09T10:00:00.000+08:00',
    });
    const plate = done.result.documents.at(-1);
    expect(plate.kind).toBe('plate');
    expect(await verify(plate.verifyToken)).toMatchObject({ valid: true, status: 'valid' });
    // The temporary plate of the meantime is returned with the new plates.
    expect(await verify(temp.verifyToken)).toMatchObject({ valid: true, status: 'void' });

    const history = await t.app.inject({
      url: `/api/v1/applications/${app.id}`,
      headers: await as('clerk.city'),
    });
    expect(
      history.json().events.map((e: { event: string; outcome: string }) => [e.event, e.outcome]),
    ).toEqual([
      ['plate-produced', 'applied'],
      ['plate-handed-over', 'refused'],
      ['plate-handed-over', 'applied'],
    ]);
    expect(history.json().events[0].by).toBe('市车管所窗口民警');
    expect(await auditActions(app.id)).toEqual([
      'application.accepted',
      'application.plate-produced',
      'application.event-refused',
      'application.plate-handed-over',
    ]);

    // Closed: nothing more may happen.
    const late = await fire(app.id, 'plate-produced');
    expect(late.statusCode).toBe(409);
  });

  it('voids the lost plate at acceptance (§51), keeps its number, and issues the new one at hand-over', async () => {
    t.clock.set('2026-11-26T09:00:00+08:00');
    const owner = { idNumber: idNumber(), name: '补牌车主' };
    const data = registrationData();
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: await as('clerk.city'),
      payload: { businessType: 'vehicle.register', applicant: owner, data },
    });
    expect(registered.statusCode).toBe(201);
    const reg = registered.json().result;
    const oldPlate = reg.documents.find((x: { kind: string }) => x.kind === 'plate');
    expect(await verify(oldPlate.verifyToken)).toMatchObject({ status: 'valid' });
    const v = {
      vin: data.vin,
      plate: reg.plate,
      ownerIdNumber: owner.idNumber,
      ownerName: owner.name,
    };

    const app = (await apply(v)).json();
    expect(app.status).toBe('accepted');
    expect(app.result.voidedNumbers).toEqual([oldPlate.number]);
    expect(await verify(oldPlate.verifyToken)).toMatchObject({ valid: true, status: 'void' });
    // The same number stays the vehicle's while the plate is made.
    const read = await t.app.inject({
      url: `/api/v1/vehicles/by-plate/${encodeURIComponent(reg.plate)}`,
      headers: await as('clerk.city'),
    });
    expect(read.json()).toMatchObject({ plate: reg.plate, status: 'normal' });

    await fire(app.id, 'plate-produced');
    const done = (
      await fire(app.id, 'plate-handed-over', { collectorIdNumber: owner.idNumber })
    ).json();
    expect(done.status).toBe('completed');
    expect(done.result.voidedNumbers).toEqual([oldPlate.number]);
    const plate = done.result.documents.at(-1);
    expect(plate).toMatchObject({ kind: 'plate', number: reg.plate });
    expect(await verify(plate.verifyToken)).toMatchObject({ status: 'valid' });
    // The number on the plate verifies as the new plate, not the lost one.
    const byNumber = await t.app.inject({
      url: `/api/v1/verify/by-number/${encodeURIComponent(reg.plate)}`,
    });
    expect(byNumber.json()).toMatchObject({ valid: true, kind: 'plate', status: 'valid' });
  });

  it('lets the agent collect, and a city office finish what a police window took in', async () => {
    t.clock.set();
    const v = await createVehicle(t.ctx.db);
    const agent = { idNumber: idNumber(), name: '代领人' };
    const app = (await apply(v, 'clerk.police', agent)).json();
    expect(app.status).toBe('accepted');
    expect((await fire(app.id, 'plate-produced', {}, 'clerk.city')).statusCode).toBe(200);
    const handed = await fire(
      app.id,
      'plate-handed-over',
      { collectorIdNumber: agent.idNumber },
      'clerk.police',
    );
    expect(handed.json().status).toBe('completed');
  });

  it('lets an organisation that applied without a representative collect under its code', async () => {
    t.clock.set();
    const v = await createVehicle(t.ctx.db, {
      ownerIdNumber: orgCode(),
      ownerName: '遵义测试物流有限公司',
    });
    const app = (await apply(v)).json();
    expect(app.status).toBe('accepted');
    expect((await fire(app.id, 'plate-produced')).statusCode).toBe(200);
    const stranger = await fire(app.id, 'plate-handed-over', { collectorIdNumber: orgCode() });
    expect(stranger.json().event.refusal.items[0].code).toBe('COLLECTOR_NOT_APPLICANT');
    const handed = await fire(app.id, 'plate-handed-over', { collectorIdNumber: v.ownerIdNumber });
    expect(handed.statusCode).toBe(200);
    expect(handed.json().status).toBe('completed');
  });

  it('answers 400 for a malformed or unknown step, 403 to another outlet, 409 out of order', async () => {
    t.clock.set();
    const v = await createVehicle(t.ctx.db);
    const app = (await apply(v)).json();
    expect(
      (await fire(app.id, 'plate-handed-over', { collectorIdNumber: 'nope' })).statusCode,
    ).toBe(400);
    const unknown = await fire(app.id, 'made-up');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].path).toBe('event');
    const system = await fire(app.id, 'collection-deadline');
    expect(system.statusCode).toBe(400);
    const outsider = await createClerk(t.ctx.db, 'post');
    expect((await fire(app.id, 'plate-produced', {}, outsider)).statusCode).toBe(403);
    expect(
      (await fire(app.id, 'plate-handed-over', { collectorIdNumber: v.ownerIdNumber })).statusCode,
    ).toBe(409);
  });

  it('may be withdrawn while the plate is being made, and the temporary plate ends', async () => {
    t.clock.set();
    const v = await createVehicle(t.ctx.db);
    const app = (await apply(v)).json();
    const withdrawn = await fire(app.id, 'withdraw');
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', stage: null });
    expect(await verify(app.result.documents[1].verifyToken)).toMatchObject({ status: 'void' });
    // A new application may follow.
    expect((await apply(v)).statusCode).toBe(201);
  });

  it('gives the old plate back its validity when withdrawn, as no new plate was issued', async () => {
    t.clock.set();
    const owner = { idNumber: idNumber(), name: '撤回车主' };
    const data = registrationData();
    const reg = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/applications',
        headers: await as('clerk.city'),
        payload: { businessType: 'vehicle.register', applicant: owner, data },
      })
    ).json().result;
    const oldPlate = reg.documents.find((x: { kind: string }) => x.kind === 'plate');
    const v = {
      vin: data.vin,
      plate: reg.plate,
      ownerIdNumber: owner.idNumber,
      ownerName: owner.name,
    };
    const app = (await apply(v)).json();
    expect(await verify(oldPlate.verifyToken)).toMatchObject({ status: 'void' });

    const withdrawn = await fire(app.id, 'withdraw');
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn' });
    expect(await verify(oldPlate.verifyToken)).toMatchObject({
      valid: true,
      status: 'valid',
      voidedAt: null,
    });
    expect(await verify(app.result.documents[1].verifyToken)).toMatchObject({ status: 'void' });
    const audited = await t.ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'application.withdraw')
      .execute();
    expect(
      audited.some(
        (r) =>
          (r.details as { applicationId?: string }).applicationId === app.id &&
          JSON.stringify(r.details).includes(oldPlate.number),
      ),
    ).toBe(true);

    // A second reissue voids it again, and hands over a new plate of the same number.
    const again = (await apply(v)).json();
    expect(again.result.voidedNumbers).toEqual([oldPlate.number]);
    expect(await verify(oldPlate.verifyToken)).toMatchObject({ status: 'void' });
  });

  it('cannot be withdrawn once the plate is made', async () => {
    t.clock.set();
    const v = await createVehicle(t.ctx.db);
    const app = (await apply(v)).json();
    await fire(app.id, 'plate-produced');
    expect((await fire(app.id, 'withdraw')).statusCode).toBe(409);
  });

  it('closes as expired when the plate is not collected within the policy days', async () => {
    t.clock.set('2026-11-26T09:00:00+08:00');
    const v = await createVehicle(t.ctx.db);
    const app = (await apply(v)).json();
    await fire(app.id, 'plate-produced');
    t.clock.set('2027-01-20T09:00:00+08:00'); // 55 days: not yet
    expect(await runDeadlines(t.ctx, REGISTRY)).toBe(0);
    t.clock.set('2027-02-25T02:00:00+08:00'); // 91 days after the plate was made
    expect(await runDeadlines(t.ctx, REGISTRY)).toBeGreaterThanOrEqual(1);
    const read = await t.app.inject({
      url: `/api/v1/applications/${app.id}`,
      headers: await as('clerk.city'),
    });
    expect(read.json()).toMatchObject({ status: 'expired', stage: null });
    expect(read.json().events.at(-1)).toMatchObject({
      event: 'collection-deadline',
      outcome: 'applied',
      by: '系统',
    });
    expect(await auditActions(app.id)).toContain('application.collection-deadline');
    expect(await runDeadlines(t.ctx, REGISTRY)).toBe(0);
  });

  it('lists accepted applications past their due date as overdue', async () => {
    t.clock.set('2026-11-26T09:00:00+08:00');
    const v = await createVehicle(t.ctx.db);
    const app = (await apply(v)).json();
    t.clock.set('2026-12-18T09:00:00+08:00');
    const list = await t.app.inject({
      url: '/api/v1/applications?overdue=true&businessType=vehicle.plate-reissue',
      headers: await as('clerk.city'),
    });
    expect(list.json().items.map((a: { id: string }) => a.id)).toContain(app.id);
  });
});

describe('what a reader is offered', () => {
  it('offers the next steps to those who may take them, and none to a supervisor', async () => {
    t.clock.set();
    const v = await createVehicle(t.ctx.db);
    const app = (await apply(v)).json();
    const read = async (user: string) =>
      (
        await t.app.inject({ url: `/api/v1/applications/${app.id}`, headers: await as(user) })
      ).json().nextEvents;
    expect(await read('clerk.city')).toEqual(['plate-produced', 'withdraw']);
    expect(await read('sup.city')).toEqual([]);
  });
});
