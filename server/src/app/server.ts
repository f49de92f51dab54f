import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { z } from 'zod';
import { zhErrorMap } from '#shared/schemas/zh-errors.ts';
import {
  jsonSchemaTransform,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { antifraudRoutes } from '../antifraud/antifraud.routes.ts';
import { applicationRoutes } from '../applications/applications.routes.ts';
import { logLostRaces } from '../applications/races.ts';
import { checkpointRoutes } from '../audit/checkpoints.routes.ts';
import type { BusinessRegistry } from '../applications/registry.ts';
import { authRoutes } from '../auth/auth.routes.ts';
import { citizenRoutes } from '../citizens/citizens.routes.ts';
import { serviceRoutes } from '../service/service.routes.ts';
import { catalogRoutes } from '../catalog/catalog.routes.ts';
import { delegationRoutes } from '../delegation/delegation.routes.ts';
import { documentRoutes, undecodableVerification } from '../documents/documents.routes.ts';
import { networkRoutes } from '../network/network.routes.ts';
import type { AppContext } from '../platform/context.ts';
import { supervisionRoutes } from '../supervision/supervision.routes.ts';
import type { SupervisionPorts } from '../supervision/exam-port.ts';
import { laneRoutes } from '../vehicles/lane.routes.ts';
import { vehicleRoutes } from '../vehicles/vehicles.routes.ts';
import { examRoutes } from '../licences/exams.routes.ts';
import { licenceRoutes } from '../licences/licences.routes.ts';
import { violationRoutes } from '../violations/violations.routes.ts';
import { DRIVER_POINTS } from '../violations/points.service.ts';
import { accessLogOptions, installAccessLog } from '../http/access-log.ts';
import { documentingPublicRoutes, installAuth } from '../http/auth-hook.ts';
import { BODY_LIMIT, installBodyParsers } from '../http/body.ts';
import { errorHandler, frameworkErrorHandler } from '../http/errors.ts';
import { installMethodCheck } from '../http/methods.ts';
import {
  clientErrorHandler,
  HTTP_SERVER_OPTIONS,
  installExpectationCheck,
  installHostCheck,
} from '../http/protocol.ts';
import { responseSerializer } from '../http/serializer.ts';
import { REGISTRY, SUPERVISION_PORTS } from './registry.ts';

export interface AppOptions {
  /** The business types to decide; the platform's own registry unless a test brings one. */
  registry?: BusinessRegistry;
  /** What supervision reads through ports (exam results); the platform's own unless a test brings some. */
  supervisionPorts?: SupervisionPorts;
  /** Built web app to serve at / (web/dist); omitted in API tests. */
  webDir?: string;
  logLevel?: string;
  /** Where the log lines go (default: stdout); tests read them here. */
  logStream?: { write(line: string): void };
  /** Every answer also written the slow way and compared (serializer.ts); the tests' apps. */
  crossCheckResponses?: boolean;
}

/**
 * A log destination (standard output, or a file) written in blocks of 4 KiB instead of a system
 * call a line, at least once a second: at info, every request writes its access line
 * (http/access-log.ts). pino flushes what is held when the process exits, on a signal's clean
 * stop as on an uncaught error; a kill -9 loses at most the last second's lines, which hold no
 * record of business (those are in the audit chain, in the database). The bench writes its
 * server's log the same way (bench/platform.ts, `--log-level`).
 */
export function bufferedLog(dest: number | string) {
  const stream = pino.destination({ dest, sync: false, minLength: 4096 });
  const flusher = setInterval(() => stream.flush(), 1000);
  flusher.unref();
  const close = () => {
    clearInterval(flusher);
    stream.flushSync();
  };
  return { stream, close };
}

export async function buildApp(ctx: AppContext, opts: AppOptions = {}): Promise<FastifyInstance> {
  const logging = opts.logLevel && opts.logLevel !== 'silent' ? opts.logLevel : null;
  const stdout = logging && !opts.logStream ? bufferedLog(1) : null;
  const app = Fastify({
    logger: logging ? { level: logging, stream: opts.logStream ?? stdout?.stream } : false,
    ...accessLogOptions(),
    bodyLimit: BODY_LIMIT,
    // Any path parameter reaches its route (a long forged token still gets valid:false, a long
    // code a 400 from its schema); the URL itself is bounded by Node's header size.
    routerOptions: { maxParamLength: 16 * 1024 },
    // Errors Fastify raises before routing (e.g. "%zz" in a path) answer in the contract's shape,
    // and so do those of Node's HTTP layer (raw UTF-8 in a URL, headers over the limit, no Host).
    frameworkErrors: frameworkErrorHandler(undecodableVerification),
    clientErrorHandler,
    http: HTTP_SERVER_OPTIONS,
  }).withTypeProvider<ZodTypeProvider>();
  // zod's own messages (a number too big, a wrong type) reach users in 400 answers: in Chinese,
  // as the schemas' own messages are. Process-wide, like the validator itself.
  z.config({ localeError: zhErrorMap });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer({ crossCheck: opts.crossCheckResponses }));
  app.setErrorHandler(errorHandler);
  installHostCheck(app);
  installExpectationCheck(app.server);
  installBodyParsers(app);
  installMethodCheck(app);
  installAccessLog(app);
  if (stdout) {
    // "Server listening at …" is out before `listen` returns, as a worker's primary expects it
    // (cluster.ts reports the workers once each has listened).
    app.addHook('onListen', (done) => {
      stdout.stream.flushSync();
      done();
    });
    app.addHook('onClose', async () => stdout.close());
  }
  const unlogLostRaces = logLostRaces(app.log);
  app.addHook('onClose', async () => unlogLostRaces());

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
    transform: documentingPublicRoutes(jsonSchemaTransform),
  });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: { tags: ['platform'], response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );

  installAuth(app, ctx);
  for (const routes of [
    authRoutes,
    networkRoutes,
    catalogRoutes,
    delegationRoutes,
    vehicleRoutes,
    laneRoutes,
    documentRoutes,
    checkpointRoutes,
  ]) {
    await app.register(routes, { ctx });
  }
  await app.register(applicationRoutes, { ctx, registry: opts.registry ?? REGISTRY });
  await app.register(supervisionRoutes, { ctx, ports: opts.supervisionPorts ?? SUPERVISION_PORTS });
  await app.register(licenceRoutes, { ctx, points: DRIVER_POINTS });
  await app.register(examRoutes, { ctx, points: DRIVER_POINTS });
  await app.register(violationRoutes, { ctx });
  await app.register(citizenRoutes, { ctx, points: DRIVER_POINTS });
  await app.register(serviceRoutes, { ctx });
  await app.register(antifraudRoutes, { ctx, registry: opts.registry ?? REGISTRY });

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
