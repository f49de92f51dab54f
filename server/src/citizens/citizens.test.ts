import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { phone, registerCitizen, smsCode } from '../../../test/support/citizens.ts';
import { INTERNET_CENTRE_CODE } from '../demo/zunyi-network.ts';
import {
  createLicence,
  createOutlet,
  createUser,
  createVehicle,
  createViolation,
  GUIYANG,
  idNumber,
} from '../../../test/support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const as = async (who: string | { username: string; password: string }) =>
  bearer(typeof who === 'string' ? await t.login(who) : await t.login(who.username, who.password));

/** A driver with a licence in Zunyi, registered as a citizen. */
async function driverCitizen() {
  const licence = await createLicence(t.ctx.db);
  return await registerCitizen(t, { idNumber: licence.idNumber, name: licence.name });
}

async function submit(who: Parameters<typeof as>[0], payload: Record<string, unknown>) {
  return await t.app.inject({
    method: 'POST',
    url: '/api/v1/applications',
    headers: await as(who),
    payload,
  });
}

/** A licence holder with a car, registered as a citizen, who asks online for its 行驶证 again. */
async function ownReissueOnline() {
  const licence = await createLicence(t.ctx.db);
  const car = await createVehicle(t.ctx.db, {
    ownerIdNumber: licence.idNumber,
    ownerName: licence.name,
  });
  const citizen = await registerCitizen(t, { idNumber: licence.idNumber, name: licence.name });
  const res = await submit(citizen, {
    businessType: 'vehicle.licence-reissue',
    applicant: { idNumber: licence.idNumber, name: licence.name },
    data: { plate: car.plate },
  });
  return { licence, car, citizen, res };
}

/** Binds a plate with a citizen's headers. */
async function bind(headers: Record<string, string>, plate: string) {
  return await t.app.inject({
    method: 'POST',
    url: '/api/v1/citizens/me/vehicles',
    headers,
    payload: { plate },
  });
}

async function register(body: Record<string, unknown>) {
  return await t.app.inject({ method: 'POST', url: '/api/v1/citizens', payload: body });
}

describe('SMS codes', () => {
  it('answers 202 with the code in demo mode, and refuses a second code within a minute', async () => {
    const p = phone();
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/v1/citizens/sms-codes',
      payload: { phone: p },
    });
    expect(first.statusCode).toBe(202);
    expect(first.json().demoCode).toMatch(/^\d{6}$/);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/citizens/sms-codes',
      payload: { phone: p },
    });
    expect(again.statusCode).toBe(429);
  });

  it('keeps only a hash of the code', async () => {
    const p = phone();
    const code = await smsCode(t, p);
    const row = await t.ctx.db
      .selectFrom('sms_codes')
      .selectAll()
      .where('phone', '=', p)
      .executeTakeFirstOrThrow();
    expect(row.code_hash).not.toContain(code);
  });
});

