import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createTestApp,
  DEMO_PASSWORD,
  detailPaths,
  type TestApp,
} from '../../../test/support/app.ts';
import { createOutlet, createUser } from '../../../test/support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const NEW_PASSWORD = 'a-long-new-password';

async function call(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
  as: { username: string; password?: string } = { username: 'admin' },
) {
  return await t.app.inject({
    method,
    url,
    headers: bearer(await t.login(as.username, as.password)),
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

let serial = 0;
const newClerk = (outlet = '520302-CO-001') => ({
  username: `clerk.new${++serial}`,
  displayName: '新窗口民警',
  roles: ['clerk'],
  scope: { level: 'outlet', code: outlet },
  password: NEW_PASSWORD,
});

const auditOf = async (action: string, username: string) =>
  await t.ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .where(sql<string>`details->>'username'`, '=', username)
    .execute();

describe('listing staff', () => {
  it('pages through the city’s users in username order with a keyset cursor', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res = await call('GET', `/api/v1/users?limit=4${after ? `&after=${after}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: { username: string }[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((u) => u.username));
      after = page.nextCursor;
    } while (after);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(['admin', 'clerk.city', 'sup.county', 'sup.city']));
  });

  it('shows each user with roles, outlet and scope, and finds by name', async () => {
    const { items } = (await call('GET', '/api/v1/users?q=clerk.dealer')).json();
    expect(items).toEqual([
      {
        username: 'clerk.dealer',
        displayName: '4S店服务站专员',
        roles: ['clerk'],
        outletCode: '520303-DL-001',
        outletName: expect.any(String),
        scope: { level: 'outlet', code: '520303-DL-001' },
        active: true,
        // An instant with its offset, as every instant of the API (CONTRACT.md), not UTC's `Z`.
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/),
      },
    ]);
    expect((await call('GET', '/api/v1/users/sup.county')).json()).toMatchObject({
      scope: { level: 'county', code: '520322' },
      outletCode: null,
    });
    expect((await call('GET', '/api/v1/users/nobody')).statusCode).toBe(404);
  });
});

