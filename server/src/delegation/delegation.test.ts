import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, submitTempPlate, type TestApp } from '../../../test/support/app.ts';
import { forgetOutletFacts, outletFacts, type OutletGuess } from './facts-cache.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const DEALER = '520303-DL-001';
const applyTempPlate = async (clerk = 'clerk.dealer') => await submitTempPlate(t, clerk);
const admin = async (method: 'PUT' | 'POST' | 'DELETE', url: string, payload?: object) =>
  await t.app.inject({
    method,
    url,
    headers: bearer(await t.login('admin')),
    ...(payload ? { payload } : {}),
  });
const auditOf = async (entityId: string) =>
  await t.ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();

describe('suspension', () => {
  it('takes effect on the very next application, with the reason, and restoring reopens', async () => {
    expect((await applyTempPlate()).statusCode).toBe(201);
    const suspended = await admin('POST', `/api/v1/outlets/${DEALER}/suspension`, {
      reason: '临牌核发数据异常，停业整改',
    });
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json()).toMatchObject({ code: DEALER, status: 'suspended' });

    const refused = await applyTempPlate();
    expect(refused.statusCode).toBe(422);
    const [item] = refused.json().refusal.items;
    expect(item.code).toBe('OUTLET_SUSPENDED');
    expect(item.message).toContain('临牌核发数据异常');

    const list = await t.app.inject({
      url: `/api/v1/outlets?q=${DEALER}`,
      headers: bearer(await t.login('admin')),
    });
    expect(list.json().items[0]).toMatchObject({
      code: DEALER,
      status: 'suspended',
      suspension: { reason: '临牌核发数据异常，停业整改' },
    });

    expect(
      (await admin('POST', `/api/v1/outlets/${DEALER}/suspension`, { reason: '再次' })).statusCode,
    ).toBe(409);
    expect(
      (await admin('DELETE', `/api/v1/outlets/${DEALER}/suspension`, { note: '整改完成' }))
        .statusCode,
    ).toBe(200);
    expect((await applyTempPlate()).statusCode).toBe(201);
    expect((await admin('DELETE', `/api/v1/outlets/${DEALER}/suspension`)).statusCode).toBe(409);

    const history = (
      await t.app.inject({
        url: `/api/v1/outlets/${DEALER}/delegation`,
        headers: bearer(await t.login('admin')),
      })
    ).json();
    expect(history.suspensions[0]).toMatchObject({
      reason: '临牌核发数据异常，停业整改',
      restoredBy: 'admin',
      restoreNote: '整改完成',
    });
    expect((await auditOf(DEALER)).map((a) => a.action)).toEqual([
      'outlet.suspended',
      'outlet.restored',
    ]);
  });

  it('dates a suspension and its restoration by the platform clock, with the offset', async () => {
    t.clock.set('2026-11-26T11:15:00+08:00');
    await admin('POST', `/api/v1/outlets/${DEALER}/suspension`, { reason: '数据核查' });
    const list = await t.app.inject({
      url: `/api/v1/outlets?q=${DEALER}`,
      headers: bearer(await t.login('admin')),
    });
    expect(list.json().items[0].suspension).toEqual({
      reason: '数据核查',
      since: '2026-11-26T11:15:00.000+08:00',
    });
    t.clock.set('2026-11-26T16:40:00+08:00');
    await admin('DELETE', `/api/v1/outlets/${DEALER}/suspension`);
    const history = await t.app.inject({
      url: `/api/v1/outlets/${DEALER}/delegation`,
      headers: bearer(await t.login('admin')),
    });
    expect(history.json().suspensions[0]).toMatchObject({
      suspendedAt: '2026-11-26T11:15:00.000+08:00',
      restoredAt: '2026-11-26T16:40:00.000+08:00',
    });
    t.clock.set();
  });

  it('needs a reason and a known outlet', async () => {
    const noReason = await admin('POST', `/api/v1/outlets/${DEALER}/suspension`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe('reason');
    expect(
      (await admin('POST', '/api/v1/outlets/NOPE/suspension', { reason: '不存在' })).statusCode,
    ).toBe(404);
  });
});

