import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { holdConnection } from '../../../test/support/pool.ts';
import { buildApp } from '../app/server.ts';
import { createDb } from './database.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('the connection pool', () => {
  it('answers 503 with Retry-After when no connection becomes free in time', async () => {
    const errors: Error[] = [];
    // Without lanes: the user's look-up would be answered on one (lanes.test.ts).
    const db = createDb(t.databaseUrl, 1, {
      onIdleError: (e) => errors.push(e),
      acquireTimeoutMs: 300,
      lanes: 0,
    });
    const app = await buildApp({ ...t.ctx, db });
    const token = await t.login('admin');
    const release = await holdConnection(db);
    try {
      const res = await app.inject({ url: '/api/v1/me', headers: bearer(token) });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('UNAVAILABLE');
      expect(res.headers['retry-after']).toBe('5');
    } finally {
      await release();
      await app.close();
      await db.destroy();
    }
    expect(errors).toEqual([]);
  });
});