describe('real-name registration', () => {
  it('registers a licence holder whose identity number and name match', async () => {
    const licence = await createLicence(t.ctx.db);
    const p = phone();
    const res = await register({
      idNumber: licence.idNumber,
      name: licence.name,
      phone: p,
      password: 'citizen-password-1',
      smsCode: await smsCode(t, p),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      id: expect.any(String),
      idNumber: licence.idNumber,
      name: licence.name,
      phone: p,
    });
    const user = await t.ctx.db
      .selectFrom('users')
      .select(['password_hash', 'roles'])
      .where('username', '=', p)
      .executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^scrypt\$32768\$/);
    expect(user.roles).toEqual(['citizen']);
  });

  it('registers a vehicle owner without a licence', async () => {
    const v = await createVehicle(t.ctx.db);
    const p = phone();
    const res = await register({
      idNumber: v.ownerIdNumber,
      name: v.ownerName,
      phone: p,
      password: 'citizen-password-1',
      smsCode: await smsCode(t, p),
    });
    expect(res.statusCode).toBe(201);
  });

  it('refuses a name that does not match, an unknown identity and a wrong code (422)', async () => {
    const licence = await createLicence(t.ctx.db);
    const p1 = phone();
    const mismatch = await register({
      idNumber: licence.idNumber,
      name: '李四',
      phone: p1,
      password: 'citizen-password-1',
      smsCode: await smsCode(t, p1),
    });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().error.message).toContain('姓名');

    const p2 = phone();
    const unknown = await register({
      idNumber: idNumber(),
      name: '王五',
      phone: p2,
      password: 'citizen-password-1',
      smsCode: await smsCode(t, p2),
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.message).toContain('未在');

    const p3 = phone();
    const code = await smsCode(t, p3);
    const wrong = await register({
      idNumber: licence.idNumber,
      name: licence.name,
      phone: p3,
      password: 'citizen-password-1',
      smsCode: code === '000000' ? '000001' : '000000',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.message).toContain('验证码');

    // Expired: six minutes later the right code no longer works.
    t.clock.set('2026-11-26T10:06:00+08:00');
    try {
      const expired = await register({
        idNumber: licence.idNumber,
        name: licence.name,
        phone: p3,
        password: 'citizen-password-1',
        smsCode: code,
      });
      expect(expired.statusCode).toBe(422);
    } finally {
      t.clock.set();
    }
    const count = await t.ctx.db
      .selectFrom('citizens')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('id_number', '=', licence.idNumber)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('refuses an identity or a phone already registered (409)', async () => {
    const citizen = await driverCitizen();
    const p = phone();
    const sameId = await register({
      idNumber: citizen.idNumber,
      name: citizen.name,
      phone: p,
      password: 'citizen-password-1',
      smsCode: await smsCode(t, p),
    });
    expect(sameId.statusCode).toBe(409);

    const other = await createLicence(t.ctx.db);
    t.clock.set('2026-11-26T10:02:00+08:00');
    try {
      const samePhone = await register({
        idNumber: other.idNumber,
        name: other.name,
        phone: citizen.username,
        password: 'citizen-password-1',
        smsCode: await smsCode(t, citizen.username),
      });
      expect(samePhone.statusCode).toBe(409);
    } finally {
      t.clock.set();
    }
  });
});

describe('registration attempts (the real-name check is no oracle)', () => {
  const attempt = (p: string, code: string, person: { idNumber: string; name: string }) =>
    register({ ...person, phone: p, password: 'citizen-password-1', smsCode: code });

  it('lets one code make 5 attempts whatever they fail on; the 6th is refused even when right', async () => {
    const holder = await createLicence(t.ctx.db);
    const registered = await driverCitizen();
    const p = phone();
    const code = await smsCode(t, p);
    const failures = [
      await attempt(p, code, { idNumber: idNumber(), name: '王五' }),
      await attempt(p, code, { idNumber: holder.idNumber, name: '李四' }),
      await attempt(p, code, { idNumber: holder.idNumber, name: '李五' }),
      await attempt(p, code === '000000' ? '000001' : '000000', holder),
      await attempt(p, code, registered),
    ];
    // The contract's reasons stay: 422 with the reason, 409 for an identity already registered.
    expect(failures.map((r) => r.statusCode)).toEqual([422, 422, 422, 422, 409]);
    const sixth = await attempt(p, code, holder);
    expect(sixth.statusCode).toBe(422);
    expect(sixth.json().error.message).toContain('重新获取');

    // A new code (a minute later) serves again.
    t.clock.set('2026-11-26T10:02:00+08:00');
    try {
      expect((await attempt(p, await smsCode(t, p), holder)).statusCode).toBe(201);
    } finally {
      t.clock.set();
    }
  });

  it('takes no more than 5 attempts from one code made at once', async () => {
    const holder = await createLicence(t.ctx.db);
    const p = phone();
    const code = await smsCode(t, p);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => attempt(p, code, { ...holder, name: `错名${i}` })),
    );
    const messages = answers.map((r) => r.json().error.message as string);
    expect(answers.every((r) => r.statusCode === 422)).toBe(true);
    expect(messages.filter((m) => m.includes('姓名'))).toHaveLength(5);
    expect(messages.filter((m) => m.includes('重新获取'))).toHaveLength(7);
  });

  it('limits attempts on one identity number from one phone to 5 a day (429)', async () => {
    const holder = await createLicence(t.ctx.db);
    const p = phone();
    const code = await smsCode(t, p);
    for (let i = 0; i < 5; i++) {
      const res = await attempt(p, code, { ...holder, name: `错名${i}` });
      expect(res.statusCode).toBe(422);
    }
    t.clock.set('2026-11-26T10:02:00+08:00');
    try {
      const limited = await attempt(p, await smsCode(t, p), holder);
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(86_400);
    } finally {
      t.clock.set();
    }
    t.clock.set('2026-11-27T10:01:00+08:00');
    try {
      expect((await attempt(p, await smsCode(t, p), holder)).statusCode).toBe(201);
    } finally {
      t.clock.set();
    }
  });

  it('does not let a stranger lock the holder out: another phone’s failures spend none of the holder’s', async () => {
    const holder = await createLicence(t.ctx.db);
    // A stranger who knows the identity number uses up every attempt its phones have on it.
    for (let i = 0; i < 3; i++) {
      const p = phone();
      const code = await smsCode(t, p);
      for (let j = 0; j < 5; j++) {
        expect((await attempt(p, code, { ...holder, name: `错名${j}` })).statusCode).toBe(422);
      }
    }
    // The wrong codes sent for the holder's phone spend only that code's tries.
    const own = phone();
    const first = await smsCode(t, own);
    const wrong = first === '000000' ? '000001' : '000000';
    for (let j = 0; j < 5; j++) {
      expect((await attempt(own, wrong, holder)).json().error.message).toContain('验证码');
    }
    t.clock.set('2026-11-26T10:02:00+08:00');
    try {
      expect((await attempt(own, await smsCode(t, own), holder)).statusCode).toBe(201);
    } finally {
      t.clock.set();
    }
  });

  it('limits one phone to 10 attempts a day on any identity numbers, made at once too', async () => {
    const p = phone();
    const someone = () => ({ idNumber: idNumber(), name: '王五' });
    const first = await smsCode(t, p);
    for (let i = 0; i < 5; i++) expect((await attempt(p, first, someone())).statusCode).toBe(422);
    t.clock.set('2026-11-26T10:02:00+08:00');
    try {
      const code = await smsCode(t, p);
      for (let i = 0; i < 3; i++) expect((await attempt(p, code, someone())).statusCode).toBe(422);
    } finally {
      t.clock.set();
    }
    t.clock.set('2026-11-26T10:04:00+08:00');
    try {
      // Two left, asked for five at once with a fresh code.
      const code = await smsCode(t, p);
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => attempt(p, code, someone())),
      );
      expect(answers.map((r) => r.statusCode).sort()).toEqual([422, 422, 429, 429, 429]);
      const limited = answers.find((r) => r.statusCode === 429)!;
      expect(limited.json().error.message).toContain('手机号码');
    } finally {
      t.clock.set();
    }
  });

  it('counts both limits or neither: a refused attempt spends nothing', async () => {
    const holder = await createLicence(t.ctx.db);
    const p = phone();
    const code = await smsCode(t, p);
    for (let i = 0; i < 5; i++) await attempt(p, code, { ...holder, name: `错名${i}` });
    t.clock.set('2026-11-26T10:02:00+08:00');
    try {
      const again = await smsCode(t, p);
      expect((await attempt(p, again, holder)).statusCode).toBe(429);
      // The refused one took none of the phone's 10: five more on other numbers are answered.
      const other = await createLicence(t.ctx.db);
      for (let i = 0; i < 3; i++) {
        expect((await attempt(p, again, { ...other, name: `错名${i}` })).statusCode).toBe(422);
      }
      expect((await attempt(p, again, other)).statusCode).toBe(201);
    } finally {
      t.clock.set();
    }
  });
});

describe('citizen login', () => {
  it('logs in by phone or identity number with role citizen', async () => {
    const citizen = await driverCitizen();
    for (const username of [citizen.username, citizen.idNumber]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: citizen.password },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().user.roles).toEqual(['citizen']);
    }
  });

  it('logs in by the identity number typed as registration takes it (x, full width, spaces)', async () => {
    // An identity number whose check character is X.
    let id = idNumber();
    while (!id.endsWith('X')) id = idNumber();
    const licence = await createLicence(t.ctx.db, { idNumber: id });
    const fullWidth = [...id].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    const citizen = await registerCitizen(t, {
      idNumber: `${id.slice(0, -1)}x`,
      name: licence.name,
    });
    for (const username of [`${id.slice(0, -1)}x`, fullWidth, ` ${id} `]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: citizen.password },
      });
      expect(res.statusCode, username).toBe(200);
      expect(res.json().user.username).toBe(citizen.username);
    }
  });

  it('throttles failed logins in the database', async () => {
    const citizen = await driverCitizen();
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: citizen.username, password: 'wrong-password-1' },
      });
      codes.push(res.statusCode);
    }
    expect(codes).toContain(429);
    const rows = await t.ctx.db
      .selectFrom('login_throttle')
      .select('key')
      .where('key', 'like', `%${citizen.username}%`)
      .execute();
    expect(rows.length).toBeGreaterThan(0);
  });

  it('keeps citizens out of the staff list', async () => {
    const citizen = await driverCitizen();
    const res = await t.app.inject({
      url: '/api/v1/users?limit=1000',
      headers: await as('admin'),
    });
    expect(res.body).not.toContain(citizen.username);
  });
});

