import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('the HTTP surface', () => {
  it('reports health', async () => {
    expect((await t.app.inject({ url: '/api/health' })).json()).toEqual({ status: 'ok' });
  });

  it('serves an OpenAPI document covering the contract', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/me',
      '/api/v1/applications',
      '/api/v1/applications/{id}',
      '/api/v1/outlets',
      '/api/v1/outlets/{code}/grants/{businessType}',
      '/api/v1/outlets/{code}/suspension',
      '/api/v1/vehicles/by-plate/{plate}',
      '/api/v1/vehicles/by-vin/{vin}',
      '/api/v1/imports/vehicles',
      '/api/v1/verify/{token}',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('says what every endpoint answers: a success schema and the error shape', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const missing: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths as Record<string, object>)) {
      for (const [method, op] of Object.entries(
        methods as Record<string, { responses?: object }>,
      )) {
        const responses = (op.responses ?? {}) as Record<string, { content?: object }>;
        const success = Object.entries(responses).find(([code]) => /^2/.test(code));
        if (!success || (success[0] !== '204' && !success[1].content)) {
          missing.push(`${method.toUpperCase()} ${path}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await t.app.inject({
      url: '/api/v1/nothing-here',
      headers: bearer(await t.login('admin')),
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('refuses an unsupported content type without a stack trace', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { ...bearer(await t.login('clerk.city')), 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('JSON bodies', () => {
  it('refuse prototype poisoning', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":"admin","password":"x","__proto__":{"admin":true}}',
    });
    expect(res.statusCode).toBe(400);
  });
});