describe('creating staff', () => {
  it('creates a clerk who can log in at once; the audit record holds no password', async () => {
    const body = newClerk();
    const res = await call('POST', '/api/v1/users', body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      username: body.username,
      outletCode: '520302-CO-001',
      active: true,
    });
    const token = await t.login(body.username, NEW_PASSWORD);
    const me = await t.app.inject({ url: '/api/v1/me', headers: bearer(token) });
    expect(me.json()).toMatchObject({ username: body.username, outletCode: '520302-CO-001' });
    const [record] = await auditOf('user.created', body.username);
    expect(record?.actor).toBe('admin');
    expect(JSON.stringify(record?.details)).not.toContain(NEW_PASSWORD);
    expect(JSON.stringify(record?.details)).not.toContain('scrypt');
  });

  it('places supervisors in a county or the city', async () => {
    const res = await call('POST', '/api/v1/users', {
      ...newClerk(),
      roles: ['supervisor'],
      scope: { level: 'county', code: '520322' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ outletCode: null, scope: { level: 'county' } });
  });

  it('rejects bad input with the path of every bad field', async () => {
    const res = await call('POST', '/api/v1/users', {
      username: '9Bad Name',
      roles: [],
      scope: { level: 'planet', code: '' },
      password: 'short',
    });
    expect(res.statusCode).toBe(400);
    expect(detailPaths(res)).toEqual([
      'displayName',
      'password',
      'roles',
      'scope.code',
      'scope.level',
      'username',
    ]);
  });

  it('requires the scope each role works at', async () => {
    const clerkInCity = await call('POST', '/api/v1/users', {
      ...newClerk(),
      scope: { level: 'city', code: '520300' },
    });
    expect(clerkInCity.statusCode).toBe(400);
    expect(detailPaths(clerkInCity)).toEqual(['scope.level']);
    const adminAtOutlet = await call('POST', '/api/v1/users', { ...newClerk(), roles: ['admin'] });
    expect(detailPaths(adminAtOutlet)).toEqual(['scope.level']);
    // Read by a person: the roles and the level by name, not by code.
    const [detail] = adminAtOutlet.json().error.details as { message: string }[];
    expect(detail!.message).toMatch(/^管理员不能使用网点级数据权限/);
    expect(detail!.message).not.toMatch(/admin|outlet/);
  });

  it('refuses a place that does not exist (400) and a taken username (409)', async () => {
    const unknown = await call('POST', '/api/v1/users', newClerk('NO-SUCH-OUTLET'));
    expect(unknown.statusCode).toBe(400);
    expect(detailPaths(unknown)).toEqual(['scope.code']);
    const county = await call('POST', '/api/v1/users', {
      ...newClerk(),
      roles: ['supervisor'],
      scope: { level: 'county', code: '520300' }, // the city, not a county
    });
    expect(detailPaths(county)).toEqual(['scope.code']);
    const taken = await call('POST', '/api/v1/users', { ...newClerk(), username: 'clerk.city' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('CONFLICT');
  });

  it('keeps an administrator to its own city', async () => {
    const guiyang = await createOutlet(t.ctx.db, { category: 'dealer', countyCode: '520102' });
    const res = await call('POST', '/api/v1/users', newClerk(guiyang.code));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });
});

describe('changing staff', () => {
  it('edits name, roles and scope together, and audits before and after', async () => {
    const body = newClerk();
    await call('POST', '/api/v1/users', body);
    const res = await call('PUT', `/api/v1/users/${body.username}`, {
      displayName: '桐梓监管员',
      roles: ['supervisor'],
      scope: { level: 'county', code: '520322' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      displayName: '桐梓监管员',
      roles: ['supervisor'],
      outletCode: null,
      scope: { level: 'county', code: '520322' },
    });
    const [record] = await auditOf('user.updated', body.username);
    expect(record?.details).toMatchObject({
      before: { roles: ['clerk'], scope: { level: 'outlet', code: '520302-CO-001' } },
      after: { roles: ['supervisor'], scope: { level: 'county', code: '520322' } },
    });
    const missing = await call('PUT', '/api/v1/users/nobody', {
      displayName: 'x',
      roles: ['supervisor'],
      scope: { level: 'city', code: '520300' },
    });
    expect(missing.statusCode).toBe(404);
  });

  it('deactivates a user, whose token stops working at once, and reactivates it', async () => {
    const body = newClerk();
    await call('POST', '/api/v1/users', body);
    const token = await t.login(body.username, NEW_PASSWORD);
    // Used once, so the authentication cache holds the user when it is deactivated.
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(
      200,
    );
    const off = await call('POST', `/api/v1/users/${body.username}/deactivation`);
    expect(off.json()).toMatchObject({ active: false });
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(
      401,
    );
    const on = await call('DELETE', `/api/v1/users/${body.username}/deactivation`);
    expect(on.json()).toMatchObject({ active: true });
    // Deactivation ended the session for good: the user logs in again after reactivation.
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(
      401,
    );
    const again = await t.login(body.username, NEW_PASSWORD);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer(again) })).statusCode).toBe(
      200,
    );
    expect(await auditOf('user.deactivated', body.username)).toHaveLength(1);
    expect(await auditOf('user.reactivated', body.username)).toHaveLength(1);
  });

  it('applies a change of roles and scope on the user’s next request', async () => {
    const body = newClerk();
    await call('POST', '/api/v1/users', body);
    const token = await t.login(body.username, NEW_PASSWORD);
    const me = async () =>
      (await t.app.inject({ url: '/api/v1/me', headers: bearer(token) })).json();
    expect(await me()).toMatchObject({ roles: ['clerk'], outletCode: '520302-CO-001' });
    const changed = await call('PUT', `/api/v1/users/${body.username}`, {
      displayName: '桐梓监管员',
      roles: ['supervisor'],
      scope: { level: 'county', code: '520322' },
    });
    expect(changed.statusCode).toBe(200);
    expect(await me()).toMatchObject({
      roles: ['supervisor'],
      outletCode: null,
      scope: { level: 'county', code: '520322' },
    });
  });

  it('resets a password: the old one and every session stop working, a short one is refused', async () => {
    const body = newClerk();
    await call('POST', '/api/v1/users', body);
    const token = await t.login(body.username, NEW_PASSWORD);
    const me = async (bearerToken: string) =>
      (await t.app.inject({ url: '/api/v1/me', headers: bearer(bearerToken) })).statusCode;
    expect(await me(token)).toBe(200); // cached, as a working clerk's user is
    const short = await call('PUT', `/api/v1/users/${body.username}/password`, {
      password: 'short',
    });
    expect(detailPaths(short)).toEqual(['password']);
    const res = await call('PUT', `/api/v1/users/${body.username}/password`, {
      password: 'the-reset-password',
    });
    expect(res.statusCode).toBe(204);
    await expect(t.login(body.username, NEW_PASSWORD)).rejects.toThrow(/401/);
    // Whoever held the old password may have logged in with it: that session is over too.
    expect(await me(token)).toBe(401);
    expect(await me(await t.login(body.username, 'the-reset-password'))).toBe(200);
    expect(await auditOf('user.password-reset', body.username)).toHaveLength(1);
  });

  it('does not let an administrator lock itself out', async () => {
    const self = await call('POST', '/api/v1/users/admin/deactivation');
    expect(self.statusCode).toBe(403);
    const demote = await call('PUT', '/api/v1/users/admin', {
      displayName: '系统管理员',
      roles: ['supervisor'],
      scope: { level: 'city', code: '520300' },
    });
    expect(demote.statusCode).toBe(403);
  });
});

