import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { registerCitizen } from '../../../test/support/citizens.ts';
import { createLicence } from '../../../test/support/factories.ts';

/**
 * CONTRACT: "authenticated but not allowed → 403". A caller whose role may not use a write
 * endpoint is refused before its body is looked at: an empty or invalid body gets 403, not 400
 * with the field details (the route's `config.allow`, see auth-hook.ts).
 */
let t: TestApp;
let citizen: { username: string; password: string };
beforeAll(async () => {
  t = await createTestApp();
  const licence = await createLicence(t.ctx.db);
  citizen = await registerCitizen(t, { idNumber: licence.idNumber, name: licence.name });
});
afterAll(async () => t.close());

const ID = '0190a000-0000-7000-8000-000000000000';
/** The write endpoints a tester found answering 400 to callers not allowed (report 4, §4). */
const WRITES: [method: 'POST' | 'PUT' | 'DELETE', url: string][] = [
  ['POST', '/api/v1/users'],
  ['PUT', '/api/v1/users/clerk.post'],
  ['PUT', '/api/v1/users/clerk.post/password'],
  ['POST', '/api/v1/policies'],
  ['PUT', '/api/v1/calendar/2027-01-01'],
  ['PUT', '/api/v1/outlets/520303-DL-001/grants/vehicle.transfer'],
  ['PUT', '/api/v1/delegation/categories/dealer/grants/vehicle.transfer'],
  ['DELETE', '/api/v1/delegation/categories/dealer/grants/vehicle.transfer'],
  ['POST', '/api/v1/outlets/520303-DL-001/suspension'],
  ['DELETE', '/api/v1/outlets/520303-DL-001/suspension'],
  ['POST', '/api/v1/vehicles/LSVA00014CA100000/flags'],
  ['POST', '/api/v1/inspections'],
  ['POST', '/api/v1/medical-certificates'],
  ['POST', '/api/v1/exam-results'],
  ['POST', '/api/v1/exam-sessions'],
  ['POST', '/api/v1/supervision/runs'],
  ['POST', `/api/v1/alerts/${ID}/disposition`],
  ['POST', '/api/v1/spot-checks/draws'],
  ['POST', '/api/v1/rosters/draws'],
  ['PUT', '/api/v1/outlets/520302-CO-001/hours'],
  ['POST', '/api/v1/cases'],
];
const INVALID_BODIES: unknown[] = [{}, { nonsense: true }, []];

describe('a caller not allowed is refused before its body is validated', () => {
  it('answers 403 to an invalid body from a role that may not write there', async () => {
    const callers = {
      'clerk.dealer': bearer(await t.login('clerk.dealer')),
      citizen: bearer(await t.login(citizen.username, citizen.password)),
    };
    const wrong: string[] = [];
    for (const [method, url] of WRITES) {
      for (const [who, headers] of Object.entries(callers)) {
        for (const body of INVALID_BODIES) {
          const res = await t.app.inject({ method, url, headers, payload: body as object });
          const code = res.json().error?.code;
          if (res.statusCode !== 403 || code !== 'FORBIDDEN') {
            wrong.push(`${method} ${url} as ${who} ${JSON.stringify(body)} → ${res.statusCode}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 to an invalid application from those who never submit one', async () => {
    // Administrators and brigade supervisors submit no business (a detachment supervisor submits
    // a case's measures, clerks and citizens the rest): before, they got 400 with its fields.
    const wrong: string[] = [];
    for (const who of ['admin', 'sup.county']) {
      const headers = bearer(await t.login(who));
      for (const body of INVALID_BODIES) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/applications',
          headers,
          payload: body as object,
        });
        if (res.statusCode !== 403)
          wrong.push(`${who} ${JSON.stringify(body)} → ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
    for (const who of ['clerk.dealer', 'sup.city']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/applications',
        headers: bearer(await t.login(who)),
        payload: {},
      });
      expect(res.statusCode, who).toBe(400);
    }
  });

  it('still tells a caller who may write there what is wrong with its body (400)', async () => {
    const admin = bearer(await t.login('admin'));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: {},
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });
});
