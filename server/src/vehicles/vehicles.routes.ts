import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importResultSchema, vehicleResponseSchema } from '#shared/schemas/vehicles.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errorResponses } from '../http/errors.ts';
import type { AppContext } from '../platform/context.ts';
import { importVehicles } from './vehicles.import.ts';
import { plateParamsSchema, vinParamsSchema } from './vehicles.schema.ts';
import { vehicleBy } from './vehicles.service.ts';

export const vehicleRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['vehicles'];
  const response = { 200: vehicleResponseSchema, ...errorResponses };
  app.get(
    '/api/v1/vehicles/by-plate/:plate',
    { schema: { tags, params: plateParamsSchema, response } },
    async (request) => vehicleBy(ctx, actorOf(request), { plate: request.params.plate }),
  );
  app.get(
    '/api/v1/vehicles/by-vin/:vin',
    { schema: { tags, params: vinParamsSchema, response } },
    async (request) => vehicleBy(ctx, actorOf(request), { vin: request.params.vin }),
  );
  app.post(
    '/api/v1/imports/vehicles',
    {
      schema: {
        tags: ['imports'],
        body: z.string().describe('NDJSON, one vehicle a line'),
        consumes: ['application/x-ndjson'],
        response: { 200: importResultSchema, ...errorResponses },
      },
    },
    async (request) => importVehicles(ctx, actorOf(request), request.body),
  );
};