describe('who may manage staff', () => {
  it('is an administrator only', async () => {
    for (const username of ['sup.city', 'clerk.city']) {
      for (const [method, url, payload] of [
        ['GET', '/api/v1/users'],
        ['GET', '/api/v1/users/clerk.dealer'],
        ['POST', '/api/v1/users', newClerk()],
        ['PUT', '/api/v1/users/clerk.dealer/password', { password: 'another-password' }],
        ['POST', '/api/v1/users/clerk.dealer/deactivation'],
      ] as const) {
        const res = await call(method, url, payload, { username, password: DEMO_PASSWORD });
        expect(res.statusCode, `${username} ${method} ${url}`).toBe(403);
      }
    }
  });

  it('is the administrator of the user’s city, not of another', async () => {
    const other = await createUser(t.ctx.db, {
      roles: ['admin'],
      scope: { level: 'city', code: '520100' },
    });
    const guiyang = await createOutlet(t.ctx.db, { category: 'bank', countyCode: '520102' });
    const theirs = await createUser(t.ctx.db, { roles: ['clerk'], outletCode: guiyang.code });

    const list = (await call('GET', '/api/v1/users?limit=200', undefined, other)).json();
    expect(list.items.map((u: { username: string }) => u.username).sort()).toEqual(
      [other.username, theirs.username].sort(),
    );
    expect(
      (await call('GET', `/api/v1/users/${theirs.username}`, undefined, other)).statusCode,
    ).toBe(200);
    for (const [method, url, payload] of [
      ['GET', '/api/v1/users/clerk.city'],
      ['PUT', '/api/v1/users/clerk.city/password', { password: 'another-password' }],
      ['POST', '/api/v1/users/clerk.city/deactivation'],
      [
        'PUT',
        '/api/v1/users/clerk.city',
        { displayName: 'x', roles: ['clerk'], scope: { level: 'outlet', code: guiyang.code } },
      ],
    ] as const) {
      const res = await call(method, url, payload, other);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    // Nor can the Zunyi administrator see or move Guiyang's clerk.
    expect((await call('GET', `/api/v1/users/${theirs.username}`)).statusCode).toBe(403);
  });
});
