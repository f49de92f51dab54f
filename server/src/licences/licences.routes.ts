import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  idNumberParamsSchema,
  licenceHistorySchema,
  licenceResponseSchema,
  medicalCertificateRequestSchema,
  renewalViewSchema,
} from '#shared/schemas/licences.ts';
import { importResultSchema } from '#shared/schemas/vehicles.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errorResponses } from '../http/errors.ts';
import type { AppContext } from '../platform/context.ts';
import { importLicences } from './licences.import.ts';
import { licenceHistory } from './history.service.ts';
import { requireImporter, requireMedicalRecorder } from './licences.policy.ts';
import { licenceFor } from './licences.service.ts';
import { recordCertificate, renewalView } from './medicals.service.ts';
import type { DriverPoints } from './points-port.ts';

export const licenceRoutes: FastifyPluginAsyncZod<{
  ctx: AppContext;
  points: DriverPoints;
}> = async (app, { ctx, points }) => {
  app.get(
    '/api/v1/licences/:idNumber',
    {
      schema: {
        tags: ['licences'],
        params: idNumberParamsSchema,
        response: { 200: licenceResponseSchema, ...errorResponses },
      },
    },
    async (request) => licenceFor(ctx, actorOf(request), request.params.idNumber, points),
  );
  app.post(
    '/api/v1/imports/licences',
    {
      config: { allow: requireImporter },
      schema: {
        tags: ['imports'],
        body: z.string().describe('NDJSON, one licence a line'),
        consumes: ['application/x-ndjson'],
        response: { 200: importResultSchema, ...errorResponses },
      },
    },
    async (request) => importLicences(ctx, actorOf(request), request.body, points),
  );
  app.get(
    '/api/v1/licences/:idNumber/history',
    {
      schema: {
        tags: ['licences'],
        params: idNumberParamsSchema,
        response: { 200: licenceHistorySchema, ...errorResponses },
      },
    },
    async (request) => licenceHistory(ctx, actorOf(request), request.params.idNumber),
  );
  app.get(
    '/api/v1/licences/:idNumber/renewal',
    {
      schema: {
        tags: ['licences'],
        params: idNumberParamsSchema,
        response: { 200: renewalViewSchema, ...errorResponses },
      },
    },
    async (request) => renewalView(ctx, actorOf(request), request.params.idNumber),
  );
  app.post(
    '/api/v1/medical-certificates',
    {
      config: { allow: requireMedicalRecorder },
      schema: {
        tags: ['licences'],
        body: medicalCertificateRequestSchema,
        response: {
          201: z.object({ certificateNo: z.string(), validUntil: z.string() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordCertificate(ctx, actorOf(request), request.body)),
  );
};
