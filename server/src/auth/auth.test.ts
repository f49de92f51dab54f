import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  DEMO_PASSWORD,
  detailPaths,
  type TestApp,
} from '../../../test/support/app.ts';
import { registerCitizen } from '../../../test/support/citizens.ts';
import { createLicence } from '../../../test/support/factories.ts';
import { buildApp } from '../app/server.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { USER_TTL_MS } from './user-cache.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const login = (username: string, password: string, ip = '10.0.0.1') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });

describe('login', () => {
  it('returns a token and the CONTRACT user object', async () => {
    const res = await login('clerk.dealer', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.token).toEqual(expect.any(String));
    expect(body.user).toMatchObject({
      username: 'clerk.dealer',
      roles: ['clerk'],
      outletCode: '520303-DL-001',
    });
    const me = await t.app.inject({ url: '/api/v1/me', headers: bearer(body.token) });
    expect(me.json()).toEqual(body.user);
  });

  it('gives the same 401 for a wrong password and an unknown user', async () => {
    const wrong = await login('admin', 'not-the-password', '10.0.0.2');
    const unknown = await login('nobody', 'not-the-password', '10.0.0.2');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('backs off an account after repeated failures, except where it is known, and says when to retry', async () => {
    t.clock.set();
    // sup.city has worked from 10.0.0.5 before.
    expect((await login('sup.city', DEMO_PASSWORD, '10.0.0.5')).statusCode).toBe(200);
    for (let i = 0; i < 5; i++)
      expect((await login('sup.city', 'bad', '10.0.0.3')).statusCode).toBe(401);
    const blocked = await login('sup.city', DEMO_PASSWORD, '10.0.0.3');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Elsewhere the account is held back too, but not where it is known.
    expect((await login('sup.city', DEMO_PASSWORD, '10.0.0.4')).statusCode).toBe(429);
    expect((await login('sup.city', DEMO_PASSWORD, '10.0.0.5')).statusCode).toBe(200);
    // The back-off passes; the next failure starts a longer one.
    t.clock.set('2026-11-26T10:01:00+08:00');
    expect((await login('sup.city', 'bad', '10.0.0.3')).statusCode).toBe(401);
    expect((await login('sup.city', DEMO_PASSWORD, '10.0.0.3')).statusCode).toBe(429);
    t.clock.set('2026-11-26T10:16:00+08:00');
    expect((await login('sup.city', DEMO_PASSWORD, '10.0.0.3')).statusCode).toBe(200);
    t.clock.set();
  });

  it('throttles an address that guesses many accounts, but not the accounts known there', async () => {
    t.clock.set();
    expect((await login('admin', DEMO_PASSWORD, '10.0.0.7')).statusCode).toBe(200);
    for (let i = 0; i < 30; i++) {
      expect((await login(`guess.${i}`, 'bad', '10.0.0.7')).statusCode).toBe(401);
    }
    expect((await login('clerk.bank', DEMO_PASSWORD, '10.0.0.7')).statusCode).toBe(429);
    // The administrator behind the same address still gets in with the right password.
    expect((await login('admin', DEMO_PASSWORD, '10.0.0.7')).statusCode).toBe(200);
  });

  it('keeps what it counted across a restart (in the database)', async () => {
    t.clock.set();
    for (let i = 0; i < 5; i++) await login('sup.county', 'bad', '10.0.0.8');
    const again = await buildApp(t.ctx); // a new process on the same database
    try {
      const res = await again.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'sup.county', password: DEMO_PASSWORD },
        remoteAddress: '10.0.0.8',
      });
      expect(res.statusCode).toBe(429);
    } finally {
      await again.close();
    }
  });

  it("counts a citizen's failures against the account, whichever of its names is typed", async () => {
    t.clock.set();
    const citizen = await registerCitizen(t, await createLicence(t.ctx.db));
    for (let i = 0; i < 3; i++)
      expect((await login(citizen.username, 'bad', '10.1.0.1')).statusCode).toBe(401);
    for (let i = 0; i < 2; i++)
      expect((await login(citizen.idNumber, 'bad', '10.1.0.1')).statusCode).toBe(401);
    // Five guesses in all: neither name gets more, here or elsewhere.
    for (const [name, ip] of [
      [citizen.idNumber, '10.1.0.1'],
      [citizen.username, '10.1.0.1'],
      [citizen.idNumber, '10.1.0.2'],
    ] as const) {
      const res = await login(name, citizen.password, ip);
      expect(res.statusCode).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('throttles a name that names no account as an account, with the same answers', async () => {
    t.clock.set();
    for (let i = 0; i < 6; i++) {
      const known = await login('clerk.insurer', 'bad', '10.1.0.3');
      const unknown = await login('nobody.here', 'bad', '10.1.0.4');
      expect([unknown.statusCode, unknown.headers['retry-after']]).toEqual([
        known.statusCode,
        known.headers['retry-after'],
      ]);
      expect(unknown.json()).toEqual(known.json());
      expect(known.statusCode).toBe(i < 5 ? 401 : 429);
    }
  });

  it('checks no more passwords than the limit allows when the guesses come at once', async () => {
    t.clock.set();
    const citizen = await registerCitizen(t, await createLicence(t.ctx.db));
    // The answers' statuses, sorted; each 429 says when to retry.
    const codes = async (attempts: ReturnType<typeof login>[]) => {
      const answers = await Promise.all(attempts);
      for (const res of answers.filter((r) => r.statusCode === 429)) {
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
      return answers.map((r) => r.statusCode).sort();
    };
    const fiveChecked = [...Array(5).fill(401), ...Array(5).fill(429)];
    // One account from one address, from ten addresses, and by both of a citizen's names.
    const range = Array.from({ length: 10 }, (_, i) => i);
    expect(await codes(range.map(() => login('clerk.post', 'bad', '10.1.0.5')))).toEqual(
      fiveChecked,
    );
    expect(await codes(range.map((i) => login('clerk.station', 'bad', `10.1.1.${i}`)))).toEqual(
      fiveChecked,
    );
    expect(await codes(range.map(() => login('nobody.at.all', 'bad', '10.1.0.6')))).toEqual(
      fiveChecked,
    );
    const names = [citizen.username, citizen.idNumber];
    expect(await codes(range.map((i) => login(names[i % 2]!, 'bad', '10.1.0.7')))).toEqual(
      fiveChecked,
    );
    // An address guessing many accounts at once: 30 guesses, not one more.
    const many = await codes(
      Array.from({ length: 40 }, (_, i) => login(`guess.at.once.${i}`, 'bad', '10.1.0.8')),
    );
    expect(many.filter((code) => code === 401)).toHaveLength(30);
  });

  it('lets every right password in when many logins of one account come at once', async () => {
    t.clock.set();
    // A partner's workers, or a test suite run in parallel, logging in with one account: each
    // attempt counts as a failure until its password is checked, which blocked the sixth and
    // later ones (429) while the first five were still being checked.
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => login('clerk.hospital', DEMO_PASSWORD, '10.1.0.9')),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(Array(12).fill(200));
    // Wrong passwords at once are still checked no more than five times (as above).
    const wrong = await Promise.all(
      Array.from({ length: 8 }, () => login('clerk.hospital', 'bad', '10.1.0.9')),
    );
    expect(wrong.map((r) => r.statusCode).sort()).toEqual([
      ...Array(5).fill(401),
      ...Array(3).fill(429),
    ]);
  });

  it('rejects an empty body with field paths', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: {} });
    expect(res.statusCode).toBe(400);
    expect(detailPaths(res)).toEqual(['password', 'username']);
  });
});

