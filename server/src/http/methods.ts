import type { FastifyInstance } from 'fastify';
import { AppError } from '../platform/errors.ts';

/** A route's path as a pattern for concrete paths: each `:param` one segment. */
const patternOf = (url: string) =>
  new RegExp(`^${url.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[^/]+/g, '[^/]+')}$`);

/**
 * A known API path asked with a method it does not take is 405 with `Allow` (RFC 9110 §15.5.6),
 * not the 404 Fastify gives it: the partner learns the path is right and the method wrong.
 * Decided before the login check: which paths take which methods is public in the OpenAPI
 * document anyway. A GET or HEAD of a POST-only API path is found by the web app's catch-all
 * (`/*`, which serves the single-page app's files) rather than missed, and is judged the same.
 */
export function installMethodCheck(app: FastifyInstance) {
  const paths = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  app.addHook('onRoute', (route) => {
    // The web app's catch-all (`/*`) is no API path.
    if (!route.url.startsWith('/api/') || route.url.includes('*')) return;
    const path = paths.get(route.url) ?? { pattern: patternOf(route.url), methods: new Set() };
    for (const method of [route.method].flat()) path.methods.add(method);
    paths.set(route.url, path);
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!request.is404 && !request.routeOptions.url?.includes('*')) return;
    const asked = request.url.split('?')[0] ?? '';
    const allowed = new Set<string>();
    for (const { pattern, methods } of paths.values()) {
      if (pattern.test(asked)) for (const method of methods) allowed.add(method);
    }
    if (!allowed.size) return;
    reply.header('Allow', [...allowed].sort().join(', '));
    throw new AppError('METHOD_NOT_ALLOWED', `该地址不支持 ${request.method} 请求`);
  });
}
