import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, detailPaths, type TestApp } from '../../../test/support/app.ts';
import { createVehicle, vin } from '../../../test/support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const applicant = { idNumber: '520302199003070015', name: '张三' };
const post = async (payload: unknown, clerk = 'clerk.dealer', headers = {}) =>
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: { ...bearer(await t.login(clerk)), ...headers },
    payload: payload as object,
  });
const tempPlate = (v = vin(), key?: string, days = 30) => ({
  businessType: 'vehicle.temp-plate',
  applicant,
  data: { vin: v, purpose: 'unregistered', days, insuranceValidUntil: '2027-11-25' },
  ...(key ? { idempotencyKey: key } : {}),
});
const count = async (
  table: 'applications' | 'temp_plates' | 'documents' | 'audit_log' | 'outbox',
) =>
  Number(
    (
      await t.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the application pipeline', () => {
  it('rejects a malformed envelope with every bad path and stores nothing', async () => {
    const before = await count('applications');
    const res = await post({
      businessType: 'vehicle.flying-car',
      applicant: { idNumber: '520302199003070014', name: '' },
      data: 'x',
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(detailPaths(res)).toEqual([
      'applicant.idNumber',
      'applicant.name',
      'businessType',
      'data',
    ]);
    expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|node_modules/);
    expect(await count('applications')).toBe(before);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { ...bearer(await t.login('clerk.dealer')), 'content-type': 'application/json' },
      payload: '{"businessType":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('writes registry change, document, application, audit and outbox together', async () => {
    const before = await Promise.all(
      (['applications', 'temp_plates', 'documents', 'audit_log', 'outbox'] as const).map(count),
    );
    expect((await post(tempPlate())).statusCode).toBe(201);
    const after = await Promise.all(
      (['applications', 'temp_plates', 'documents', 'audit_log', 'outbox'] as const).map(count),
    );
    expect(after.map((n, i) => n - before[i]!)).toEqual([1, 1, 1, 1, 1]);
    const event = await t.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(event.topic).toBe('vehicle.temp-plate.completed');
  });

  it('leaves no half state when the last step fails inside the transaction', async () => {
    const tables = ['applications', 'temp_plates', 'documents', 'audit_log'] as const;
    const before = await Promise.all(tables.map(count));
    // The outbox insert is the very last write of a use case: make it fail after all the others.
    await sql`CREATE FUNCTION fail_outbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$`.execute(
      t.ctx.db,
    );
    await sql`CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION fail_outbox()`.execute(
      t.ctx.db,
    );
    try {
      const res = await post(tempPlate());
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({
        error: { code: 'INTERNAL', message: '系统内部错误，请稍后再试' },
      });
    } finally {
      await sql`DROP TRIGGER fail_outbox ON outbox`.execute(t.ctx.db);
    }
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });

  it('refuses an agent where the law wants the owner in person (R164 §86)', async () => {
    const v = await createVehicle(t.ctx.db);
    const res = await post(
      {
        businessType: 'vehicle.certificate-reissue',
        applicant: { idNumber: v.ownerIdNumber, name: v.ownerName },
        agent: { idNumber: '11010519491231002X', name: '代办人' },
        data: { plate: v.plate },
      },
      'clerk.city',
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().refusal.items).toEqual([
      expect.objectContaining({
        code: 'AGENT_NOT_ALLOWED',
        legalBasis: '机动车登记规定 第八十六条',
      }),
    ]);
  });
});

describe('every bar at once (一次性告知)', () => {
  it('lists a representative the law does not allow with the failing rules of the business', async () => {
    const v = await createVehicle(t.ctx.db, { status: 'stolen' });
    const res = await post(
      {
        businessType: 'vehicle.certificate-reissue',
        applicant: { idNumber: v.ownerIdNumber, name: v.ownerName },
        agent: { idNumber: '11010519491231002X', name: '代办人' },
        data: { plate: v.plate },
      },
      'clerk.city',
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().refusal.items.map((i: { code: string }) => i.code)).toEqual([
      'AGENT_NOT_ALLOWED',
      'VEHICLE_STOLEN',
    ]);
  });

  it('still answers an outlet that may not take the business with that alone', async () => {
    const v = await createVehicle(t.ctx.db, { status: 'stolen' });
    const res = await post({
      businessType: 'vehicle.certificate-reissue',
      applicant: { idNumber: v.ownerIdNumber, name: v.ownerName },
      agent: { idNumber: '11010519491231002X', name: '代办人' },
      data: { plate: v.plate },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().refusal.items.map((i: { code: string }) => i.code)).toEqual([
      'NOT_DELEGATED',
      'AGENT_NOT_ALLOWED',
    ]);
  });
});

describe('idempotency', () => {
  it('returns the first answer for the same key and body, with no second effect', async () => {
    const body = tempPlate(vin(), 'key-1');
    const first = await post(body);
    const plates = await count('temp_plates');
    const second = await post(body);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(await count('temp_plates')).toBe(plates);
  });

  it('replays a refusal as a refusal', async () => {
    const body = tempPlate(vin(), 'key-refused', 99);
    const first = await post(body);
    expect(first.statusCode).toBe(422);
    const second = await post(body);
    expect(second.statusCode).toBe(422);
    expect(second.json().id).toBe(first.json().id);
  });

  it('rejects the same key with a different body', async () => {
    await post(tempPlate(vin(), 'key-2'));
    const res = await post(tempPlate(vin(), 'key-2'));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('keeps keys per caller: another clerk may use the same key', async () => {
    const v = vin();
    await post(tempPlate(v, 'shared-key'));
    const res = await post(tempPlate(vin(), 'shared-key'), 'clerk.city');
    expect(res.statusCode).toBe(201);
  });

  it('takes the key from an Idempotency-Key header as from the body', async () => {
    const body = tempPlate(vin());
    const plates = await count('temp_plates');
    const first = await post(body, 'clerk.dealer', { 'idempotency-key': 'header-key' });
    const second = await post(body, 'clerk.dealer', { 'Idempotency-Key': 'header-key' });
    const inBody = await post({ ...body, idempotencyKey: 'header-key' });
    expect([first.statusCode, second.statusCode, inBody.statusCode]).toEqual([201, 201, 201]);
    expect(second.json()).toEqual(first.json());
    expect(inBody.json().id).toBe(first.json().id);
    expect(await count('temp_plates')).toBe(plates + 1);
    // The same key in both places is one key.
    const both = await post({ ...body, idempotencyKey: 'header-key' }, 'clerk.dealer', {
      'idempotency-key': 'header-key',
    });
    expect(both.json().id).toBe(first.json().id);
  });

  it('answers a bad or contradicting Idempotency-Key header with 400, storing nothing', async () => {
    const before = await count('applications');
    const bad = await post(tempPlate(vin()), 'clerk.dealer', { 'idempotency-key': 'a b' });
    expect(bad.statusCode).toBe(400);
    expect(detailPaths(bad)).toEqual(['Idempotency-Key']);
    const both = await post(
      { ...tempPlate(vin(), 'in-body'), applicant: { idNumber: '1', name: '张三' } },
      'clerk.dealer',
      { 'idempotency-key': 'in-header' },
    );
    expect(both.statusCode).toBe(400);
    expect(detailPaths(both)).toEqual(['Idempotency-Key', 'applicant.idNumber']);
    const differ = await post(tempPlate(vin(), 'in-body'), 'clerk.dealer', {
      'idempotency-key': 'in-header',
    });
    expect(differ.statusCode).toBe(400);
    expect(detailPaths(differ)).toEqual(['Idempotency-Key']);
    expect(await count('applications')).toBe(before);
  });

  it('has one effect when the same request arrives twice at once', async () => {
    const body = tempPlate(vin(), 'key-race');
    const plates = await count('temp_plates');
    const [a, b] = await Promise.all([post(body), post(body)]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).toBe(b.json().id);
    expect(await count('temp_plates')).toBe(plates + 1);
  });
});

describe('reading applications', () => {
  it('lets the outlet, its county supervisor, the city and the city office read it, but not others', async () => {
    const created = (await post(tempPlate(vin()), 'clerk.county')).json();
    const read = async (user: string) =>
      (
        await t.app.inject({
          url: `/api/v1/applications/${created.id}`,
          headers: bearer(await t.login(user)),
        })
      ).statusCode;
    expect(await read('clerk.county')).toBe(200);
    expect(await read('sup.county')).toBe(200);
    expect(await read('sup.city')).toBe(200);
    expect(await read('admin')).toBe(200);
    expect(await read('clerk.police')).toBe(403); // same county, a police window under the office
    // The city office is over the county office (SECURITY.md: the police offices of the
    // jurisdiction read an application, as they may move it on).
    expect(await read('clerk.city')).toBe(200);
  });

  it('answers 404 for an unknown id, and for one not of an id’s shape', async () => {
    const token = await t.login('admin');
    expect(
      (
        await t.app.inject({
          url: '/api/v1/applications/00000000-0000-4000-8000-000000000000',
          headers: bearer(token),
        })
      ).statusCode,
    ).toBe(404);
    // An id not even of an id's shape is unknown too (CONTRACT.md: unknown id → 404).
    expect(
      (await t.app.inject({ url: '/api/v1/applications/nope', headers: bearer(token) })).statusCode,
    ).toBe(404);
  });

  it('lists only what is in scope', async () => {
    await post(tempPlate(vin()), 'clerk.county');
    const list = async (user: string) =>
      (
        await t.app.inject({
          url: '/api/v1/applications?limit=200',
          headers: bearer(await t.login(user)),
        })
      ).json();
    const county = await list('sup.county');
    expect(county.items.length).toBeGreaterThan(0);
    expect(
      county.items.every((a: { outletCode: string }) => a.outletCode.startsWith('520322')),
    ).toBe(true);
    const dealer = await list('clerk.dealer');
    expect(
      dealer.items.every((a: { outletCode: string }) => a.outletCode === '520303-DL-001'),
    ).toBe(true);
  });
});

describe('a rejected request', () => {
  it('says in Chinese what zod itself finds wrong', async () => {
    const res = await post({
      ...tempPlate(),
      applicant: { ...tempPlate().applicant, name: 7 },
      data: { ...tempPlate().data, days: 'x' },
    });
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details as { path: string; message: string }[];
    expect(details.map((d) => d.path).sort()).toEqual(['applicant.name', 'data.days']);
    for (const detail of details) {
      expect(detail.message).toMatch(/[\u4e00-\u9fff]/);
      // zod's zh-CN locale left its type names in English ("期望 number，实际接收 string").
      expect(detail.message).not.toMatch(/Invalid input|expected|string|number/);
    }
    expect(details.find((d) => d.path === 'applicant.name')!.message).toBe('应为文本，不能是整数');
  });

  it('lists the bad fields of the envelope and of the data together', async () => {
    const res = await post({
      businessType: 'vehicle.temp-plate',
      applicant: { idNumber: '520302199003070014', name: '张三' },
      data: {
        vin: 'LSJA24U62JG269226',
        purpose: 'unregistered',
        days: 30,
        insuranceValidUntil: '2027-13-01',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(detailPaths(res)).toEqual([
      'applicant.idNumber',
      'data.insuranceValidUntil',
      'data.vin',
    ]);
  });
});