describe('tokens', () => {
  it('requires a token everywhere but health, login and verification', async () => {
    expect((await t.app.inject({ url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/outlets' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/health' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/api/v1/verify/abc' })).statusCode).toBe(200);
  });

  it('rejects a forged, altered or expired token', async () => {
    const token = (await login('admin', DEMO_PASSWORD, '10.0.0.9')).json().token as string;
    const [id, version, exp, sig] = token.split('.');
    // Used once, its signature is remembered (token-cache.ts): none of the below may profit.
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(
      200,
    );
    // A token signed with the key but with an expiry no login ever issues, or another version.
    const signed = (v: string, expiry: string) =>
      `${id}.${v}.${expiry}.${t.ctx.signer.sign('login', `${id}.${v}.${expiry}`)}`;
    const forever = (expiry: string) => signed(version!, expiry);
    for (const bad of [
      `${Number(id) + 1}.${version}.${exp}.${sig}`,
      `${id}.${version}.${Number(exp) + 1000}.${sig}`,
      `${id}.${Number(version) + 1}.${exp}.${sig}`,
      signed(String(Number(version) + 1), exp!),
      `${id}.${exp}.${sig}`,
      'garbage',
      `${id}.${version}.${exp}.AAAA`,
      `${token}.x`,
      `${token}.`,
      forever('9999999999'),
      forever(String(Math.floor(Date.parse('2126-01-01') / 1000))),
      forever('Infinity'),
    ]) {
      expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(bad) })).statusCode).toBe(
        401,
      );
    }
    t.clock.set('2026-11-27T10:00:01+08:00'); // 24 h later
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(
      401,
    );
    t.clock.set();
  });

  it('applies a deactivation made outside the user service once the cached user expires', async () => {
    const token = await t.login('clerk.exam');
    const me = () => t.app.inject({ url: '/api/v1/me', headers: bearer(token) });
    expect((await me()).statusCode).toBe(200); // the user is cached now
    await t.ctx.db
      .updateTable('users')
      .set({ active: false })
      .where('username', '=', 'clerk.exam')
      .execute();
    // SQL by hand (or another process) is not seen before the cached user expires…
    expect((await me()).statusCode).toBe(200);
    // …and is refused from then on.
    t.clock.set(new Date(t.clock.now().getTime() + USER_TTL_MS).toISOString());
    expect((await me()).statusCode).toBe(401);
    t.clock.set();
    expect((await me()).statusCode).toBe(401);
  });
});

describe('password hashing', () => {
  it('uses salted scrypt and verifies only the right password', async () => {
    const a = await hashPassword('s3cret-pass');
    const b = await hashPassword('s3cret-pass');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('s3cret-pass', a)).toBe(true);
    expect(await verifyPassword('s3cret-pasS', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });
});
