import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';

/**
 * The permission matrix: every protected endpoint × every kind of account, including the
 * denials. Status 200/201/204/422 mean "allowed" (the request got past authorisation);
 * 403 means refused by role or scope.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const USERS = [
  'admin',
  'sup.city',
  'sup.county',
  'clerk.city',
  'clerk.dealer',
  'clerk.post',
] as const;
type User = (typeof USERS)[number];
const ALLOWED = 'allowed';
const DENIED = 403;

interface Case {
  name: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  payload?: unknown;
  contentType?: string;
  expect: Record<User, typeof ALLOWED | typeof DENIED>;
}

const all = (v: typeof ALLOWED | typeof DENIED) =>
  Object.fromEntries(USERS.map((u) => [u, v])) as Case['expect'];
const adminAndSupervisors = {
  ...all(DENIED),
  admin: ALLOWED,
  'sup.city': ALLOWED,
  'sup.county': ALLOWED,
} as Case['expect'];
const adminOnly = { ...all(DENIED), admin: ALLOWED } as Case['expect'];

const CASES: Case[] = [
  { name: 'list outlets', url: '/api/v1/outlets', expect: adminAndSupervisors },
  {
    name: 'outlet in Tongzi county',
    url: '/api/v1/outlets/520322-KO-001',
    expect: adminAndSupervisors,
  },
  {
    name: 'outlet outside Tongzi',
    url: '/api/v1/outlets/520302-CO-001',
    expect: { ...adminAndSupervisors, 'sup.county': DENIED },
  },
  { name: 'network summary', url: '/api/v1/network/summary', expect: adminAndSupervisors },
  { name: 'agreements', url: '/api/v1/agreements', expect: adminAndSupervisors },
  { name: 'delegation matrix', url: '/api/v1/delegation/matrix', expect: adminAndSupervisors },
  { name: 'policies', url: '/api/v1/policies', expect: adminAndSupervisors },
  { name: 'catalog', url: '/api/v1/catalog/business-types', expect: all(ALLOWED) },
  { name: 'calendar', url: '/api/v1/calendar?year=2026', expect: all(ALLOWED) },
  {
    name: 'grant to an outlet',
    method: 'PUT',
    url: '/api/v1/outlets/520303-DL-002/grants/vehicle.transfer',
    payload: {},
    expect: adminOnly,
  },
  {
    name: 'withdraw from an outlet',
    method: 'DELETE',
    url: '/api/v1/outlets/520303-DL-003/grants/vehicle.register',
    expect: adminOnly,
  },
  {
    name: 'grant to a category',
    method: 'PUT',
    url: '/api/v1/delegation/categories/insurer/grants/licence.reissue',
    payload: {},
    expect: adminOnly,
  },
  {
    name: 'add a policy version',
    method: 'POST',
    url: '/api/v1/policies',
    payload: { key: 'temp-plate.export.max-days', value: 30, effectiveFrom: '2030-01-01' },
    expect: adminOnly,
  },
  {
    name: 'set a calendar day',
    method: 'PUT',
    url: '/api/v1/calendar/2030-01-01',
    payload: { kind: 'holiday', name: '元旦' },
    expect: adminOnly,
  },
  {
    name: 'import vehicles',
    method: 'POST',
    url: '/api/v1/imports/vehicles',
    payload: '',
    contentType: 'application/x-ndjson',
    expect: adminOnly,
  },
  {
    name: 'import outlets',
    method: 'POST',
    url: '/api/v1/imports/outlets',
    payload: '',
    contentType: 'application/x-ndjson',
    expect: adminOnly,
  },
  { name: 'list staff', url: '/api/v1/users', expect: adminOnly },
  { name: 'read a staff account', url: '/api/v1/users/clerk.post', expect: adminOnly },
  {
    name: 'read a vehicle of Honghuagang',
    url: '/api/v1/vehicles/by-plate/贵CA8830',
    expect: { ...all(ALLOWED), 'sup.county': DENIED },
  },
  {
    name: 'submit an application',
    method: 'POST',
    url: '/api/v1/applications',
    payload: {
      businessType: 'vehicle.licence-reissue',
      applicant: { idNumber: '520302199003070015', name: '张三' },
      data: { plate: '贵CZ0001' },
    },
    expect: {
      ...all(DENIED),
      'clerk.city': ALLOWED,
      'clerk.dealer': ALLOWED,
      'clerk.post': ALLOWED,
    },
  },
  { name: 'list applications', url: '/api/v1/applications', expect: all(ALLOWED) },
];

describe('permission matrix', () => {
  for (const c of CASES) {
    for (const user of USERS) {
      it(`${c.name}: ${user} → ${c.expect[user]}`, async () => {
        const res = await t.app.inject({
          method: c.method ?? 'GET',
          url: encodeURI(c.url),
          headers: {
            ...bearer(await t.login(user)),
            ...(c.contentType ? { 'content-type': c.contentType } : {}),
          },
          ...(c.payload !== undefined ? { payload: c.payload as string } : {}),
        });
        if (c.expect[user] === DENIED) {
          expect(res.statusCode).toBe(403);
          expect(res.json().error.code).toBe('FORBIDDEN');
        } else {
          expect([200, 201, 204, 422]).toContain(res.statusCode);
        }
      });
    }
  }
});

describe('the outlet suspension endpoints', () => {
  it('are for administrators only', async () => {
    for (const user of ['sup.city', 'clerk.city', 'clerk.dealer']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/outlets/520303-DL-001/suspension',
        headers: bearer(await t.login(user)),
        payload: { reason: '测试' },
      });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('identity numbers', () => {
  it('are shown in full to police windows and masked for social outlets and supervisors', async () => {
    const read = async (user: string) =>
      (
        await t.app.inject({
          url: encodeURI('/api/v1/vehicles/by-plate/贵CA8830'),
          headers: bearer(await t.login(user)),
        })
      ).json().owner.idNumber;
    expect(await read('clerk.city')).toBe('520302198505120110');
    expect(await read('admin')).toBe('520302198505120110');
    expect(await read('clerk.dealer')).toBe('520302********0110');
    expect(await read('sup.city')).toBe('520302********0110');
  });
});
