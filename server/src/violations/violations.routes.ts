import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { violationListQuerySchema, violationListSchema } from '#shared/schemas/violations.ts';
import { importResultSchema } from '#shared/schemas/vehicles.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errorResponses } from '../http/errors.ts';
import type { AppContext } from '../platform/context.ts';
import { importViolations } from './violations.import.ts';
import { listViolationsFor } from './violations.service.ts';

export const violationRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/violations',
    {
      schema: {
        tags: ['violations'],
        querystring: violationListQuerySchema,
        response: { 200: violationListSchema, ...errorResponses },
      },
    },
    async (request) => listViolationsFor(ctx, actorOf(request), request.query),
  );
  app.post(
    '/api/v1/imports/violations',
    {
      schema: {
        tags: ['imports'],
        body: z.string().describe('NDJSON, one violation record a line'),
        consumes: ['application/x-ndjson'],
        response: { 200: importResultSchema, ...errorResponses },
      },
    },
    async (request) => importViolations(ctx, actorOf(request), request.body),
  );
};
