import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth-hook.ts';
import type { AppContext } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import { httpStatusOf, presentApplication } from './applications.presenter.ts';
import {
  applicationIdParamsSchema,
  applicationListQuerySchema,
  applicationRequestSchema,
  requestIssues,
} from './applications.schema.ts';
import { getApplication, listApplicationsFor, submitApplication } from './applications.service.ts';

export const applicationRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['applications'];
  app.post(
    '/api/v1/applications',
    // Validation errors come to the handler, which lists the data's bad fields with them.
    { schema: { tags, body: applicationRequestSchema }, attachValidation: true },
    async (request, reply) => {
      if (request.validationError) throw invalid(requestIssues(request.body));
      const actor = actorOf(request);
      const stored = await submitApplication(ctx, actor, request.body);
      return reply.status(httpStatusOf(stored)).send(presentApplication(stored, actor));
    },
  );
  app.get(
    '/api/v1/applications/:id',
    { schema: { tags, params: applicationIdParamsSchema } },
    async (request) => {
      const actor = actorOf(request);
      return presentApplication(await getApplication(ctx, actor, request.params.id), actor);
    },
  );
  app.get(
    '/api/v1/applications',
    { schema: { tags, querystring: applicationListQuerySchema } },
    async (request) => {
      const actor = actorOf(request);
      const page = await listApplicationsFor(ctx, actor, request.query);
      return { items: page.items.map((a) => presentApplication(a, actor)), total: page.total };
    },
  );
};
