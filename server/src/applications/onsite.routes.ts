import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { eventResponseSchema } from '#shared/schemas/applications.ts';
import {
  onsiteRequirementListQuerySchema,
  onsiteRequirementListSchema,
  onsiteRequirementRequestSchema,
  onsiteRequirementSchema,
  onsiteTurnRequestSchema,
} from '#shared/schemas/onsite.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errorResponses } from '../http/errors.ts';
import type { AppContext } from '../platform/context.ts';
import { presentApplication } from './applications.presenter.ts';
import { applicationIdParamsSchema } from './applications.schema.ts';
import { onsiteRequirementsFor, requireOnsite, turnToOnsite } from './onsite.service.ts';
import type { BusinessRegistry } from './registry.ts';

/** Supervision turns suspicious internet business to on-site handling (docs/SERVICE.md). */
export const onsiteRoutes: FastifyPluginAsyncZod<{
  ctx: AppContext;
  registry: BusinessRegistry;
}> = async (app, { ctx, registry }) => {
  const tags = ['applications'];
  app.post(
    '/api/v1/applications/:id/onsite',
    {
      schema: {
        tags,
        params: applicationIdParamsSchema,
        body: onsiteTurnRequestSchema,
        response: { 200: eventResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const answer = await turnToOnsite(
        ctx,
        registry,
        actor,
        request.params.id,
        request.body.reason,
      );
      return { ...presentApplication(answer.application, actor), event: answer.event };
    },
  );
  app.post(
    '/api/v1/onsite-requirements',
    {
      schema: {
        tags,
        body: onsiteRequirementRequestSchema,
        response: { 201: onsiteRequirementSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await requireOnsite(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/onsite-requirements',
    {
      schema: {
        tags,
        querystring: onsiteRequirementListQuerySchema,
        response: { 200: onsiteRequirementListSchema, ...errorResponses },
      },
    },
    async (request) => onsiteRequirementsFor(ctx, actorOf(request), request.query.idNumber),
  );
};
