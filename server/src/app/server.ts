import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { applicationRoutes } from '../applications/applications.routes.ts';
import type { BusinessRegistry } from '../applications/registry.ts';
import { authRoutes } from '../auth/auth.routes.ts';
import { catalogRoutes } from '../catalog/catalog.routes.ts';
import { delegationRoutes } from '../delegation/delegation.routes.ts';
import { documentRoutes } from '../documents/documents.routes.ts';
import { networkRoutes } from '../network/network.routes.ts';
import type { AppContext } from '../platform/context.ts';
import { vehicleRoutes } from '../vehicles/vehicles.routes.ts';
import { examRoutes } from '../licences/exams.routes.ts';
import { licenceRoutes } from '../licences/licences.routes.ts';
import { violationRoutes } from '../violations/violations.routes.ts';
import { DRIVER_POINTS } from '../violations/points.service.ts';
import { installAuth } from '../http/auth-hook.ts';
import { errorHandler } from '../http/errors.ts';
import { REGISTRY } from './registry.ts';

export interface AppOptions {
  /** The business types to decide; the platform's own registry unless a test brings one. */
  registry?: BusinessRegistry;
  /** Built web app to serve at / (web/dist); omitted in API tests. */
  webDir?: string;
  logLevel?: string;
}

export async function buildApp(ctx: AppContext, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logLevel && opts.logLevel !== 'silent' ? { level: opts.logLevel } : false,
    bodyLimit: 64 * 1024 * 1024, // NDJSON imports of legacy registries
    routerOptions: { maxParamLength: 1000 }, // a long forged token still gets valid:false
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // An empty JSON body (a DELETE sent with a JSON content type) is no body, not an error;
  // anything else goes to Fastify's own parser, which refuses prototype poisoning.
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (!String(body).trim()) return done(null, undefined);
    jsonParser(request, String(body), done);
  });
  app.addContentTypeParser('application/x-ndjson', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Cheguan 车管 API',
        version: '1',
        description: 'Public API v1 of the vehicle and driver administration platform.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  app.get('/api/health', { config: { public: true }, schema: { hide: true } }, async () => ({
    status: 'ok',
  }));

  installAuth(app, ctx);
  for (const routes of [
    authRoutes,
    networkRoutes,
    catalogRoutes,
    delegationRoutes,
    vehicleRoutes,
    documentRoutes,
  ]) {
    await app.register(routes, { ctx });
  }
  await app.register(applicationRoutes, { ctx, registry: opts.registry ?? REGISTRY });
  await app.register(licenceRoutes, { ctx, points: DRIVER_POINTS });
  await app.register(examRoutes, { ctx, points: DRIVER_POINTS });
  await app.register(violationRoutes, { ctx });

  const webDir =
    opts.webDir && fs.existsSync(path.join(opts.webDir, 'index.html')) ? opts.webDir : null;
  // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
  if (webDir) await app.register(fastifyStatic, { root: webDir, wildcard: true });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !webDir || request.method !== 'GET') {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: '请求的资源不存在' } });
    }
    // Client-side routes of the single-page app.
    return reply.type('text/html').sendFile('index.html');
  });
  return app;
}
