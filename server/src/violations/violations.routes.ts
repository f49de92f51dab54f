import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  violationIdSchema,
  violationListQuerySchema,
  violationListSchema,
} from '#shared/schemas/violations.ts';
import {
  driverFileSchema,
  handlingPreviewQuerySchema,
  handlingPreviewSchema,
} from '#shared/schemas/drivers.ts';
import { idNumberParamsSchema } from '#shared/schemas/licences.ts';
import { importResultSchema } from '#shared/schemas/vehicles.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errorResponses } from '../http/errors.ts';
import { requireImporter } from '../licences/licences.policy.ts';
import type { AppContext } from '../platform/context.ts';
import { driverFile, previewHandling } from './driver-file.service.ts';
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
      config: { allow: requireImporter },
      schema: {
        tags: ['imports'],
        body: z.string().describe('NDJSON, one violation record a line'),
        consumes: ['application/x-ndjson'],
        response: { 200: importResultSchema, ...errorResponses },
      },
    },
    async (request) => importViolations(ctx, actorOf(request), request.body),
  );
  app.get(
    '/api/v1/violations/:id/handling-preview',
    {
      schema: {
        tags: ['violations'],
        params: z.object({ id: violationIdSchema }),
        querystring: handlingPreviewQuerySchema,
        response: { 200: handlingPreviewSchema, ...errorResponses },
      },
    },
    async (request) =>
      previewHandling(ctx, actorOf(request), request.params.id, request.query.idNumber),
  );
  app.get(
    '/api/v1/drivers/:idNumber',
    {
      schema: {
        tags: ['violations'],
        params: idNumberParamsSchema,
        response: { 200: driverFileSchema, ...errorResponses },
      },
    },
    async (request) => driverFile(ctx, actorOf(request), request.params.idNumber),
  );
};
