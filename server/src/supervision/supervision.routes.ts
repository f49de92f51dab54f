import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  alertIdParamsSchema,
  alertListQuerySchema,
  alertListSchema,
  alertSchema,
  dispositionSchema,
  runRequestSchema,
  runResponseSchema,
} from '#shared/schemas/supervision.ts';
import { importResultSchema } from '#shared/schemas/vehicles.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errorResponses } from '../http/errors.ts';
import type { AppContext } from '../platform/context.ts';
import { disposeAlert, getAlert, listAlertsFor } from './alerts.service.ts';
import type { SupervisionPorts } from './exam-port.ts';
import { importHistory } from './history.import.ts';
import { requestRun } from './runs.service.ts';

export const supervisionRoutes: FastifyPluginAsyncZod<{
  ctx: AppContext;
  ports: SupervisionPorts;
}> = async (app, { ctx, ports }) => {
  const tags = ['supervision'];
  app.post(
    '/api/v1/supervision/runs',
    {
      schema: {
        tags,
        body: runRequestSchema,
        response: { 200: runResponseSchema, ...errorResponses },
      },
    },
    async (request) => requestRun(ctx, actorOf(request), request.body, ports),
  );
  app.get(
    '/api/v1/alerts',
    {
      schema: {
        tags,
        querystring: alertListQuerySchema,
        response: { 200: alertListSchema, ...errorResponses },
      },
    },
    async (request) => listAlertsFor(ctx.db, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/alerts/:id',
    {
      schema: {
        tags,
        params: alertIdParamsSchema,
        response: { 200: alertSchema, ...errorResponses },
      },
    },
    async (request) => getAlert(ctx.db, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/alerts/:id/disposition',
    {
      schema: {
        tags,
        params: alertIdParamsSchema,
        body: dispositionSchema,
        response: { 200: alertSchema, ...errorResponses },
      },
    },
    async (request) => disposeAlert(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/imports/applications-history',
    {
      schema: {
        tags: ['imports'],
        body: z.string().describe('NDJSON, one legacy application a line'),
        consumes: ['application/x-ndjson'],
        response: { 200: importResultSchema, ...errorResponses },
      },
    },
    async (request) => importHistory(ctx, actorOf(request), request.body),
  );
};
