import type { SwaggerTransform } from '@fastify/swagger';
import type { FastifyContextConfig, FastifyInstance, FastifyRequest, FastifySchema } from 'fastify';
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
    /**
     * Who may call the route at all: the area policy's check on the actor alone (throws
     * FORBIDDEN), asked before the body is parsed and validated, so that one who may not call it
     * gets 403 whatever it sent (CONTRACT: "authenticated but not allowed → 403"), not 400 with
     * the body's details. The checks on the data (scope, the record's city) stay in the services,
     * which also keep calling the same policy for themselves.
     */
    allow?: (actor: Actor) => unknown;
  }
}

/** Whether a route is served without a token: the one test, for the hook and the OpenAPI document. */
const isPublic = (config: FastifyContextConfig | undefined) => config?.public === true;

/**
 * Every /api route needs a valid bearer token unless it is marked `config.public`, and passes its
 * `config.allow` role check.
 */
export function installAuth(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || isPublic(request.routeOptions.config)) return;
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new AppError('UNAUTHENTICATED', '请先登录');
    request.actor = await authenticate(ctx, match[1]);
    request.routeOptions.config.allow?.(request.actor);
  });
}

/**
 * An OpenAPI transform that also marks the routes the hook lets through as needing no token
 * (`security: []` over the document's bearer), so the document says what the hook does.
 */
export function documentingPublicRoutes<S extends FastifySchema>(
  transform: SwaggerTransform<S>,
): SwaggerTransform<S> {
  return (input) => {
    const out = transform(input);
    return isPublic(input.route.config) ? { ...out, schema: { ...out.schema, security: [] } } : out;
  };
}

/** The authenticated actor; the hook has run, so a missing actor is a programming error. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  return request.actor;
}
