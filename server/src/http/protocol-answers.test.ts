import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema } from '#shared/schemas/common.ts';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';

const NOT_VALID = { valid: false, kind: null, number: null, issuedAt: null, status: null };

/** HTTP-level answers partners test from outside: each one in the contract's error shape. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('a body in a media type the route does not take', () => {
  it('is 415 for plain text sent to a JSON endpoint, as for XML', async () => {
    for (const [url, headers] of [
      ['/api/v1/applications', bearer(await t.login('clerk.city'))],
      ['/api/v1/auth/login', {}],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { ...headers, 'content-type': 'text/plain' },
        payload: '{"username":"admin","password":"x"}',
      });
      expect(res.statusCode).toBe(415);
      expect(errorResponseSchema.parse(res.json()).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('is 415 for NDJSON as plain text: an import names its type (CONTRACT.md "Imports")', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/vehicles',
      headers: { ...bearer(await t.login('admin')), 'content-type': 'text/plain' },
      payload: '{}\n',
    });
    expect(res.statusCode).toBe(415);
    expect(errorResponseSchema.parse(res.json()).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('a method a path does not take', () => {
  it('is 405 with the methods it does take, in the error shape', async () => {
    const headers = bearer(await t.login('admin'));
    for (const [method, url, allow] of [
      ['PATCH', '/api/v1/applications', 'GET, HEAD, POST'],
      ['DELETE', '/api/v1/me', 'GET, HEAD'],
      ['POST', '/api/v1/outlets/520302-CO-001/grants/vehicle.register', 'DELETE, PUT'],
    ] as const) {
      const res = await t.app.inject({ method, url, headers });
      expect(res.statusCode, `${method} ${url}`).toBe(405);
      expect(res.headers.allow).toBe(allow);
      expect(errorResponseSchema.parse(res.json()).error.code).toBe('METHOD_NOT_ALLOWED');
    }
  });

  it('is the same without a login, while an unknown path still asks for one', async () => {
    const anonymous = await t.app.inject({ method: 'PATCH', url: '/api/v1/applications' });
    expect(anonymous.statusCode).toBe(405);
    const health = await t.app.inject({ method: 'DELETE', url: '/api/health' });
    expect(health.statusCode).toBe(405);
    expect(health.headers.allow).toBe('GET, HEAD');
    const unknownAnonymous = await t.app.inject({ method: 'PATCH', url: '/api/v1/no-such-thing' });
    expect(unknownAnonymous.statusCode).toBe(401);
    const unknown = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/no-such-thing',
      headers: bearer(await t.login('admin')),
    });
    expect(unknown.statusCode).toBe(404);
    expect(errorResponseSchema.parse(unknown.json()).error.code).toBe('NOT_FOUND');
  });
});

describe('a verification token that is not even a well-formed URL segment', () => {
  it('is valid:false, never an error (CONTRACT.md "Verification")', async () => {
    for (const token of ['%ff', 'AaJR%zz', '%', 'x%e4%b8']) {
      const res = await t.app.inject({ url: `/api/v1/verify/${token}` });
      expect(res.statusCode, token).toBe(200);
      expect(res.json()).toEqual(NOT_VALID);
    }
    const proof = await t.app.inject({ url: '/api/v1/verify/%ff/proof' });
    expect(proof.statusCode).toBe(200);
    expect(proof.json()).toEqual({ covered: false });
    const byNumber = await t.app.inject({ url: '/api/v1/verify/by-number/%ff' });
    expect(byNumber.statusCode).toBe(200);
    expect(byNumber.json()).toEqual(NOT_VALID);
  });

  it('leaves a malformed URL elsewhere a 400 in the contract shape', async () => {
    const res = await t.app.inject({ url: '/api/v1/outlets/%ff' });
    expect(res.statusCode).toBe(400);
    expect(errorResponseSchema.parse(res.json()).error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.details).toEqual([
      { path: '(url)', message: '请求地址含有无法解码的字符' },
    ]);
  });
});

describe('a JSON body that does not parse', () => {
  it('is a 400 whose detail says so in Chinese, not Fastify’s English', async () => {
    for (const payload of [
      '{"username":',
      '{"username":"admin","password":"x","__proto__":{"admin":true}}',
      '{"username":"admin","password":"x","constructor":{"prototype":{"admin":true}}}',
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode, payload).toBe(400);
      const { error } = errorResponseSchema.parse(res.json());
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details).toEqual([
        {
          path: '(root)',
          message: '请求体不是有效的 JSON（或含有 __proto__、constructor.prototype 等不允许的键）',
        },
      ]);
    }
  });
});
