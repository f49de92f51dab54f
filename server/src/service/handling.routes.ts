import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  handlingTimesQuerySchema,
  handlingTimesSchema,
  slaBreachListSchema,
  slaBreachQuerySchema,
  slaEscalationRunSchema,
} from '#shared/schemas/service.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errorResponses } from '../http/errors.ts';
import type { AppContext } from '../platform/context.ts';
import { escalateOnDemand, handlingTimes, slaBreaches } from './handling.service.ts';

/** Handling times and SLA breaches (issue #12 item 11; docs/SERVICE.md). */
export const handlingRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['service'];
  app.get(
    '/api/v1/service/handling-times',
    {
      schema: {
        tags,
        querystring: handlingTimesQuerySchema,
        response: { 200: handlingTimesSchema, ...errorResponses },
      },
    },
    async (request) => handlingTimes(ctx, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/service/sla-breaches',
    {
      schema: {
        tags,
        querystring: slaBreachQuerySchema,
        response: { 200: slaBreachListSchema, ...errorResponses },
      },
    },
    async (request) => slaBreaches(ctx, actorOf(request), request.query),
  );
  app.post(
    '/api/v1/service/sla-escalations',
    {
      schema: { tags, response: { 200: slaEscalationRunSchema, ...errorResponses } },
    },
    async (request) => escalateOnDemand(ctx, actorOf(request)),
  );
};
