import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, detailPaths, type TestApp } from '../../../test/support/app.ts';
import {
  createClerk,
  createVehicle,
  idNumber,
  orgCode,
  registrationData,
  vin,
} from '../../../test/support/factories.ts';
import { expectEnglishRefusalItems } from '../../../test/support/refusals.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterEach(() => t.clock.set());
afterAll(async () => t.close());

type User = string | { username: string; password: string };
const as = async (user: User) =>
  bearer(
    typeof user === 'string' ? await t.login(user) : await t.login(user.username, user.password),
  );

const owner = () => ({ idNumber: idNumber(), name: '李四' });

async function register(
  data: Record<string, unknown>,
  user: User = 'clerk.dealer',
  applicant = owner(),
) {
  return await t.app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: await as(user),
    payload: { businessType: 'vehicle.register', applicant, data },
  });
}
const codes = (res: { json(): { refusal?: { items: { code: string }[] } } }) =>
  res.json().refusal?.items.map((i) => i.code);

async function candidates(vehicleType = 'small-car', user: User = 'clerk.dealer') {
  const res = await t.app.inject({
    url: `/api/v1/plates/candidates?vehicleType=${vehicleType}&count=5`,
    headers: await as(user),
  });
  expect(res.statusCode).toBe(200);
  return res.json().items as string[];
}

