import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

type Operation = { security?: unknown };

describe('the OpenAPI document and the bearer-token hook', () => {
  it('marks exactly the operations the hook lets through without a token as needing none', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.security).toEqual([{ bearer: [] }]);
    const operations = Object.entries(doc.paths as Record<string, Record<string, Operation>>)
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method, path, op })))
      .map((o) => ({ ...o, name: `${o.method.toUpperCase()} ${o.path}` }));
    // An operation either needs no token (`security: []`) or the document's bearer.
    expect(
      operations.filter(({ op }) => op.security !== undefined && !isEmpty(op.security)),
    ).toEqual([]);
    const documented = operations.filter(({ op }) => isEmpty(op.security)).map((o) => o.name);

    // Asked without a token (path parameters filled in, no body), the hook refuses the others
    // before their route checks anything.
    const letThrough: string[] = [];
    for (const { method, path, name } of operations) {
      const res = await t.app.inject({
        method: method.toUpperCase() as 'GET',
        url: path.replace(/\{[^}]+\}/g, 'x'),
      });
      const refused = res.statusCode === 401 && res.json().error.message === '请先登录';
      if (!refused) letThrough.push(name);
    }
    expect(documented.sort()).toEqual(letThrough.sort());
    // The public calls of the contract among them.
    expect(documented).toEqual(
      expect.arrayContaining([
        'GET /api/health',
        'POST /api/v1/auth/login',
        'GET /api/v1/verify/{token}',
        'POST /api/v1/citizens/sms-codes',
        'POST /api/v1/citizens',
      ]),
    );
  });
});

const isEmpty = (security: unknown) => Array.isArray(security) && security.length === 0;