describe('GET /citizens/me', () => {
  it('shows the holder in full, the licence with its cycle, vehicles and applications', async () => {
    const licence = await createLicence(t.ctx.db);
    const car = await createVehicle(t.ctx.db, {
      ownerIdNumber: licence.idNumber,
      ownerName: licence.name,
    });
    const citizen = await registerCitizen(t, { idNumber: licence.idNumber, name: licence.name });
    const res = await t.app.inject({ url: '/api/v1/citizens/me', headers: await as(citizen) });
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me.person).toEqual({
      idNumber: licence.idNumber,
      name: licence.name,
      phone: citizen.username,
    });
    expect(me.licence.idNumber).toBe(licence.idNumber);
    expect(me.licence.cycle).toBeDefined();
    expect(me.vehicles).toEqual([{ plate: car.plate, own: true }]);
    expect(me.applications).toEqual([]);
  });

  it('counts the points of the ledger kept by the city that keeps the licence', async () => {
    t.clock.set('2026-11-26T10:00:00+08:00');
    // Registered in Zunyi, its licence then moved to Guiyang (a file transfer): the holder reads
    // a licence another city keeps. Its cycle runs from 2026-03-15 (first issued 2015-03-15).
    const licence = await createLicence(t.ctx.db);
    const citizen = await registerCitizen(t, { idNumber: licence.idNumber, name: licence.name });
    await createLicence(t.ctx.db, { countyCode: GUIYANG.countyCode }); // Guiyang's county exists
    await t.ctx.db
      .updateTable('licences')
      .set({ city_code: GUIYANG.cityCode, county_code: GUIYANG.countyCode })
      .where('id_number', '=', licence.idNumber)
      .execute();
    await t.ctx.db
      .updateTable('licence_directory')
      .set({ city_code: GUIYANG.cityCode })
      .where('id_number', '=', licence.idNumber)
      .execute();
    const entry = (cityCode: string, points: number) => ({
      city_code: cityCode,
      id_number: licence.idNumber,
      kind: 'imported' as const,
      points,
      recorded_on: '2026-06-01',
    });
    // What Zunyi's ledger kept of the person is not the licence's now.
    await t.ctx.db
      .insertInto('point_entries')
      .values([entry(GUIYANG.cityCode, 6), entry('520300', 3)])
      .execute();
    const me = (
      await t.app.inject({ url: '/api/v1/citizens/me', headers: await as(citizen) })
    ).json();
    expect(me.licence.idNumber).toBe(licence.idNumber);
    expect(me.licence.cycle).toMatchObject({ start: '2026-03-15', points: 6 });
  });

  it('lists the holder’s own 50 latest applications, newest first', async () => {
    const { licence, citizen, res: latest } = await ownReissueOnline();
    expect(latest.statusCode).toBe(201);
    // 60 earlier applications of the holder, an hour apart, and a later one of someone else.
    const columns = await t.ctx.db
      .selectFrom('information_schema.columns' as never)
      .select('column_name' as never)
      .where('table_name' as never, '=', 'applications' as never)
      .execute();
    const names = (columns as { column_name: string }[]).map((c) => c.column_name);
    const copied = names.map((n) =>
      n === 'id'
        ? 'gen_random_uuid()'
        : n === 'submitted_at'
          ? `submitted_at - g * interval '1 hour'`
          : n === 'idempotency_key'
            ? 'NULL'
            : n === 'applicant_id_number'
              ? `CASE WHEN g = -1 THEN '${idNumber()}' ELSE applicant_id_number END`
              : n,
    );
    await sql`INSERT INTO applications (${sql.raw(names.join(', '))})
              SELECT ${sql.raw(copied.join(', '))}
                FROM applications, generate_series(-1, 60) AS g
               WHERE id = ${latest.json().id} AND g <> 0`.execute(t.ctx.db);
    const expected = await t.ctx.db
      .selectFrom('applications')
      .select('id')
      .where('applicant_id_number', '=', licence.idNumber)
      .orderBy('submitted_at', 'desc')
      .limit(50)
      .execute();
    const me = (
      await t.app.inject({ url: '/api/v1/citizens/me', headers: await as(citizen) })
    ).json();
    expect(me.applications.map((a: { id: string }) => a.id)).toEqual(expected.map((r) => r.id));
    expect(expected[0]!.id).toBe(latest.json().id);
  });

  it('is for citizens only', async () => {
    const res = await t.app.inject({ url: '/api/v1/citizens/me', headers: await as('clerk.city') });
    expect(res.statusCode).toBe(403);
  });
});

describe('online business through the pipeline', () => {
  it('takes a citizen’s own business at the internet outlet, channel internet', async () => {
    const { citizen, res } = await ownReissueOnline();
    expect([201, 422]).toContain(res.statusCode);
    const app = res.json();
    expect(app.channel).toBe('internet');
    const outlet = await t.ctx.db
      .selectFrom('outlets')
      .select('category')
      .where('code', '=', app.outletCode)
      .executeTakeFirstOrThrow();
    expect(outlet.category).toBe('internet');

    // Progress: the citizen reads its own application and sees it in /citizens/me.
    const own = await t.app.inject({
      url: `/api/v1/applications/${app.id}`,
      headers: await as(citizen),
    });
    expect(own.statusCode).toBe(200);
    const me = (
      await t.app.inject({ url: '/api/v1/citizens/me', headers: await as(citizen) })
    ).json();
    expect(me.applications.map((a: { id: string }) => a.id)).toContain(app.id);
  });

  it('refuses business for someone else (403) and with an agent (403)', async () => {
    const citizen = await driverCitizen();
    const someone = await createVehicle(t.ctx.db);
    const forOther = await submit(citizen, {
      businessType: 'vehicle.licence-reissue',
      applicant: { idNumber: someone.ownerIdNumber, name: someone.ownerName },
      data: { plate: someone.plate },
    });
    expect(forOther.statusCode).toBe(403);
    const withAgent = await submit(citizen, {
      businessType: 'vehicle.licence-reissue',
      applicant: { idNumber: citizen.idNumber, name: citizen.name },
      agent: { idNumber: someone.ownerIdNumber, name: someone.ownerName },
      data: { plate: someone.plate },
    });
    expect(withAgent.statusCode).toBe(403);
  });

  it('refuses another owner’s vehicle and business the internet may not take with a 1331 notice', async () => {
    const citizen = await driverCitizen();
    const someone = await createVehicle(t.ctx.db);
    const notOwner = await submit(citizen, {
      businessType: 'vehicle.licence-reissue',
      applicant: { idNumber: citizen.idNumber, name: citizen.name },
      data: { plate: someone.plate },
    });
    expect(notOwner.statusCode).toBe(422);
    expect(notOwner.json().refusal.items.length).toBeGreaterThan(0);
    const notOnline = await submit(citizen, {
      businessType: 'vehicle.plate-reissue',
      applicant: { idNumber: citizen.idNumber, name: citizen.name },
      data: { plate: someone.plate },
    });
    expect(notOnline.statusCode).toBe(422);
    expect(notOnline.json().refusal.items.map((i: { code: string }) => i.code)).toContain(
      'NOT_DELEGATED',
    );
  });
});

