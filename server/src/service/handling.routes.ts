import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  rectificationIdParamsSchema,
  rectificationListQuerySchema,
  rectificationListSchema,
  rectificationRecordSchema,
  rectificationSchema,
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
import { recordRectificationOf, rectificationsFor } from './rectifications.service.ts';
import { requireServiceReader } from './service.policy.ts';

/** Handling times, SLA breaches and rectifications (issue #12 items 7 and 11; docs/SERVICE.md). */
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
  app.get(
    '/api/v1/rectifications',
    {
      schema: {
        tags,
        querystring: rectificationListQuerySchema,
        response: { 200: rectificationListSchema, ...errorResponses },
      },
    },
    async (request) => rectificationsFor(ctx, actorOf(request), request.query),
  );
  app.post(
    '/api/v1/rectifications/:id',
    {
      config: { allow: requireServiceReader },
      schema: {
        tags,
        params: rectificationIdParamsSchema,
        body: rectificationRecordSchema,
        response: { 200: rectificationSchema, ...errorResponses },
      },
    },
    async (request) =>
      recordRectificationOf(ctx, actorOf(request), request.params.id, request.body),
  );
};
