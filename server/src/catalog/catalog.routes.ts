import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth-hook.ts';
import {
  businessTypeListSchema,
  calendarSchema,
  policyListSchema,
  policyVersionSchema,
} from '#shared/schemas/catalog.ts';
import { errorResponses, noContent } from '../http/errors.ts';
import type { AppContext } from '../platform/context.ts';
import { requireCatalogEditor } from './catalog.policy.ts';
import {
  calendarDayParamsSchema,
  calendarDaySchema,
  calendarQuerySchema,
  newPolicyValueSchema,
} from './catalog.schema.ts';
import {
  addPolicyVersion,
  calendarOfYear,
  listBusinessTypes,
  listPolicies,
  setCalendarDay,
} from './catalog.service.ts';

export const catalogRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/catalog/business-types',
    { schema: { tags: ['catalog'], response: { 200: businessTypeListSchema, ...errorResponses } } },
    async () => listBusinessTypes(ctx.db),
  );
  app.get(
    '/api/v1/policies',
    { schema: { tags: ['catalog'], response: { 200: policyListSchema, ...errorResponses } } },
    async (request) => listPolicies(ctx.db, actorOf(request)),
  );
  app.post(
    '/api/v1/policies',
    {
      config: { allow: requireCatalogEditor },
      schema: {
        tags: ['catalog'],
        body: newPolicyValueSchema,
        response: { 201: policyVersionSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addPolicyVersion(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/calendar',
    {
      schema: {
        tags: ['catalog'],
        querystring: calendarQuerySchema,
        response: { 200: calendarSchema, ...errorResponses },
      },
    },
    async (request) => calendarOfYear(ctx.db, request.query.year),
  );
  app.put(
    '/api/v1/calendar/:day',
    {
      config: { allow: requireCatalogEditor },
      schema: {
        tags: ['catalog'],
        params: calendarDayParamsSchema,
        body: calendarDaySchema,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await setCalendarDay(ctx, actorOf(request), request.params.day, request.body);
      return reply.status(204).send(null);
    },
  );
  app.delete(
    '/api/v1/calendar/:day',
    {
      schema: {
        tags: ['catalog'],
        params: calendarDayParamsSchema,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await setCalendarDay(ctx, actorOf(request), request.params.day, null);
      return reply.status(204).send(null);
    },
  );
};
