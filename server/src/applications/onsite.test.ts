import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { registerCitizen } from '../../../test/support/citizens.ts';
import { createLicence, createVehicle } from '../../../test/support/factories.ts';
import { INTERNET_CENTRE_CODE } from '../demo/zunyi-network.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // The city lets its internet centre take plate reissues too, so that an internet application
  // stays open (the plate is being made) for supervision to turn to on-site handling.
  const grant = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/outlets/${INTERNET_CENTRE_CODE}/grants/vehicle.plate-reissue`,
    headers: await as('admin'),
    payload: {},
  });
  expect(grant.statusCode).toBeLessThan(300);
});
afterAll(async () => t.close());

type Who = string | { username: string; password: string };
const as = async (who: Who) =>
  bearer(typeof who === 'string' ? await t.login(who) : await t.login(who.username, who.password));

/** A vehicle owner registered as a citizen (identity number of `countyCode`, if given). */
async function ownerCitizen(countyCode?: string) {
  const licence = await createLicence(t.ctx.db, countyCode ? { countyCode } : {});
  const car = await createVehicle(t.ctx.db, {
    ownerIdNumber: licence.idNumber,
    ownerName: licence.name,
  });
  const citizen = await registerCitizen(t, { idNumber: licence.idNumber, name: licence.name });
  return { citizen, plate: car.plate! };
}

async function submit(
  who: Who,
  businessType: string,
  c: { idNumber: string; name: string },
  plate: string,
) {
  return await t.app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: await as(who),
    payload: { businessType, applicant: { idNumber: c.idNumber, name: c.name }, data: { plate } },
  });
}

const turn = async (who: Who, id: string, reason = '同一车辆短期内多次网上补领，核查身份') =>
  await t.app.inject({
    method: 'POST',
    url: `/api/v1/applications/${id}/onsite`,
    headers: await as(who),
    payload: { reason },
  });

describe('supervision turns an open internet application to on-site handling (R164 §74)', () => {
  it('takes it out of the online flow, tells the citizen to come to a window, audited', async () => {
    const { citizen, plate } = await ownerCitizen();
    const online = await submit(citizen, 'vehicle.plate-reissue', citizen, plate);
    expect(online.statusCode).toBe(201);
    expect(online.json()).toMatchObject({ status: 'accepted', channel: 'internet' });
    const id = online.json().id as string;

    // Clerks, citizens, administrators and the other county's brigade may not.
    for (const who of ['clerk.city', 'admin', 'sup.county', citizen]) {
      expect((await turn(who, id)).statusCode, JSON.stringify(who)).toBe(403);
    }
    expect((await turn('sup.city', id, ' ')).statusCode).toBe(400);

    const turned = await turn('sup.city', id);
    expect(turned.statusCode).toBe(200);
    expect(turned.json()).toMatchObject({
      status: 'withdrawn',
      event: { code: 'to-onsite', outcome: 'applied' },
    });
    expect((await turn('sup.city', id)).statusCode).toBe(409);

    const me = (
      await t.app.inject({ url: '/api/v1/citizens/me', headers: await as(citizen) })
    ).json();
    const mine = me.applications.find((a: { id: string }) => a.id === id);
    expect(mine).toMatchObject({
      status: 'withdrawn',
      onsite: { legalBasis: '机动车登记规定 第七十四条第五项' },
    });
    expect(mine.onsite.advice).toMatch(
      /^须到窗口现场办理：请携带本人有效身份证明到市车管所、.*现场办理，就近可到：/,
    );
    expect(mine.onsite.adviceEn).toContain('in person');
    // The supervisor's reason is for supervision, not for the person.
    expect(JSON.stringify(me)).not.toContain('核查身份');

    const audited = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('entity_id', '=', id)
      .where('action', 'in', ['application.turned-onsite', 'application.to-onsite'])
      .orderBy('action')
      .execute();
    expect(audited).toEqual([
      { action: 'application.to-onsite', actor: 'sup.city' },
      { action: 'application.turned-onsite', actor: 'sup.city' },
    ]);
  });

  it('leaves window business alone', async () => {
    const { citizen, plate } = await ownerCitizen();
    const atWindow = await submit('clerk.city', 'vehicle.plate-reissue', citizen, plate);
    expect(atWindow.statusCode).toBe(201);
    expect((await turn('sup.city', atWindow.json().id)).statusCode).toBe(409);
  });
});

describe('supervision requires a person’s internet business of a type on site for a period', () => {
  const requirement = (idNumber: string) => ({
    idNumber,
    businessType: 'vehicle.licence-reissue',
    from: '2026-11-26',
    until: '2026-12-31',
    reason: '疑似冒用身份网上补领',
  });
  const post = async (who: Who, body: object) =>
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/onsite-requirements',
      headers: await as(who),
      payload: body,
    });

  it('refuses those applications online with a 1331 item citing the article, not at a window', async () => {
    const { citizen, plate } = await ownerCitizen('520322');
    for (const who of ['clerk.city', 'admin', citizen]) {
      expect((await post(who, requirement(citizen.idNumber))).statusCode).toBe(403);
    }
    expect(
      (await post('sup.city', { ...requirement(citizen.idNumber), until: '2026-11-01' }))
        .statusCode,
    ).toBe(400);
    const made = await post('sup.city', requirement(citizen.idNumber));
    expect(made.statusCode).toBe(201);

    const online = await submit(citizen, 'vehicle.licence-reissue', citizen, plate);
    expect(online.statusCode).toBe(422);
    expect(online.json().refusal.items).toEqual([
      expect.objectContaining({
        code: 'ONSITE_REQUIRED',
        legalBasis: '机动车登记规定 第七十四条第五项',
        remedyEn: expect.stringContaining('in person'),
      }),
    ]);
    // One notice says where to go (一次告知): the categories that take it in person, not the
    // internet, and the first of them near the person — in 桐梓县, their identity's county.
    const { remedy } = online.json().refusal.items[0];
    const countyOffice = await t.ctx.db
      .selectFrom('outlets')
      .select('name')
      .where('code', '=', '520322-KO-001')
      .executeTakeFirstOrThrow();
    expect(remedy).toMatch(
      /^请携带本人有效身份证明到市车管所、车管分所、县级车管所、政务服务中心交管窗口、公安交警窗口、警保服务站、警邮服务网点现场办理，就近可到：/,
    );
    expect(remedy).toContain(`就近可到：${countyOffice.name}、`);
    expect(remedy).not.toContain('互联网');
    // Another business type online, and the same business at a window, go on as before.
    const mark = await submit(citizen, 'vehicle.inspection-mark', citizen, plate);
    expect(mark.json().refusal?.items?.map((i: { code: string }) => i.code) ?? []).not.toContain(
      'ONSITE_REQUIRED',
    );
    const atWindow = await submit('clerk.city', 'vehicle.licence-reissue', citizen, plate);
    expect(atWindow.statusCode).toBe(201);

    const listed = await t.app.inject({
      url: `/api/v1/onsite-requirements?idNumber=${citizen.idNumber}`,
      headers: await as('sup.county'),
    });
    expect(listed.json().items).toEqual([
      expect.objectContaining({ businessType: 'vehicle.licence-reissue', until: '2026-12-31' }),
    ]);
    const byClerk = await t.app.inject({
      url: `/api/v1/onsite-requirements?idNumber=${citizen.idNumber}`,
      headers: await as('clerk.city'),
    });
    expect(byClerk.statusCode).toBe(403);
  });

  it('ends with its period', async () => {
    const { citizen, plate } = await ownerCitizen();
    await post('sup.city', {
      ...requirement(citizen.idNumber),
      from: '2026-11-01',
      until: '2026-11-25',
    });
    const online = await submit(citizen, 'vehicle.licence-reissue', citizen, plate);
    expect(online.json().refusal?.items?.map((i: { code: string }) => i.code) ?? []).not.toContain(
      'ONSITE_REQUIRED',
    );
  });
});
