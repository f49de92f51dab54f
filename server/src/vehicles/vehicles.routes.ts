import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  flagLiftSchema,
  flagRequestSchema,
  importResultSchema,
  inspectionCreatedSchema,
  inspectionRequestSchema,
  plateCandidatesQuerySchema,
  plateCandidatesSchema,
  vehicleFlagSchema,
  vehicleFlagsResponseSchema,
  vehicleHistorySchema,
  vehicleResponseSchema,
} from '#shared/schemas/vehicles.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errorResponses } from '../http/errors.ts';
import type { AppContext } from '../platform/context.ts';
import { flagsOf, removeFlag, setFlag } from './flags.service.ts';
import { vehicleHistory } from './history.service.ts';
import { plateCandidates } from './plates.service.ts';
import { importInspections } from './inspections.import.ts';
import { recordInspection } from './inspections.service.ts';
import { importVehicles } from './vehicles.import.ts';
import {
  requireFlagSetting,
  requireImporter,
  requireInspectionRecorder,
} from './vehicles.policy.ts';
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
  app.get(
    '/api/v1/vehicles/:vin/history',
    {
      schema: {
        tags,
        params: vinParamsSchema,
        response: { 200: vehicleHistorySchema, ...errorResponses },
      },
    },
    async (request) => vehicleHistory(ctx, actorOf(request), request.params.vin),
  );
  const flagResponse = { 200: vehicleFlagsResponseSchema, ...errorResponses };
  app.get(
    '/api/v1/vehicles/:vin/flags',
    { schema: { tags, params: vinParamsSchema, response: flagResponse } },
    async (request) => flagsOf(ctx, actorOf(request), request.params.vin),
  );
  app.post(
    '/api/v1/vehicles/:vin/flags',
    {
      config: { allow: requireFlagSetting },
      schema: {
        tags,
        params: vinParamsSchema,
        body: flagRequestSchema,
        response: { 201: vehicleFlagsResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await setFlag(ctx, actorOf(request), request.params.vin, request.body)),
  );
  app.delete(
    '/api/v1/vehicles/:vin/flags/:flag',
    {
      schema: {
        tags,
        params: vinParamsSchema.extend({ flag: vehicleFlagSchema }),
        querystring: flagLiftSchema,
        response: flagResponse,
      },
    },
    async (request) =>
      removeFlag(
        ctx,
        actorOf(request),
        request.params.vin,
        request.params.flag,
        request.query.note ?? null,
      ),
  );
  app.get(
    '/api/v1/plates/candidates',
    {
      schema: {
        tags,
        querystring: plateCandidatesQuerySchema,
        response: { 200: plateCandidatesSchema, ...errorResponses },
      },
    },
    async (request) => plateCandidates(ctx, actorOf(request), request.query),
  );
  app.post(
    '/api/v1/inspections',
    {
      config: { allow: requireInspectionRecorder },
      schema: {
        tags: ['inspections'],
        body: inspectionRequestSchema,
        response: { 201: inspectionCreatedSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordInspection(ctx, actorOf(request), request.body)),
  );
  app.post(
    '/api/v1/imports/vehicles',
    {
      config: { allow: requireImporter },
      schema: {
        tags: ['imports'],
        body: z.string().describe('NDJSON, one vehicle a line'),
        consumes: ['application/x-ndjson'],
        response: { 200: importResultSchema, ...errorResponses },
      },
    },
    async (request) => importVehicles(ctx, actorOf(request), request.body),
  );
  app.post(
    '/api/v1/imports/inspections',
    {
      config: { allow: requireImporter },
      schema: {
        tags: ['imports'],
        body: z.string().describe('NDJSON, one legacy inspection a line'),
        consumes: ['application/x-ndjson'],
        response: { 200: importResultSchema, ...errorResponses },
      },
    },
    async (request) => importInspections(ctx, actorOf(request), request.body),
  );
};
