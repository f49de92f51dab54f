import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema } from '#shared/schemas/common.ts';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';

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
