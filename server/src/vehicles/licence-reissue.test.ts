import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { createClerk, createVehicle, idNumber } from '../../../test/support/factories.ts';
import { expectEnglishRefusalItems } from '../../../test/support/refusals.ts';
import { STORY_VEHICLE } from '../demo/demo-vehicles.ts';
import { serialReserveOf, validDocumentsOfSubjectInHand } from '../documents/documents.service.ts';
import { findVehicleByPlateHolding } from './vehicles.repository.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

async function reissue(
  token: string,
  applicant: { idNumber: string; name: string },
  plate: string,
  agent?: object,
) {
  return await t.app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: bearer(token),
    payload: {
      businessType: 'vehicle.licence-reissue',
      applicant,
      ...(agent ? { agent } : {}),
      data: { plate },
    },
  });
}

describe('vehicle.licence-reissue (R164 §52)', () => {
  it("completes the article's weekend story: new 行驶证, new number, old one void", async () => {
    t.clock.set('2026-11-28T10:05:00+08:00'); // a Saturday: weekend service
    const token = await t.login('clerk.city');
    const applicant = { idNumber: STORY_VEHICLE.ownerIdNumber, name: STORY_VEHICLE.ownerName };
    const first = await reissue(token, applicant, '贵C·A8830');
    expect(first.statusCode).toBe(201);
    const body = first.json();
    expect(body).toMatchObject({
      businessType: 'vehicle.licence-reissue',
      status: 'completed',
      channel: 'window',
      outletCode: '520302-CO-001',
    });
    expect(body.completedAt).toMatch(/^2026-11-28T10:05:00\.000\+08:00$/);
    expect(body.slaDueOn).toBe('2026-11-30'); // one working day, over the weekend
    const [licence] = body.result.documents;
    expect(licence.kind).toBe('vehicle-licence');

    const second = (await reissue(token, applicant, '贵CA8830')).json();
    const [newer] = second.result.documents;
    expect(newer.number).not.toBe(licence.number);
    expect(second.result.voidedNumbers).toEqual([licence.number]);

    const old = (await t.app.inject({ url: `/api/v1/verify/${licence.verifyToken}` })).json();
    expect(old).toMatchObject({ valid: true, status: 'void', number: licence.number });
    const current = (await t.app.inject({ url: `/api/v1/verify/${newer.verifyToken}` })).json();
    expect(current).toMatchObject({ valid: true, status: 'valid', kind: 'vehicle-licence' });
  });

  it('voids exactly the licence on file each time, its number read with the file and the new one drawn ahead', async () => {
    const v = await createVehicle(t.ctx.db);
    const token = await t.login('clerk.city');
    const applicant = { idNumber: v.ownerIdNumber, name: v.ownerName };
    // Once the process holds serials, the replacement is written behind (documents/serials.ts).
    await vi.waitFor(() => expect(serialReserveOf(t.ctx.db).take(1)).not.toBeNull());
    const numbers: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await reissue(token, applicant, v.plate);
      expect(res.statusCode).toBe(201);
      const { documents, voidedNumbers } = res.json().result;
      expect(voidedNumbers).toEqual(numbers.slice(-1));
      numbers.push(documents[0].number);
    }
    expect(new Set(numbers).size).toBe(4);
    const history = (
      await t.app.inject({ url: `/api/v1/vehicles/${v.vin}/history`, headers: bearer(token) })
    ).json();
    const licences = new Map(
      (history.items as { documentKind: string | null; number: string; status: string }[])
        .filter((d) => d.documentKind === 'vehicle-licence')
        .map((d) => [d.number, d.status]),
    );
    expect(licences).toEqual(new Map(numbers.map((n, i) => [n, i === 3 ? 'valid' : 'void'])));
  });

  it('reads the documents to replace behind the file, by the VIN the file read keeps in hand', async () => {
    const v = await createVehicle(t.ctx.db);
    await t.ctx.db.transaction().execute(async (tx) => {
      const [record, documents] = await Promise.all([
        findVehicleByPlateHolding(tx, '520300', v.plate),
        validDocumentsOfSubjectInHand(tx, { cityCode: '520300', kinds: ['vehicle-licence'] }),
      ]);
      expect(record?.vin).toBe(v.vin);
      expect(documents).toEqual({ subject: v.vin, documents: [] });
    });
  });

  it('may be applied for by an agent on behalf of the owner (R164 §86)', async () => {
    const v = await createVehicle(t.ctx.db);
    const res = await reissue(
      await t.login('clerk.city'),
      { idNumber: v.ownerIdNumber, name: v.ownerName },
      v.plate,
      {
        idNumber: idNumber(),
        name: '代办人',
      },
    );
    expect(res.statusCode).toBe(201);
  });

  it('is accepted at a post office point (警邮) under its agreement', async () => {
    const v = await createVehicle(t.ctx.db);
    const res = await reissue(
      await t.login('clerk.post'),
      { idNumber: v.ownerIdNumber, name: v.ownerName },
      v.plate,
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().channel).toBe('social');
  });

  const refusalCases: [
    string,
    () => Promise<{ plate: string; applicant: { idNumber: string; name: string } }>,
    string[],
  ][] = [
    [
      'a plate of another city',
      async () => ({ plate: '贵AB1234', applicant: { idNumber: idNumber(), name: '某' } }),
      ['NOT_IN_JURISDICTION'],
    ],
    [
      'an unknown plate',
      async () => ({ plate: '贵CZ9999', applicant: { idNumber: idNumber(), name: '某' } }),
      ['VEHICLE_NOT_FOUND'],
    ],
    [
      'an applicant who is not the owner',
      async () => {
        const v = await createVehicle(t.ctx.db);
        return { plate: v.plate, applicant: { idNumber: idNumber(), name: '他人' } };
      },
      ['APPLICANT_NOT_OWNER'],
    ],
    ...(['stolen', 'deregistered', 'scrap-due'] as const).map(
      (status) =>
        [
          `a ${status} vehicle`,
          async () => {
            const v = await createVehicle(t.ctx.db, { status });
            return { plate: v.plate, applicant: { idNumber: v.ownerIdNumber, name: v.ownerName } };
          },
          [
            {
              stolen: 'VEHICLE_STOLEN',
              deregistered: 'VEHICLE_DEREGISTERED',
              'scrap-due': 'VEHICLE_SCRAP_DUE',
            }[status],
          ],
        ] as [
          string,
          () => Promise<{ plate: string; applicant: { idNumber: string; name: string } }>,
          string[],
        ],
    ),
    [
      // A small operating car registered 2013-01-01: 10 years (policy) on.
      'an operating car past its scrapping age, though its record still says normal',
      async () => {
        const v = await createVehicle(t.ctx.db, {
          useNature: 'operating',
          registeredOn: '2013-01-01',
        });
        return { plate: v.plate, applicant: { idNumber: v.ownerIdNumber, name: v.ownerName } };
      },
      ['VEHICLE_SCRAP_DUE'],
    ],
    [
      'a stolen vehicle asked for by someone else (every failing item at once)',
      async () => {
        const v = await createVehicle(t.ctx.db, { status: 'stolen' });
        return { plate: v.plate, applicant: { idNumber: idNumber(), name: '他人' } };
      },
      ['APPLICANT_NOT_OWNER', 'VEHICLE_STOLEN'],
    ],
  ];

  it.each(refusalCases)('refuses %s with a stored 1331 notice', async (_name, make, codes) => {
    const { plate, applicant } = await make();
    const res = await reissue(await t.login('clerk.city'), applicant, plate);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.status).toBe('refused');
    expect(body.refusal.items.map((i: { code: string }) => i.code)).toEqual(codes);
    for (const item of body.refusal.items) {
      expect(item.legalBasis).toMatch(/^机动车登记规定 第/);
      expect(item.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(item.remedy).toMatch(/[\u4e00-\u9fa5]/);
    }
    // The English twin of each item; only the plate number, as typed, stays Chinese.
    expectEnglishRefusalItems(body.refusal.items, [plate]);
    const stored = await t.app.inject({
      url: `/api/v1/applications/${body.id}`,
      headers: bearer(await t.login('clerk.city')),
    });
    expect(stored.statusCode).toBe(200);
    expect(stored.json()).toEqual({ ...body, events: [] });
    const notice = (
      await t.app.inject({ url: `/api/v1/verify/${body.refusal.verifyToken}` })
    ).json();
    expect(notice).toMatchObject({
      valid: true,
      kind: 'notice',
      number: body.refusal.noticeNumber,
    });
  });

  it('refuses where it is not delegated, naming where it can be done', async () => {
    const clerk = await createClerk(t.ctx.db, 'dealer');
    const token = await t.login(clerk.username, clerk.password);
    const v = await createVehicle(t.ctx.db);
    const res = await reissue(token, { idNumber: v.ownerIdNumber, name: v.ownerName }, v.plate);
    expect(res.statusCode).toBe(422);
    const [item] = res.json().refusal.items;
    expect(item.code).toBe('NOT_DELEGATED');
    expect(item.remedy).toContain('警邮服务网点');
    expect(item.messageEn).toBe(
      'This outlet is not authorised to accept "Vehicle licence reissue" applications.',
    );
    // Outlet names are proper names and stay Chinese; everything else is English.
    const [where, nearby] = item.remedyEn.split(' Nearby outlets: ');
    expect(where).toMatch(/^Please apply at one of the following: .*post office points/);
    expect(where).not.toMatch(/[\u4e00-\u9fa5]/);
    if (nearby) expect(item.remedy).toContain(nearby.replace(/\.$/, '').split(', ')[0]);
  });
});