describe('vehicle.register (R164 §§10–15) with number selection (§43)', () => {
  it('registers a new small car at a 4S dealer with a selected candidate number', async () => {
    const items = await candidates();
    expect(items).toHaveLength(5);
    for (const p of items) expect(p).toMatch(/^贵C[0-9A-HJ-NP-Z]{5}$/);
    const data = registrationData({ plate: items[2] });
    const res = await register(data);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ status: 'completed', channel: 'social', slaDueOn: '2026-11-30' });
    expect(body.result).toMatchObject({ plate: items[2], vehicleId: expect.any(String) });
    expect(body.result.documents.map((d: { kind: string }) => d.kind)).toEqual([
      'registration-certificate',
      'vehicle-licence',
      'plate',
      'inspection-mark',
    ]);
    const file = await t.app.inject({
      url: `/api/v1/vehicles/by-vin/${data.vin}`,
      headers: await as('clerk.city'),
    });
    expect(file.json()).toMatchObject({
      plate: items[2],
      status: 'normal',
      registeredOn: '2026-11-26',
      inspectionValidUntil: '2028-11-30',
    });
    // The number is taken now: it is neither offered nor accepted again.
    const again = await register(registrationData({ plate: items[2] }));
    expect(codes(again)).toEqual(['PLATE_UNAVAILABLE']);
  });

  it('takes a self-composed number, or draws one itself', async () => {
    const own = await register(registrationData({ plate: '贵C·8X8X8' }), 'clerk.city');
    expect(own.json().result.plate).toBe('贵C8X8X8');
    const drawn = await register(
      registrationData({ vehicleType: 'small-new-energy' }),
      'clerk.city',
    );
    expect(drawn.json().result.plate).toMatch(/^贵C[A-HJK][0-9A-HJ-NP-Z]\d{4}$/);
  });

  it('gives a number asked for by two registrations at once to one of them, refusing the other', async () => {
    // Both find the number free; the second to write waits for the first's commit. Run again, it
    // sees the number taken: a refusal, never an internal error and never two owners.
    const pairs = await Promise.all(
      (await candidates()).map((plate) =>
        Promise.all([
          register(registrationData({ plate }), 'clerk.dealer'),
          register(registrationData({ plate }), 'clerk.dealer'),
        ]),
      ),
    );
    for (const pair of pairs) {
      expect(pair.map((r) => r.statusCode).sort()).toEqual([201, 422]);
      expect(pair.map(codes).filter(Boolean)).toEqual([['PLATE_UNAVAILABLE']]);
    }
  });

  it('refuses a self-composed number that breaks the selection rules', async () => {
    const cases: [string, string][] = [
      ['贵AA1234', 'PLATE_NOT_ALLOWED'],
      ['贵CD12345', 'PLATE_NOT_ALLOWED'],
      ['贵CAB1C2', 'PLATE_NOT_ALLOWED'],
    ];
    for (const [plate, code] of cases) {
      const res = await register(registrationData({ plate }), 'clerk.city');
      expect(codes(res), plate).toEqual([code]);
      expect(res.json().refusal.items[0].legalBasis).toBe('机动车登记规定 第四十三条');
    }
    const taken = await createVehicle(t.ctx.db);
    expect(codes(await register(registrationData({ plate: taken.plate }), 'clerk.city'))).toEqual([
      'PLATE_UNAVAILABLE',
    ]);
  });

  it('lets an organisation own the vehicle (GB 32100), and refuses a bad code with 400', async () => {
    const company = { idNumber: orgCode(), name: '遵义市红花岗区测试运输有限公司' };
    const res = await register(registrationData(), 'clerk.city', company);
    expect(res.statusCode).toBe(201);
    const bad = await register(registrationData(), 'clerk.city', {
      idNumber: `${company.idNumber.slice(0, 17)}${company.idNumber.endsWith('0') ? '1' : '0'}`,
      name: '某公司',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({
      path: 'applicant.idNumber',
      message: '统一社会信用代码校验位错误',
    });
  });

  it('answers 400 for a VIN whose check digit is wrong', async () => {
    const res = await register(registrationData({ vin: 'LSJA24U63JG269225' }));
    expect(res.statusCode).toBe(400);
    expect(detailPaths(res)).toEqual(['data.vin']);
  });

  it('names each §15 refusal on its own, with its article', async () => {
    const stolen = await createVehicle(t.ctx.db, { status: 'stolen' });
    const seized = await createVehicle(t.ctx.db, { status: 'seized' });
    const registered = await createVehicle(t.ctx.db);
    const cases: [string, Record<string, unknown>, string, string][] = [
      [
        'VIN year ≠ manufacture',
        { vin: vin('L') },
        'VIN_NOT_STANDARD',
        '机动车登记规定 第十五条第六项',
      ],
      ['stolen VIN', { vin: stolen.vin }, 'VEHICLE_STOLEN', '机动车登记规定 第十五条第九项'],
      ['seized VIN', { vin: seized.vin }, 'VEHICLE_SEIZED', '机动车登记规定 第十五条第八项'],
      [
        'registered VIN',
        { vin: registered.vin },
        'VEHICLE_ALREADY_REGISTERED',
        '机动车登记规定 第十条',
      ],
      [
        'insurance expired',
        { insuranceValidUntil: '2026-11-01' },
        'INSURANCE_EXPIRED',
        '机动车登记规定 第十二条',
      ],
      [
        'future manufacture',
        { manufacturedOn: '2026-12-24' },
        'MANUFACTURE_DATE_INVALID',
        '机动车登记规定 第十五条第三项',
      ],
    ];
    for (const [name, data, code, basis] of cases) {
      const res = await register(registrationData(data), 'clerk.city');
      expect(res.statusCode, name).toBe(422);
      expect(res.json().refusal.items, name).toEqual([
        expect.objectContaining({ code, legalBasis: basis }),
      ]);
      expectEnglishRefusalItems(
        res.json().refusal.items,
        [String(data.vin ?? ''), stolen.plate, seized.plate, registered.plate].filter(Boolean),
      );
    }
  });

  it('refuses a vehicle past its scrapping age, and lists every failing condition at once', async () => {
    // A large operating coach made in 2010 (15 years), uninspected, uninsured: three items.
    const res = await register(
      registrationData({
        vin: vin('A'),
        vehicleType: 'large-car',
        useNature: 'operating',
        seats: 40,
        manufacturedOn: '2010-03-01',
        insuranceValidUntil: '2026-01-01',
      }),
      'clerk.city',
    );
    expect(codes(res)).toEqual(['SCRAP_AGE_REACHED', 'INSURANCE_EXPIRED', 'INSPECTION_REQUIRED']);
  });

  it('needs an inspection for a car not registered within two years of leaving the factory (§11)', async () => {
    const old = registrationData({
      vin: vin('P'),
      manufacturedOn: '2023-06-01',
    });
    expect(codes(await register(old, 'clerk.city'))).toEqual(['INSPECTION_REQUIRED']);
    expect(codes(await register({ ...old, inspectionReportNo: 'JC-NONE' }, 'clerk.city'))).toEqual([
      'INSPECTION_REPORT_NOT_FOUND',
    ]);
    const accident = registrationData({ preRegistrationAccident: true });
    expect(codes(await register(accident, 'clerk.city'))).toEqual(['INSPECTION_REQUIRED']);
  });

  it('keeps dealers to new small private cars (§14); markets and police windows may not register', async () => {
    const coach = registrationData({
      vehicleType: 'large-car',
      seats: 30,
      inspectionReportNo: 'X',
    });
    expect(codes(await register(coach))).toContain('OUTLET_SCOPE_EXCEEDED');
    for (const user of ['clerk.market', 'clerk.police', 'clerk.bank', 'clerk.post']) {
      const res = await register(registrationData(), user);
      expect(codes(res), user).toEqual(['NOT_DELEGATED']);
    }
    const county = await register(registrationData(), 'clerk.county');
    expect(county.statusCode).toBe(201);
    const station = await createClerk(t.ctx.db, 'registration-station');
    expect((await register(registrationData(), station)).statusCode).toBe(201);
  });

  it('ends the temporary plate three days after the plates are received (§47)', async () => {
    const data = registrationData();
    const temp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: await as('clerk.dealer'),
      payload: {
        businessType: 'vehicle.temp-plate',
        applicant: owner(),
        data: {
          vin: data.vin,
          purpose: 'unregistered',
          days: 30,
          insuranceValidUntil: '2027-11-25',
        },
      },
    });
    expect(temp.statusCode).toBe(201);
    expect((await register(data)).statusCode).toBe(201);
    const row = await t.ctx.db
      .selectFrom('temp_plates')
      .select('valid_until')
      .where('vin', '=', data.vin)
      .executeTakeFirstOrThrow();
    expect(row.valid_until).toBe('2026-11-29');
  });

  it('gives a number again once a transfer has freed it, with a plate document of its own', async () => {
    const [first] = await candidates();
    const firstCar = registrationData({ plate: first });
    expect((await register(firstCar)).statusCode).toBe(201);
    // The car is sold on with a new number: its old one goes back to selection (nobody keeps it).
    const sold = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: await as('clerk.market'),
      payload: {
        businessType: 'vehicle.transfer',
        applicant: owner(),
        data: { plate: first, invoiceNo: 'ESC2026002' },
      },
    });
    expect(sold.statusCode).toBe(201);
    expect(sold.json().result.plate).not.toBe(first);
    // The public look-up by number finds the void plate, and then the number's new plate.
    const byNumber = async () =>
      (
        await t.app.inject({ url: `/api/v1/verify/by-number/${encodeURIComponent(first!)}` })
      ).json();
    expect(await byNumber()).toMatchObject({ valid: true, kind: 'plate', status: 'void' });

    const secondCar = registrationData({ plate: first });
    expect((await register(secondCar)).statusCode).toBe(201);
    expect(await byNumber()).toMatchObject({ valid: true, kind: 'plate', status: 'valid' });
    const plates = await t.ctx.db
      .selectFrom('documents')
      .select(['subject', 'status'])
      .where('kind', '=', 'plate')
      .where('number', '=', first!)
      .execute();
    // The first car's plate was voided by the transfer; the second car's is the valid one.
    expect(Object.fromEntries(plates.map((d) => [d.subject, d.status]))).toEqual({
      [firstCar.vin as string]: 'void',
      [secondCar.vin as string]: 'valid',
    });
  });

  it('offers candidates of each plate layout only to staff', async () => {
    expect((await candidates('large-new-energy')).every((p) => /^贵C\d{5}[A-HJK]$/.test(p))).toBe(
      true,
    );
    expect((await candidates('trailer')).every((p) => p.endsWith('挂'))).toBe(true);
    const bad = await t.app.inject({
      url: '/api/v1/plates/candidates?vehicleType=bus',
      headers: await as('clerk.dealer'),
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (await t.app.inject({ url: '/api/v1/plates/candidates?vehicleType=small-car' })).statusCode,
    ).toBe(401);
  });
});

describe('documents people hold: issuer and public look-up by number', () => {
  it('names the issuing office and outlet, and finds a document by its printed number', async () => {
    const res = await register(registrationData(), 'clerk.dealer');
    const [certificate] = res.json().result.documents;
    const byToken = (
      await t.app.inject({ url: `/api/v1/verify/${certificate.verifyToken}` })
    ).json();
    expect(byToken).toMatchObject({
      valid: true,
      kind: 'registration-certificate',
      issuer: { office: expect.stringContaining('车辆管理所'), outlet: expect.any(String) },
    });
    const byNumber = await t.app.inject({
      url: `/api/v1/verify/by-number/${encodeURIComponent(certificate.number)}`,
    });
    expect(byNumber.statusCode).toBe(200);
    expect(byNumber.json()).toMatchObject({
      valid: true,
      number: certificate.number,
      status: 'valid',
    });
    expect(byNumber.json()).not.toHaveProperty('subject');
    const unknown = await t.app.inject({ url: '/api/v1/verify/by-number/DJ0000000000' });
    expect(unknown.json()).toMatchObject({ valid: false });
  });
});