describe('a learner (初次申领 taken in, no licence yet)', () => {
  async function learner() {
    const id = idNumber('520302', '20050101');
    const cert = await t.app.inject({
      method: 'POST',
      url: '/api/v1/medical-certificates',
      headers: await as('clerk.hospital'),
      payload: { idNumber: id, name: '学员', examinedOn: '2026-11-20', conclusion: 'fit' },
    });
    expect(cert.statusCode, cert.body).toBe(201);
    const app = await submit('clerk.city', {
      businessType: 'licence.apply',
      applicant: { idNumber: id, name: '学员' },
      data: { class: 'C1', medicalCertificateNo: cert.json().certificateNo },
    });
    expect(app.json().status, app.body).toBe('accepted');
    return id;
  }

  it('registers under the name its application was taken in under, and books its exam online', async () => {
    const id = await learner();
    const p = phone();
    const wrong = await register({
      idNumber: id,
      name: '别人',
      phone: p,
      password: 'citizen-password-1',
      smsCode: await smsCode(t, p),
    });
    expect(wrong.statusCode).toBe(422);
    const citizen = await registerCitizen(t, { idNumber: id, name: '学员' });
    const me = await t.app.inject({ url: '/api/v1/citizens/me', headers: await as(citizen) });
    expect(me.json()).toMatchObject({ person: { idNumber: id, name: '学员' }, licence: null });
    const booked = await submit(citizen, {
      businessType: 'exam.book',
      applicant: { idNumber: id, name: '学员' },
      data: { subject: 1, examSiteCode: '520302-EX-001' },
    });
    expect(booked.statusCode, booked.body).toBe(201);
    expect(booked.json()).toMatchObject({
      status: 'accepted',
      channel: 'internet',
      outletCode: INTERNET_CENTRE_CODE,
    });
  });
});

describe('a citizen never sees another person’s data', () => {
  it('is refused another person’s application, licence, vehicle and the lists', async () => {
    const citizen = await driverCitizen();
    const other = await createLicence(t.ctx.db);
    const car = await createVehicle(t.ctx.db);
    const clerkApp = await submit('clerk.city', {
      businessType: 'vehicle.licence-reissue',
      applicant: { idNumber: car.ownerIdNumber, name: car.ownerName },
      data: { plate: car.plate },
    });
    const headers = await as(citizen);
    const urls = [
      `/api/v1/applications/${clerkApp.json().id}`,
      '/api/v1/applications?limit=5',
      `/api/v1/licences/${other.idNumber}`,
      `/api/v1/drivers/${other.idNumber}`,
      `/api/v1/vehicles/by-plate/${encodeURIComponent(car.plate)}`,
      `/api/v1/vehicles/${car.vin}/history`,
      `/api/v1/violations?plate=${encodeURIComponent(car.plate)}`,
      '/api/v1/users?limit=5',
      '/api/v1/outlets?limit=5',
    ];
    for (const url of urls) {
      const res = await t.app.inject({ url, headers });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(403);
      expect(res.body, url).not.toContain(other.idNumber);
      expect(res.body, url).not.toContain(car.ownerIdNumber);
    }
  });
});

