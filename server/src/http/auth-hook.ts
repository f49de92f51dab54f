import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../platform/actor.ts';
import { authenticate } from '../auth/auth.service.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a token (health, login, document verification). */
    public?: boolean;
  }
}

/** Every /api route needs a valid bearer token unless it is marked `config.public`. */
export function installAuth(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.config?.public) return;
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new AppError('UNAUTHENTICATED', '请先登录');
    request.actor = await authenticate(ctx, match[1]);
  });
}

/** The authenticated actor; the hook has run, so a missing actor is a programming error. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  return request.actor;
}
