import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  applicationListSchema,
  applicationResponseSchema,
  eventResponseSchema,
} from '#shared/schemas/applications.ts';
import { errorResponses } from '../http/errors.ts';
import { actorOf } from '../http/auth-hook.ts';
import type { AppContext } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import { httpStatusOf, presentApplication, presentEvents } from './applications.presenter.ts';
import {
  applicationHeadersSchema,
  applicationIdParamsSchema,
  applicationListQuerySchema,
  applicationRequestSchema,
  eventRequestSchema,
  keyedRequest,
  requestIssues,
} from './applications.schema.ts';
import { getApplication, listApplicationsFor } from './applications.service.ts';
import { fireEvent } from './lifecycle.service.ts';
import { requireSomeSubmitter } from './applications.policy.ts';
import { onsiteRoutes } from './onsite.routes.ts';
import { submitApplication } from './pipeline.ts';
import type { BusinessRegistry } from './registry.ts';

export const applicationRoutes: FastifyPluginAsyncZod<{
  ctx: AppContext;
  registry: BusinessRegistry;
}> = async (app, { ctx, registry }) => {
  const tags = ['applications'];
  await app.register(onsiteRoutes, { ctx, registry });
  app.post(
    '/api/v1/applications',
    {
      config: { allow: requireSomeSubmitter },
      // Validation errors come to the handler, which lists the data's bad fields with them.
      schema: {
        tags,
        body: applicationRequestSchema,
        headers: applicationHeadersSchema,
        response: {
          201: applicationResponseSchema,
          422: applicationResponseSchema,
          ...errorResponses,
        },
      },
      attachValidation: true,
    },
    async (request, reply) => {
      if (request.validationError) throw invalid(requestIssues(request.body, request.headers));
      const actor = actorOf(request);
      const body = keyedRequest(request.body, request.headers);
      const stored = await submitApplication(ctx, registry, actor, body);
      return reply.status(httpStatusOf(stored)).send(presentApplication(stored, actor));
    },
  );
  app.get(
    '/api/v1/applications/:id',
    {
      schema: {
        tags,
        params: applicationIdParamsSchema,
        response: { 200: applicationResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { app: found, events } = await getApplication(ctx, actor, request.params.id);
      return { ...presentApplication(found, actor), events: presentEvents(events) };
    },
  );
  app.post(
    '/api/v1/applications/:id/events',
    {
      schema: {
        tags,
        params: applicationIdParamsSchema,
        body: eventRequestSchema,
        response: { 200: eventResponseSchema, 422: eventResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const answer = await fireEvent(ctx, registry, actor, request.params.id, request.body);
      const status = answer.event.outcome === 'refused' ? 422 : 200;
      return reply
        .status(status)
        .send({ ...presentApplication(answer.application, actor), event: answer.event });
    },
  );
  app.get(
    '/api/v1/applications',
    {
      schema: {
        tags,
        querystring: applicationListQuerySchema,
        response: { 200: applicationListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const page = await listApplicationsFor(ctx, actor, request.query);
      return {
        items: page.items.map((a) => presentApplication(a, actor)),
        nextCursor: page.nextCursor,
      };
    },
  );
};