describe('bindings (12123 caps)', () => {
  it('binds other people’s vehicles up to 3 per account (422 beyond), once each (409)', async () => {
    const citizen = await driverCitizen();
    const headers = await as(citizen);
    const cars = [];
    for (let i = 0; i < 4; i++) cars.push(await createVehicle(t.ctx.db));
    for (const car of cars.slice(0, 3)) {
      const res = await bind(headers, car.plate);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({ plate: car.plate, own: false });
    }
    const fourth = await bind(headers, cars[3]!.plate);
    expect(fourth.statusCode).toBe(422);
    expect(fourth.json().error.message).toContain('3');
    const twice = await bind(headers, cars[0]!.plate);
    expect(twice.statusCode).toBe(409);

    // Unbinding frees a place; unbinding again is 404.
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/citizens/me/vehicles/${encodeURIComponent(cars[0]!.plate)}`,
      headers,
    });
    expect(del.statusCode).toBe(204);
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/citizens/me/vehicles/${encodeURIComponent(cars[0]!.plate)}`,
      headers,
    });
    expect(again.statusCode).toBe(404);
    const now = await bind(headers, cars[3]!.plate);
    expect(now.statusCode).toBe(201);
  });

  it('refuses staff (403) before looking at the plate they send', async () => {
    const headers = await as('clerk.city');
    for (const plate of ['', '不是号牌', 'X'.repeat(40)]) {
      const bound = await bind(headers, plate);
      expect(bound.statusCode, bound.body).toBe(403);
      expect(bound.json().error.code).toBe('FORBIDDEN');
      const unbound = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/citizens/me/vehicles/${encodeURIComponent(plate || '-')}`,
        headers,
      });
      expect(unbound.statusCode, unbound.body).toBe(403);
    }
  });

  it('binds someone else’s vehicle only when it is a small non-operating car', async () => {
    const headers = await as(await driverCitizen());
    const refused = [
      await createVehicle(t.ctx.db, { useNature: 'operating' }),
      await createVehicle(t.ctx.db, { vehicleType: 'large-car' }),
    ];
    for (const car of refused) {
      const res = await bind(headers, car.plate);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toContain('小型非营运载客汽车');
    }
    const electric = await createVehicle(t.ctx.db, { vehicleType: 'small-new-energy' });
    expect((await bind(headers, electric.plate)).statusCode).toBe(201);
  });

  it('refuses to bind a deregistered vehicle, its owner’s too (422), and lists it no more', async () => {
    const licence = await createLicence(t.ctx.db);
    const own = await createVehicle(t.ctx.db, {
      ownerIdNumber: licence.idNumber,
      ownerName: licence.name,
      status: 'deregistered',
    });
    const headers = await as(
      await registerCitizen(t, { idNumber: licence.idNumber, name: licence.name }),
    );
    for (const car of [own, await createVehicle(t.ctx.db, { status: 'deregistered' })]) {
      const res = await bind(headers, car.plate);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.message).toContain('注销');
    }
    // Nor is it listed as the holder's vehicle any more.
    const me = await t.app.inject({ url: '/api/v1/citizens/me', headers });
    expect(me.json().vehicles).toEqual([]);
  });

  it('lists a bound vehicle deregistered since no more, and a bound car sold since as not own', async () => {
    const licence = await createLicence(t.ctx.db);
    const headers = await as(
      await registerCitizen(t, { idNumber: licence.idNumber, name: licence.name }),
    );
    const others = await createVehicle(t.ctx.db);
    const mine = await createVehicle(t.ctx.db, {
      ownerIdNumber: licence.idNumber,
      ownerName: licence.name,
    });
    expect((await bind(headers, others.plate)).statusCode).toBe(201);
    expect((await bind(headers, mine.plate)).statusCode).toBe(201);
    // Its owner deregisters the bound car; the holder sells its own to someone else.
    await t.ctx.db
      .updateTable('vehicles')
      .set({ status: 'deregistered' })
      .where('plate', '=', others.plate)
      .execute();
    await t.ctx.db
      .updateTable('vehicles')
      .set({ owner_id_number: idNumber(), owner_name: '买受人' })
      .where('plate', '=', mine.plate)
      .execute();
    const me = await t.app.inject({ url: '/api/v1/citizens/me', headers });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().vehicles).toEqual([{ plate: mine.plate, own: false }]);
  });

  /** The car gives its number up (transfer, re-plated); a minute later it is another's. */
  async function numberDrawnAgain(earlier: { vin: string; plate: string }) {
    await t.ctx.db
      .updateTable('vehicles')
      .set({ plate: null })
      .where('vin', '=', earlier.vin)
      .execute();
    const later = await createVehicle(t.ctx.db, { plate: earlier.plate });
    await t.ctx.db
      .insertInto('vehicle_events')
      .values({
        city_code: '520300',
        vin: later.vin,
        at: new Date(t.clock.now().getTime() + 60_000),
        event: 'registered',
        status_from: null,
        status_to: 'normal',
        plate: earlier.plate,
        application_id: null,
        actor: 'test',
        details: '{}',
      })
      .execute();
    return later;
  }

  it('does not take a binding over to another vehicle given the bound number later (R164 §43)', async () => {
    const headers = await as(await driverCitizen());
    const earlier = await createVehicle(t.ctx.db);
    expect((await bind(headers, earlier.plate)).statusCode).toBe(201);
    await numberDrawnAgain(earlier);
    const me = await t.app.inject({ url: '/api/v1/citizens/me', headers });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().vehicles).toEqual([]);
  });

  it('counts no binding of a number’s earlier carrier: its holder binds the vehicle given the number, and so do three others', async () => {
    const start = t.clock.now();
    const earlier = await createVehicle(t.ctx.db);
    const holders = [];
    for (let i = 0; i < 3; i++) {
      const headers = await as(await driverCitizen());
      expect((await bind(headers, earlier.plate)).statusCode).toBe(201);
      holders.push(headers);
    }
    const later = await numberDrawnAgain(earlier);
    t.clock.set(new Date(start.getTime() + 120_000).toISOString());
    try {
      // The old binding is not "already bound" (409), nor do the three take the cap's places.
      expect((await bind(holders[0]!, later.plate)).statusCode).toBe(201);
      const newcomers = [];
      for (let i = 0; i < 2; i++) {
        newcomers.push((await bind(await as(await driverCitizen()), later.plate)).statusCode);
      }
      expect(newcomers).toEqual([201, 201]);
      // Three accounts now bind the vehicle carrying the number: the fourth is refused.
      expect((await bind(await as(await driverCitizen()), later.plate)).statusCode).toBe(422);
      const me = await t.app.inject({ url: '/api/v1/citizens/me', headers: holders[0]! });
      expect(me.json().vehicles).toEqual([{ plate: later.plate, own: false }]);
    } finally {
      t.clock.set();
    }
  });

  it('binds one vehicle to at most 3 accounts', async () => {
    const car = await createVehicle(t.ctx.db);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const citizen = await driverCitizen();
      const res = await bind(await as(citizen), car.plate);
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([201, 201, 201, 422]);
  });

  describe('the cap counts accounts other than the owner’s', () => {
    /** Binds a plate to `n` new accounts of strangers, one after another. */
    async function bindOthers(plate: string, n: number) {
      const statuses: number[] = [];
      for (let i = 0; i < n; i++) {
        statuses.push((await bind(await as(await driverCitizen()), plate)).statusCode);
      }
      return statuses;
    }
    const ownerOf = async (car: { ownerIdNumber: string; ownerName: string }) =>
      await as(await registerCitizen(t, { idNumber: car.ownerIdNumber, name: car.ownerName }));

    it('lets the owner bind its car after three other accounts did', async () => {
      const car = await createVehicle(t.ctx.db);
      expect(await bindOthers(car.plate, 3)).toEqual([201, 201, 201]);
      const own = await bind(await ownerOf(car), car.plate);
      expect(own.statusCode).toBe(201);
      expect(own.json()).toEqual({ plate: car.plate, own: true });
    });

    it('takes three other accounts on a car its owner bound', async () => {
      const car = await createVehicle(t.ctx.db);
      expect((await bind(await ownerOf(car), car.plate)).statusCode).toBe(201);
      expect(await bindOthers(car.plate, 4)).toEqual([201, 201, 201, 422]);
    });
  });

  it('follows the policy value of the cap', async () => {
    await t.ctx.db
      .insertInto('policy_values')
      .values({
        key: 'citizen.binding.max-other-vehicles',
        value: JSON.stringify(1),
        effective_from: '2026-11-26',
        legal_basis: '测试',
        note: '测试',
        created_by: 'test',
        city_code: '520300',
      })
      .execute();
    try {
      const citizen = await driverCitizen();
      const headers = await as(citizen);
      const [a, b] = [await createVehicle(t.ctx.db), await createVehicle(t.ctx.db)];
      const first = await bind(headers, a.plate);
      expect(first.statusCode).toBe(201);
      const second = await bind(headers, b.plate);
      expect(second.statusCode).toBe(422);
    } finally {
      await sql`DELETE FROM policy_values WHERE key = 'citizen.binding.max-other-vehicles' AND city_code = '520300'`.execute(
        t.ctx.db,
      );
    }
  });
});

describe('appointments', () => {
  const OFFICE = '520302-CO-001';
  const DAY = '2026-11-27'; // a Friday, the day after the test clock's

  async function slots(who: Parameters<typeof as>[0], date = DAY) {
    const res = await t.app.inject({
      url: `/api/v1/appointments/slots?outletCode=${OFFICE}&date=${date}`,
      headers: await as(who),
    });
    expect(res.statusCode).toBe(200);
    return res.json().items as { slot: string; capacity: number; left: number }[];
  }
  async function book(who: Parameters<typeof as>[0], body: Record<string, unknown>) {
    return await t.app.inject({
      method: 'POST',
      url: '/api/v1/appointments',
      headers: await as(who),
      payload: { outletCode: OFFICE, businessType: 'licence.renew', date: DAY, ...body },
    });
  }
  /** A slot of DAY the tests above leave alone, so that its places last. */
  async function spareSlot(who: Parameters<typeof as>[0]) {
    return (await slots(who))[2]!;
  }
  /** The holder's upcoming appointments, as /citizens/me lists them. */
  async function upcoming(who: Parameters<typeof as>[0]) {
    const res = await t.app.inject({ url: '/api/v1/citizens/me', headers: await as(who) });
    return res.json().appointments as { id: string; date: string }[];
  }

  it('offers slots from the outlet’s hours with capacity, and fills them (409 when full)', async () => {
    const items = await slots('clerk.city');
    expect(items.length).toBeGreaterThan(0);
    const slot = items.at(-1)!;
    expect(slot.left).toBe(slot.capacity);
    const statuses: number[] = [];
    for (let i = 0; i <= slot.capacity; i++) {
      statuses.push((await book(await driverCitizen(), { slot: slot.slot })).statusCode);
    }
    expect(statuses.slice(0, -1).every((s) => s === 201)).toBe(true);
    expect(statuses.at(-1)).toBe(409);
    expect((await slots('clerk.city')).find((s) => s.slot === slot.slot)!.left).toBe(0);
  });

  it('keeps one active appointment per person and business type; only the holder cancels', async () => {
    const citizen = await driverCitizen();
    const [first, second] = await slots(citizen);
    const booked = await book(citizen, { slot: first!.slot });
    expect(booked.statusCode).toBe(201);
    expect(booked.json()).toMatchObject({ outletCode: OFFICE, status: 'active', date: DAY });
    expect((await book(citizen, { slot: second!.slot })).statusCode).toBe(409);
    // Another business type is another appointment.
    expect(
      (await book(citizen, { slot: second!.slot, businessType: 'licence.reissue' })).statusCode,
    ).toBe(201);

    const id = booked.json().id as string;
    const stranger = await driverCitizen();
    const byOther = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/appointments/${id}`,
      headers: await as(stranger),
    });
    expect(byOther.statusCode).toBe(403);
    const byClerk = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/appointments/${id}`,
      headers: await as('clerk.city'),
    });
    expect(byClerk.statusCode).toBe(403);
    const byHolder = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/appointments/${id}`,
      headers: await as(citizen),
    });
    expect(byHolder.statusCode).toBe(204);
    expect((await book(citizen, { slot: second!.slot })).statusCode).toBe(201);
  });

  it('lists the holder’s upcoming appointments in /citizens/me, with the id to cancel one', async () => {
    const citizen = await driverCitizen();
    const spare = await spareSlot(citizen);
    const renew = (await book(citizen, { slot: spare.slot })).json();
    expect(await upcoming(citizen)).toEqual([
      {
        id: renew.id,
        outletCode: OFFICE,
        outletName: expect.stringContaining('车辆管理所'),
        businessType: 'licence.renew',
        date: DAY,
        slot: spare.slot,
      },
    ]);
    const cancel = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/appointments/${renew.id}`,
      headers: await as(citizen),
    });
    expect(cancel.statusCode).toBe(204);
    expect(await upcoming(citizen)).toEqual([]);
  });

  describe('once its day has passed (Asia/Shanghai)', () => {
    const LATER = '2026-11-30'; // a Monday
    /** Just after midnight in Beijing: still the day before in UTC. */
    const DAY_AFTER = '2026-11-28T00:30:00+08:00';
    const statusOf = async (id: string) =>
      (
        await t.ctx.db
          .selectFrom('appointments')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status;

    it('still holds the person’s place on its day, and no longer the day after', async () => {
      const citizen = await driverCitizen();
      const spare = await spareSlot(citizen);
      const past = (await book(citizen, { slot: spare.slot })).json().id as string;
      try {
        t.clock.set('2026-11-27T09:00:00+08:00');
        const [later] = await slots(citizen, LATER);
        expect((await book(citizen, { slot: later!.slot, date: LATER })).statusCode).toBe(409);

        t.clock.set(DAY_AFTER);
        const again = await book(citizen, { slot: later!.slot, date: LATER });
        expect(again.statusCode).toBe(201);
        expect(await statusOf(past)).toBe('lapsed');
        expect((await upcoming(citizen)).map((a) => a.id)).toEqual([again.json().id]);

        // Cancelling the past one leaves it as it was.
        const cancel = await t.app.inject({
          method: 'DELETE',
          url: `/api/v1/appointments/${past}`,
          headers: await as(citizen),
        });
        expect(cancel.statusCode).toBe(204);
        expect(await statusOf(past)).toBe('lapsed');
      } finally {
        t.clock.set();
      }
    });

    it('is no longer listed in /citizens/me', async () => {
      const citizen = await driverCitizen();
      const spare = await spareSlot(citizen);
      expect((await book(citizen, { slot: spare.slot })).statusCode).toBe(201);
      try {
        t.clock.set(DAY_AFTER);
        expect(await upcoming(citizen)).toEqual([]);
      } finally {
        t.clock.set();
      }
    });

    it('lets exactly one of two concurrent bookings of the same type through', async () => {
      const citizen = await driverCitizen();
      const spare = await spareSlot(citizen);
      const past = (await book(citizen, { slot: spare.slot })).json().id as string;
      try {
        t.clock.set(DAY_AFTER);
        const [a, b] = await slots(citizen, LATER);
        const headers = await as(citizen);
        const booking = (slot: string) =>
          t.app.inject({
            method: 'POST',
            url: '/api/v1/appointments',
            headers,
            payload: { outletCode: OFFICE, businessType: 'licence.renew', date: LATER, slot },
          });
        const answers = await Promise.all([booking(a!.slot), booking(b!.slot)]);
        expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
        expect(await statusOf(past)).toBe('lapsed');
        expect(await upcoming(citizen)).toHaveLength(1);
      } finally {
        t.clock.set();
      }
    });
  });

  describe('at an outlet that may not take the business (422)', () => {
    /** A new outlet of a category, open when the city office is. */
    async function outletOf(category: 'city-office' | 'dealer') {
      const outlet = await createOutlet(t.ctx.db, { category });
      await sql`UPDATE outlets SET hours = (SELECT hours FROM outlets WHERE code = ${OFFICE})
                 WHERE code = ${outlet.code}`.execute(t.ctx.db);
      return outlet.code;
    }

    it('lists no slots at a suspended outlet, refuses it with the reason, and lists them again once restored', async () => {
      const outletCode = await outletOf('city-office');
      const slotsAt = async (who: Parameters<typeof as>[0]) =>
        (
          await t.app.inject({
            url: `/api/v1/appointments/slots?outletCode=${outletCode}&date=${DAY}`,
            headers: await as(who),
          })
        ).json().items as unknown[];
      expect((await slotsAt('admin')).length).toBeGreaterThan(0);
      const suspend = await t.app.inject({
        method: 'POST',
        url: `/api/v1/outlets/${outletCode}/suspension`,
        headers: await as('admin'),
        payload: { reason: '整改期间' },
      });
      expect(suspend.statusCode).toBe(200);
      const citizen = await driverCitizen();
      const [first] = await slots(citizen);
      const res = await book(citizen, { outletCode, slot: first!.slot });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toContain('暂停');
      expect(res.json().error.message).toContain('整改期间');
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual(['outletCode']);
      expect(await upcoming(citizen)).toEqual([]);
      expect(await slotsAt(citizen)).toEqual([]);
      const restore = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/outlets/${outletCode}/suspension`,
        headers: await as('admin'),
      });
      expect(restore.statusCode).toBeLessThan(300);
      expect((await slotsAt(citizen)).length).toBeGreaterThan(0);
    });

    it('refuses a business type the outlet is not delegated, and takes one it is', async () => {
      const outletCode = await outletOf('dealer');
      const citizen = await driverCitizen();
      const [first] = await slots(citizen);
      const renew = await book(citizen, { outletCode, slot: first!.slot });
      expect(renew.statusCode).toBe(422);
      expect(renew.json().error.message).toContain('未获授权');
      expect(renew.json().error.details.map((d: { path: string }) => d.path)).toEqual([
        'businessType',
      ]);
      const tempPlate = await book(citizen, {
        outletCode,
        slot: first!.slot,
        businessType: 'vehicle.temp-plate',
      });
      expect(tempPlate.statusCode).toBe(201);
    });

    it('lists where a type can be booked by name and address, to citizens only', async () => {
      const dealer = await outletOf('dealer');
      const office = await outletOf('city-office');
      const closed = (await createOutlet(t.ctx.db, { category: 'city-office' })).code;
      const citizen = await driverCitizen();
      const where = async (businessType: string, headers?: Record<string, string>) =>
        await t.app.inject({
          url: `/api/v1/appointments/outlets?businessType=${businessType}`,
          headers: headers ?? (await as(citizen)),
        });
      const codes = async (businessType: string) =>
        ((await where(businessType)).json().items as { code: string }[]).map((o) => o.code);

      const renew = await where('licence.renew');
      expect(renew.statusCode).toBe(200);
      const items = renew.json().items as { code: string; name: string; address: string }[];
      expect(items.find((o) => o.code === OFFICE)).toMatchObject({
        name: expect.stringContaining('车辆管理所'),
        address: expect.stringMatching(/\S/),
      });
      // Not the dealer (not delegated renewals), the internet outlet, nor one keeping no hours.
      const renewCodes = items.map((o) => o.code);
      expect(renewCodes).toContain(office);
      expect(renewCodes).not.toContain(dealer);
      expect(renewCodes).not.toContain(closed);
      expect(renewCodes).not.toContain(INTERNET_CENTRE_CODE);
      expect(await codes('vehicle.temp-plate')).toContain(dealer);

      await t.app.inject({
        method: 'POST',
        url: `/api/v1/outlets/${office}/suspension`,
        headers: await as('admin'),
        payload: { reason: '整改期间' },
      });
      expect(await codes('licence.renew')).not.toContain(office);

      expect((await where('licence.renew', {})).statusCode).toBe(401);
      expect((await where('licence.renew', await as('clerk.city'))).statusCode).toBe(403);
      expect((await where('no.such-type')).statusCode).toBe(400);
    });
  });

  it('refuses to book the renewal of a long-term licence, which is never needed (R162 §62)', async () => {
    const licence = await createLicence(t.ctx.db, { validUntil: null });
    const citizen = await registerCitizen(t, { idNumber: licence.idNumber, name: licence.name });
    const spare = await spareSlot(citizen);
    const renew = await book(citizen, { slot: spare.slot });
    expect(renew.statusCode).toBe(422);
    expect(renew.json().error.message).toContain('长期有效');
    expect(renew.json().error.details).toEqual([
      { path: 'businessType', message: '驾驶证为长期有效，无需换证' },
    ]);
    expect(await upcoming(citizen)).toEqual([]);
    // A reissue is another matter.
    const reissue = await book(citizen, { slot: spare.slot, businessType: 'licence.reissue' });
    expect(reissue.statusCode).toBe(201);
  });

  it('answers an unknown appointment id, the nil UUID included, 404', async () => {
    const citizen = await driverCitizen();
    for (const id of ['00000000-0000-0000-0000-000000000000', crypto.randomUUID()]) {
      const res = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/appointments/${id}`,
        headers: await as(citizen),
      });
      expect(res.statusCode, id).toBe(404);
    }
  });

  it('lets only citizens book, for themselves, and limits bookings per account', async () => {
    const [first] = await slots('clerk.city');
    expect((await book('clerk.city', { slot: first!.slot })).statusCode).toBe(403);
    const citizen = await driverCitizen();
    const types = [
      'licence.renew',
      'licence.reissue',
      'vehicle.transfer',
      'vehicle.inspection-mark',
      'vehicle.licence-reissue',
      'fine.pay',
    ];
    const statuses: number[] = [];
    for (const businessType of types) {
      statuses.push((await book(citizen, { slot: first!.slot, businessType })).statusCode);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  });

  it('tells when the per-account booking limit frees a booking (Retry-After)', async () => {
    // The day's last slot with room for five: the tests before filled the first ones.
    const first = (await slots('clerk.city')).reverse().find((s) => s.left >= 5);
    const citizen = await driverCitizen();
    const types = [
      'licence.renew',
      'licence.reissue',
      'vehicle.transfer',
      'vehicle.inspection-mark',
      'vehicle.licence-reissue',
    ];
    try {
      // One booking now, four two hours later: the first leaves the 24 hours first.
      for (const [i, businessType] of types.entries()) {
        if (i === 1) t.clock.set('2026-11-26T12:00:00+08:00');
        const res = await book(citizen, { slot: first!.slot, businessType });
        expect(res.statusCode, res.body).toBe(201);
      }
      t.clock.set('2026-11-26T13:00:00+08:00');
      const limited = await book(citizen, { slot: first!.slot, businessType: 'fine.pay' });
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBe(String(21 * 3600));
      expect(limited.json().error.message).toContain('2026-11-27 10:00');
    } finally {
      t.clock.set();
    }
  });

  it('has no slots today or beyond the booking window, and refuses them (422)', async () => {
    // Today (no same-day booking) and a day beyond the booking window.
    expect(await slots('clerk.city', '2026-11-26')).toEqual([]);
    expect(await slots('clerk.city', '2027-06-01')).toEqual([]);
    const citizen = await driverCitizen();
    const res = await book(citizen, { slot: '03:00' });
    expect(res.statusCode).toBe(422);
  });

  it('offers an outlet’s extended session, and says why a day or slot cannot be booked', async () => {
    const post = await createOutlet(t.ctx.db, { category: 'post' });
    const hours = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/outlets/${post.code}/hours`,
      headers: await as('admin'),
      payload: {
        weekdays: [{ open: '09:00', close: '10:00' }],
        saturday: [],
        sunday: [],
        holidays: false,
        extendedUntil: '11:00',
      },
    });
    expect(hours.statusCode, hours.body).toBe(200);
    const citizen = await driverCitizen();
    const friday = await t.app.inject({
      url: `/api/v1/appointments/slots?outletCode=${post.code}&date=${DAY}`,
      headers: await as(citizen),
    });
    expect(friday.json().items.map((s: { slot: string }) => s.slot)).toEqual([
      '09:00',
      '09:30',
      '10:00',
      '10:30',
    ]);
    const cases = [
      { date: '2026-11-26', slot: '09:00', path: 'date', says: '明天' },
      { date: '2027-06-01', slot: '09:00', path: 'date', says: '日内' },
      { date: '2026-11-28', slot: '09:00', path: 'date', says: '不对外办公' },
      { date: DAY, slot: '13:00', path: 'slot', says: '09:00、09:30、10:00、10:30' },
    ];
    for (const c of cases) {
      const res = await book(citizen, {
        outletCode: post.code,
        businessType: 'licence.reissue',
        date: c.date,
        slot: c.slot,
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.message, c.date).toContain(c.says);
      expect(res.json().error.details[0].path, c.date).toBe(c.path);
    }
    const online = await book(citizen, { outletCode: INTERNET_CENTRE_CODE, slot: '09:00' });
    expect(online.statusCode).toBe(422);
    expect(online.json().error.details[0].path).toBe('outletCode');
  });

  it('answers another city’s outlet as unknown', async () => {
    await createOutlet(t.ctx.db, { category: 'city-office', countyCode: GUIYANG.countyCode });
    const gy = await createUser(t.ctx.db, {
      roles: ['admin'],
      scope: { level: 'city', code: GUIYANG.cityCode },
    });
    const res = await t.app.inject({
      url: `/api/v1/appointments/slots?outletCode=${OFFICE}&date=${DAY}`,
      headers: await as(gy),
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('a violation handled online (学法免分 from home starts here)', () => {
  it('records the penalty through the internet channel, and the driver rates it', async () => {
    const licence = await createLicence(t.ctx.db);
    const car = await createVehicle(t.ctx.db, {
      ownerIdNumber: licence.idNumber,
      ownerName: licence.name,
    });
    const record = await createViolation(t.ctx.db, { plate: car.plate });
    const citizen = await registerCitizen(t, { idNumber: licence.idNumber, name: licence.name });
    const res = await submit(citizen, {
      businessType: 'violation.handle',
      applicant: { idNumber: licence.idNumber, name: licence.name, phone: citizen.username },
      data: { violationId: record.id },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'completed', channel: 'internet' });
    const row = await t.ctx.db
      .selectFrom('violations')
      .select(['status', 'handled_channel', 'handled_by'])
      .where('id', '=', record.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      status: 'handled',
      handled_channel: 'internet',
      handled_by: licence.idNumber,
    });
    const me = (
      await t.app.inject({ url: '/api/v1/citizens/me', headers: await as(citizen) })
    ).json();
    expect(me.licence.cycle.points).toBe(6);
    const rating = await t.app.inject({
      method: 'POST',
      url: `/api/v1/applications/${res.json().id}/rating`,
      headers: await as(citizen),
      payload: { score: 5 },
    });
    expect(rating.statusCode).toBe(201);
  });
});

describe('someone else’s vehicle handled online (12123 非本人机动车备案)', () => {
  it('wants the vehicle bound, and takes only point records made after the binding', async () => {
    t.clock.set('2026-11-26T10:00:00+08:00');
    const licence = await createLicence(t.ctx.db);
    const car = await createVehicle(t.ctx.db);
    const waiting = await createViolation(t.ctx.db, { plate: car.plate });
    const citizen = await registerCitizen(t, { idNumber: licence.idNumber, name: licence.name });
    const handle = async (violationId: string) =>
      await submit(citizen, {
        businessType: 'violation.handle',
        applicant: { idNumber: licence.idNumber, name: licence.name, phone: citizen.username },
        data: { violationId },
      });
    const unbound = await handle(waiting.id);
    expect(unbound.statusCode).toBe(422);
    expect(unbound.json().refusal.items).toEqual([
      expect.objectContaining({
        code: 'VEHICLE_NOT_BOUND',
        legalBasis: '互联网交通安全综合服务管理平台（12123）使用规则',
      }),
    ]);
    expect((await bind(await as(citizen), car.plate!)).statusCode).toBe(201);
    const before = await handle(waiting.id);
    expect(before.statusCode).toBe(422);
    expect(before.json().refusal.items.map((i: { code: string }) => i.code)).toEqual([
      'RECORD_BEFORE_BINDING',
    ]);
    t.clock.set('2026-11-27T10:00:00+08:00');
    const made = await createViolation(t.ctx.db, {
      plate: car.plate,
      occurredAt: '2026-11-26T18:30:00+08:00',
    });
    const after = await handle(made.id);
    expect(after.statusCode).toBe(201);
    expect(after.json()).toMatchObject({ channel: 'internet', result: { points: 6 } });
    // At a window the clerk checks who drove: the older record is taken there.
    const window = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: await as('clerk.police'),
      payload: {
        businessType: 'violation.handle',
        applicant: { idNumber: licence.idNumber, name: licence.name, phone: '13800000001' },
        data: { violationId: waiting.id },
      },
    });
    expect(window.statusCode).toBe(201);
  });

  it('takes no binding of the car that carried the number before (R164 §43)', async () => {
    t.clock.set('2026-11-26T10:00:00+08:00');
    const licence = await createLicence(t.ctx.db);
    const earlier = await createVehicle(t.ctx.db);
    const citizen = await registerCitizen(t, { idNumber: licence.idNumber, name: licence.name });
    expect((await bind(await as(citizen), earlier.plate)).statusCode).toBe(201);
    // The bound car gives its number up; the next day the number is drawn for another car.
    await t.ctx.db
      .updateTable('vehicles')
      .set({ plate: null })
      .where('vin', '=', earlier.vin)
      .execute();
    const later = await createVehicle(t.ctx.db, { plate: earlier.plate });
    await t.ctx.db
      .insertInto('vehicle_events')
      .values({
        city_code: '520300',
        vin: later.vin,
        at: new Date('2026-11-27T09:00:00+08:00'),
        event: 'registered',
        status_from: null,
        status_to: 'normal',
        plate: earlier.plate,
        application_id: null,
        actor: 'test',
        details: '{}',
      })
      .execute();
    t.clock.set('2026-11-28T10:00:00+08:00');
    const made = await createViolation(t.ctx.db, {
      plate: earlier.plate,
      occurredAt: '2026-11-27T18:30:00+08:00',
    });
    const res = await submit(citizen, {
      businessType: 'violation.handle',
      applicant: { idNumber: licence.idNumber, name: licence.name, phone: citizen.username },
      data: { violationId: made.id },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().refusal.items.map((i: { code: string }) => i.code)).toEqual([
      'VEHICLE_NOT_BOUND',
    ]);
  });
});

describe('violations online', () => {
  it('lets a citizen list its own records, and no one else’s', async () => {
    const licence = await createLicence(t.ctx.db);
    const car = await createVehicle(t.ctx.db, {
      ownerIdNumber: licence.idNumber,
      ownerName: licence.name,
    });
    const record = await createViolation(t.ctx.db, { plate: car.plate, cityCode: '520300' });
    const other = await createVehicle(t.ctx.db);
    await createViolation(t.ctx.db, { plate: other.plate, cityCode: '520300' });
    const citizen = await registerCitizen(t, { idNumber: licence.idNumber, name: licence.name });
    const read = async (query: string) =>
      await t.app.inject({ url: `/api/v1/violations${query}`, headers: await as(citizen) });
    const own = await read(`?idNumber=${licence.idNumber}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().items.map((v: { id: string }) => v.id)).toEqual([record.id]);
    expect((await read(`?idNumber=${other.ownerIdNumber}`)).statusCode).toBe(403);
    expect((await read(`?plate=${encodeURIComponent(other.plate!)}`)).statusCode).toBe(403);
  });

  it('lets a driver see its own record via /citizens/me only', async () => {
    const licence = await createLicence(t.ctx.db);
    const car = await createVehicle(t.ctx.db, {
      ownerIdNumber: licence.idNumber,
      ownerName: licence.name,
    });
    await createViolation(t.ctx.db, { plate: car.plate, cityCode: '520300' });
    const citizen = await registerCitizen(t, { idNumber: licence.idNumber, name: licence.name });
    const me = await t.app.inject({ url: '/api/v1/citizens/me', headers: await as(citizen) });
    expect(me.json().vehicles).toEqual([{ plate: car.plate, own: true }]);
  });
});