describe('grants', () => {
  it('withdrawing a category grant from one outlet overrides it for that outlet only', async () => {
    expect(
      (await admin('DELETE', `/api/v1/outlets/${DEALER}/grants/vehicle.temp-plate`)).statusCode,
    ).toBe(204);
    const refused = await applyTempPlate();
    expect(refused.json().refusal.items[0]).toMatchObject({
      code: 'NOT_DELEGATED',
      message: expect.stringContaining('收回'),
    });
    const matrix = (
      await t.app.inject({
        url: '/api/v1/delegation/matrix',
        headers: bearer(await t.login('sup.city')),
      })
    ).json();
    expect(matrix.outletOverrides).toContainEqual(
      expect.objectContaining({
        outletCode: DEALER,
        businessType: 'vehicle.temp-plate',
        effect: 'deny',
      }),
    );
    expect(matrix.categoryGrants).toContainEqual(
      expect.objectContaining({
        category: 'dealer',
        businessType: 'vehicle.temp-plate',
        effect: 'allow',
      }),
    );

    expect(
      (await admin('PUT', `/api/v1/outlets/${DEALER}/grants/vehicle.temp-plate`, {})).statusCode,
    ).toBe(204);
    expect((await applyTempPlate()).statusCode).toBe(201);
    expect((await auditOf(DEALER)).map((a) => a.action).slice(-2)).toEqual([
      'grant.withdrawn',
      'grant.set',
    ]);
  });

  it('grants a business to one outlet with a validity window', async () => {
    const payload = {
      businessType: 'vehicle.licence-reissue',
      applicant: { idNumber: '520302199003070015', name: '张三' },
      data: { plate: '贵CZ0001' },
    };
    const before = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: bearer(await t.login('clerk.dealer')),
      payload,
    });
    expect(before.json().refusal.items[0].code).toBe('NOT_DELEGATED');
    const grant = await admin('PUT', `/api/v1/outlets/${DEALER}/grants/vehicle.licence-reissue`, {
      validFrom: '2026-11-01',
      validUntil: '2026-12-31',
    });
    expect(grant.statusCode).toBe(204);
    const during = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: bearer(await t.login('clerk.dealer')),
      payload,
    });
    expect(during.json().refusal.items.map((i: { code: string }) => i.code)).toEqual([
      'VEHICLE_NOT_FOUND',
    ]); // past delegation
    t.clock.set('2027-01-01T09:00:00+08:00');
    const after = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: bearer(await t.login('clerk.dealer')),
      payload,
    });
    expect(after.json().refusal.items[0].code).toBe('NOT_DELEGATED');
    t.clock.set();
  });

  it('rejects a window that ends before it starts, and unknown business types', async () => {
    const bad = await admin('PUT', `/api/v1/outlets/${DEALER}/grants/vehicle.transfer`, {
      validFrom: '2027-01-01',
      validUntil: '2026-01-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('validUntil');
    expect(
      (await admin('PUT', `/api/v1/outlets/${DEALER}/grants/vehicle.teleport`, {})).statusCode,
    ).toBe(400);
    expect(
      (await admin('PUT', '/api/v1/outlets/NOPE/grants/vehicle.transfer', {})).statusCode,
    ).toBe(404);
  });

  it('refuses who may not withdraw a grant (403) before looking at the business type', async () => {
    for (const who of ['clerk.city', 'sup.city']) {
      const res = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/outlets/${DEALER}/grants/vehicle.teleport`,
        headers: bearer(await t.login(who)),
      });
      expect(res.statusCode, `${who} ${res.body}`).toBe(403);
    }
  });

  it('changes a whole category at once', async () => {
    expect(
      (await admin('DELETE', '/api/v1/delegation/categories/dealer/grants/vehicle.temp-plate'))
        .statusCode,
    ).toBe(204);
    // DL-001 keeps its own allow override from the test above: the outlet row wins.
    expect((await applyTempPlate()).statusCode).toBe(201);
    const matrix = (
      await t.app.inject({
        url: '/api/v1/delegation/matrix',
        headers: bearer(await t.login('admin')),
      })
    ).json();
    expect(
      matrix.categoryGrants.some(
        (g: { category: string; businessType: string }) =>
          g.category === 'dealer' && g.businessType === 'vehicle.temp-plate',
      ),
    ).toBe(false);
    expect(
      (await admin('PUT', '/api/v1/delegation/categories/dealer/grants/vehicle.temp-plate', {}))
        .statusCode,
    ).toBe(204);
  });
});

describe('GET /me/business-types', () => {
  const offered = async (user: string) => {
    const res = await t.app.inject({
      url: '/api/v1/me/business-types',
      headers: bearer(await t.login(user)),
    });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { code: string; available: boolean; reason: unknown }[];
    return items.filter((i) => i.available).map((i) => i.code);
  };

  it('offers each clerk only what its outlet may accept today', async () => {
    expect(await offered('clerk.post')).toEqual([
      'vehicle.licence-reissue',
      'vehicle.certificate-reissue',
      'vehicle.inspection-mark',
      'licence.renew',
      'licence.reissue',
    ]);
    expect(await offered('clerk.bank')).toEqual([
      'vehicle.mortgage',
      'vehicle.mortgage-release',
      'fine.pay',
    ]);
    expect(await offered('clerk.hospital')).toEqual(['licence.renew']);
    expect(await offered('clerk.city')).toEqual(
      expect.arrayContaining(['vehicle.temp-plate', 'vehicle.licence-reissue']),
    );
  });

  it('offers nothing to a suspended outlet, saying why', async () => {
    await admin('POST', `/api/v1/outlets/${DEALER}/suspension`, { reason: '整改' });
    const res = await t.app.inject({
      url: '/api/v1/me/business-types',
      headers: bearer(await t.login('clerk.dealer')),
    });
    const temp = res.json().items.find((i: { code: string }) => i.code === 'vehicle.temp-plate');
    expect(temp).toMatchObject({
      available: false,
      reason: { message: expect.stringContaining('暂停') },
    });
    await admin('DELETE', `/api/v1/outlets/${DEALER}/suspension`, { note: '完成' });
  });

  it('is for outlet staff only', async () => {
    const res = await t.app.inject({
      url: '/api/v1/me/business-types',
      headers: bearer(await t.login('sup.city')),
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('an outlet’s delegation facts read on a miss of their cache', () => {
  it('are the same whether the outlet is guessed right, wrong, or not at all', async () => {
    const read = async (guess?: OutletGuess) => {
      forgetOutletFacts(t.ctx.db);
      return await outletFacts(t.ctx.db, t.ctx.db, DEALER, guess);
    };
    const plain = await read();
    const cityCode = plain!.standing.cityCode;
    expect(plain!.standing.category).toBe('dealer');
    expect(plain!.grants.length).toBeGreaterThan(0);
    expect(await read({ category: 'dealer', cityCode })).toEqual(plain);
    // A guess the standing contradicts (the outlet changed since its clerk's user was read):
    // the grants of its real category, read again.
    expect(await read({ category: 'bank', cityCode })).toEqual(plain);
    expect(await read({ category: 'dealer', cityCode: '520100' })).toEqual(plain);
  });
});
