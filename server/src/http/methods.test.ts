import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from './errors.ts';
import { installMethodCheck } from './methods.ts';

/**
 * The method check beside the web app's catch-all (`/*`), as the real server has it: the test
 * apps of `createTestApp` serve no web app, so a GET of a POST-only path is missed there anyway.
 */
const app = Fastify();
beforeAll(async () => {
  app.setErrorHandler(errorHandler);
  installMethodCheck(app);
  app.post('/api/v1/auth/login', async () => ({ token: 't' }));
  app.get('/api/v1/me', async () => ({ username: 'u' }));
  // The single-page app's files, as @fastify/static's `wildcard: true` registers them.
  app.get('/*', async (_request, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND' } }),
  );
  await app.ready();
});
afterAll(async () => app.close());

describe('a method an API path does not take, beside the web app', () => {
  it('is 405 for GET and HEAD of a POST-only path, not the catch-all 404', async () => {
    for (const method of ['GET', 'HEAD'] as const) {
      const res = await app.inject({ method, url: '/api/v1/auth/login' });
      expect(res.statusCode, method).toBe(405);
      expect(res.headers.allow).toBe('POST');
    }
  });

  it('leaves the paths no API route has, and the web app, to the catch-all', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/no-such-thing' })).statusCode).toBe(
      404,
    );
    expect((await app.inject({ method: 'GET', url: '/vehicles/new' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(200);
  });
});
