import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  caseCreateSchema,
  caseListQuerySchema,
  caseListSchema,
  casePatchSchema,
  caseSchema,
  caseStepRequestSchema,
  findingListQuerySchema,
  findingListSchema,
  findingSchema,
  idParamsSchema,
  measureLiftSchema,
  measureParamsSchema,
  measureRequestSchema,
} from '#shared/schemas/antifraud.ts';
import { applicationResponseSchema } from '#shared/schemas/applications.ts';
import { errorResponseSchema } from '#shared/schemas/common.ts';
import { httpStatusOf, presentApplication } from '../applications/applications.presenter.ts';
import type { BusinessRegistry } from '../applications/registry.ts';
import { importResultSchema } from '#shared/schemas/vehicles.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errorResponses } from '../http/errors.ts';
import type { AppContext } from '../platform/context.ts';
import { fraudScope, requireImporter, requireMeasureTaker } from './antifraud.policy.ts';
import { addStep, createCase, getCase, listCases, patchCase } from './cases.service.ts';
import { getFinding, listFindings } from './findings.service.ts';
import { liftMeasure, takeMeasure } from './measures.service.ts';
import { importViolationHandlings } from './handlings.import.ts';

/** Anti-fraud (CONTRACT.md Part 2 "Anti-fraud" and its import). */
export const antifraudRoutes: FastifyPluginAsyncZod<{
  ctx: AppContext;
  registry: BusinessRegistry;
}> = async (app, { ctx, registry }) => {
  const tags = ['antifraud'];
  app.post(
    '/api/v1/imports/violation-handlings',
    {
      config: { allow: requireImporter },
      schema: {
        tags: ['imports'],
        body: z.string().describe('NDJSON, one violation handling a line'),
        consumes: ['application/x-ndjson'],
        response: { 200: importResultSchema, ...errorResponses },
      },
    },
    async (request) => importViolationHandlings(ctx, actorOf(request), request.body),
  );
  app.get(
    '/api/v1/findings',
    {
      schema: {
        tags,
        querystring: findingListQuerySchema,
        response: { 200: findingListSchema, ...errorResponses },
      },
    },
    async (request) => listFindings(ctx.db, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/findings/:id',
    {
      schema: { tags, params: idParamsSchema, response: { 200: findingSchema, ...errorResponses } },
    },
    async (request) => getFinding(ctx.db, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/cases',
    {
      config: { allow: fraudScope },
      schema: { tags, body: caseCreateSchema, response: { 201: caseSchema, ...errorResponses } },
    },
    async (request, reply) =>
      reply.status(201).send(await createCase(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/cases',
    {
      schema: {
        tags,
        querystring: caseListQuerySchema,
        response: { 200: caseListSchema, ...errorResponses },
      },
    },
    async (request) => listCases(ctx, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/cases/:id',
    { schema: { tags, params: idParamsSchema, response: { 200: caseSchema, ...errorResponses } } },
    async (request) => getCase(ctx, actorOf(request), request.params.id),
  );
  app.patch(
    '/api/v1/cases/:id',
    {
      config: { allow: fraudScope },
      schema: {
        tags,
        params: idParamsSchema,
        body: casePatchSchema,
        response: { 200: caseSchema, ...errorResponses },
      },
    },
    async (request) => patchCase(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/cases/:id/steps',
    {
      config: { allow: fraudScope },
      schema: {
        tags,
        params: idParamsSchema,
        body: caseStepRequestSchema,
        response: { 201: caseSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addStep(ctx, actorOf(request), request.params.id, request.body)),
  );
  app.post(
    '/api/v1/cases/:id/measures',
    {
      // Only the detachment acts on a person (a brigade sees numbers masked): 403 before the body.
      config: { allow: requireMeasureTaker },
      schema: {
        tags,
        params: idParamsSchema,
        body: measureRequestSchema,
        response: {
          201: applicationResponseSchema,
          // A refused measure is the pipeline's answer; a person outside the case is an error.
          422: z.union([applicationResponseSchema, errorResponseSchema]),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const stored = await takeMeasure(ctx, registry, actor, request.params.id, request.body);
      return reply.status(httpStatusOf(stored)).send(presentApplication(stored, actor));
    },
  );
  app.post(
    '/api/v1/cases/:id/measures/:applicationId/lift',
    {
      config: { allow: requireMeasureTaker },
      schema: {
        tags,
        params: measureParamsSchema,
        body: measureLiftSchema,
        response: { 200: caseSchema, ...errorResponses },
      },
    },
    async (request) =>
      liftMeasure(
        ctx,
        actorOf(request),
        request.params.id,
        request.params.applicationId,
        request.body,
      ),
  );
};
