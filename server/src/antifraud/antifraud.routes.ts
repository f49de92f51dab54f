import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findingListQuerySchema, findingListSchema } from '#shared/schemas/antifraud.ts';
import { importResultSchema } from '#shared/schemas/vehicles.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errorResponses } from '../http/errors.ts';
import type { AppContext } from '../platform/context.ts';
import { listFindings } from './findings.service.ts';
import { importViolationHandlings } from './handlings.import.ts';

/** Anti-fraud (CONTRACT.md Part 2 "Anti-fraud" and its import). */
export const antifraudRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/api/v1/imports/violation-handlings',
    {
      schema: {
        tags: ['imports'],
        body: z.string().describe('NDJSON, one violation handling a line'),
        consumes: ['application/x-ndjson'],
        response: { 200: importResultSchema, ...errorResponses },
      },
    },
    async (request) => importViolationHandlings(ctx, actorOf(request), request.body),
  );
  app.get(
    '/api/v1/findings',
    {
      schema: {
        tags: ['antifraud'],
        querystring: findingListQuerySchema,
        response: { 200: findingListSchema, ...errorResponses },
      },
    },
    async (request) => listFindings(ctx.db, actorOf(request), request.query),
  );
};
