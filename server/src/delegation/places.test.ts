import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import {
  createClerk,
  createOutlet,
  createUser,
  createVehicle,
  FACTORY_PASSWORD,
} from '../../../test/support/factories.ts';
import { forgetOutletFacts } from './facts-cache.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

// A county of its own, so that the outlets named are exactly the ones made here.
const COUNTY = '520399';

const admin = async (method: 'PUT' | 'POST' | 'DELETE', url: string, payload?: object) =>
  await t.app.inject({
    method,
    url,
    headers: bearer(await t.login('admin')),
    ...(payload ? { payload } : {}),
  });

/** The remedy of the refusal a clerk gets for a business type its outlet does not hold. */
async function remedyFor(username: string, businessType: string) {
  const v = await createVehicle(t.ctx.db);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: bearer(await t.login(username, FACTORY_PASSWORD)),
    payload: {
      businessType,
      applicant: { idNumber: v.ownerIdNumber, name: v.ownerName },
      data: { plate: v.plate },
    },
  });
  expect(res.statusCode).toBe(422);
  const [item] = res.json().refusal.items;
  expect(item.code).toBe('NOT_DELEGATED');
  return item.remedy as string;
}

describe('where a refused business can be done instead', () => {
  it('never names an outlet whose grant was withdrawn or which is suspended, nor the one refusing', async () => {
    const windows = [];
    for (const name of ['甲窗口', '乙窗口', '丙窗口', '丁窗口']) {
      windows.push(
        await createOutlet(t.ctx.db, { category: 'police-window', countyCode: COUNTY, name }),
      );
    }
    const dealer = await createClerk(t.ctx.db, 'dealer', COUNTY);
    const reissue = 'vehicle.licence-reissue';
    expect(await remedyFor(dealer.username, reissue)).toMatch(
      /，就近可到：甲窗口、乙窗口、丙窗口$/,
    );

    expect(
      (await admin('DELETE', `/api/v1/outlets/${windows[0]!.code}/grants/${reissue}`)).statusCode,
    ).toBe(204);
    expect(await remedyFor(dealer.username, reissue)).toMatch(
      /，就近可到：乙窗口、丙窗口、丁窗口$/,
    );
    const withdrawn = await createUser(t.ctx.db, {
      roles: ['clerk'],
      outletCode: windows[0]!.code,
    });
    expect(await remedyFor(withdrawn.username, reissue)).toMatch(
      /，就近可到：乙窗口、丙窗口、丁窗口$/,
    );

    const suspended = await admin('POST', `/api/v1/outlets/${windows[1]!.code}/suspension`, {
      reason: '整改',
    });
    expect(suspended.statusCode).toBe(200);
    expect(await remedyFor(dealer.username, reissue)).toMatch(/，就近可到：丙窗口、丁窗口$/);
  });

  it('names the outlets granted a business one by one where no category holds it', async () => {
    const type = 'vehicle.certificate-reissue';
    const only = await createOutlet(t.ctx.db, {
      category: 'post',
      countyCode: COUNTY,
      name: '戊邮政点',
    });
    const clerk = await createClerk(t.ctx.db, 'bank', COUNTY);
    await t.ctx.db
      .deleteFrom('grants')
      .where('business_type', '=', type)
      .where('outlet_category', 'is not', null)
      .execute();
    forgetOutletFacts(t.ctx.db);
    expect(await remedyFor(clerk.username, type)).toBe('该业务暂未向任何网点开放，请咨询车管所');

    expect((await admin('PUT', `/api/v1/outlets/${only.code}/grants/${type}`, {})).statusCode).toBe(
      204,
    );
    expect(await remedyFor(clerk.username, type)).toBe('请到戊邮政点办理');
  });
});
