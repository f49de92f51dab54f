import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-hook.ts';
import { importResultSchema } from '#shared/schemas/vehicles.ts';
import {
  agreementListSchema,
  installationSchema,
  networkSummarySchema,
  outletDetailSchema,
  outletListSchema,
} from '#shared/schemas/network.ts';
import { errorResponses } from '../http/errors.ts';
import type { AppContext } from '../platform/context.ts';
import {
  agreementListQuerySchema,
  outletCodeParamsSchema,
  outletListQuerySchema,
} from './network.schema.ts';
import { requireNetworkAdmin } from './network.policy.ts';
import {
  getOutletFor,
  installationOffices,
  listAgreementsFor,
  listOutletsFor,
  networkSummaryFor,
} from './network.service.ts';
import { importOutlets } from './outlets.import.ts';

export const networkRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/outlets',
    {
      schema: {
        tags: ['network'],
        querystring: outletListQuerySchema,
        response: { 200: outletListSchema, ...errorResponses },
      },
    },
    async (request) => await listOutletsFor(ctx.db, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/outlets/:code',
    {
      schema: {
        tags: ['network'],
        params: outletCodeParamsSchema,
        response: { 200: outletDetailSchema, ...errorResponses },
      },
    },
    async (request) => await getOutletFor(ctx.db, actorOf(request), request.params.code),
  );
  app.get(
    '/api/v1/installation',
    {
      config: { public: true },
      schema: { tags: ['network'], response: { 200: installationSchema } },
    },
    async () => ({
      ...(await installationOffices(ctx.db)),
      publicUrl: ctx.env.CHEGUAN_PUBLIC_URL ?? null,
    }),
  );
  app.get(
    '/api/v1/network/summary',
    { schema: { tags: ['network'], response: { 200: networkSummarySchema, ...errorResponses } } },
    async (request) => await networkSummaryFor(ctx.db, actorOf(request)),
  );
  app.get(
    '/api/v1/agreements',
    {
      schema: {
        tags: ['network'],
        querystring: agreementListQuerySchema,
        response: { 200: agreementListSchema, ...errorResponses },
      },
    },
    async (request) => await listAgreementsFor(ctx.db, actorOf(request), request.query),
  );
  app.post(
    '/api/v1/imports/outlets',
    {
      config: { allow: requireNetworkAdmin },
      schema: {
        tags: ['imports'],
        body: z.string().describe('NDJSON, one outlet a line'),
        consumes: ['application/x-ndjson'],
        response: { 200: importResultSchema, ...errorResponses },
      },
    },
    async (request) => importOutlets(ctx, actorOf(request), request.body),
  );
};
