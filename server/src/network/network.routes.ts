import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth-hook.ts';
import type { AppContext } from '../platform/context.ts';
import { outletCodeParamsSchema, outletListQuerySchema } from './network.schema.ts';
import {
  getOutletFor,
  listAgreementsFor,
  listOutletsFor,
  networkSummaryFor,
} from './network.service.ts';
import { importOutlets } from './outlets.import.ts';

export const networkRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/outlets',
    { schema: { tags: ['network'], querystring: outletListQuerySchema } },
    async (request) => await listOutletsFor(ctx.db, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/outlets/:code',
    { schema: { tags: ['network'], params: outletCodeParamsSchema } },
    async (request) => await getOutletFor(ctx.db, actorOf(request), request.params.code),
  );
  app.get(
    '/api/v1/network/summary',
    { schema: { tags: ['network'] } },
    async (request) => await networkSummaryFor(ctx.db, actorOf(request)),
  );
  app.get(
    '/api/v1/agreements',
    { schema: { tags: ['network'] } },
    async (request) => await listAgreementsFor(ctx.db, actorOf(request)),
  );
  app.post(
    '/api/v1/imports/outlets',
    {
      schema: {
        tags: ['imports'],
        body: z.string().describe('NDJSON, one outlet a line'),
        consumes: ['application/x-ndjson'],
      },
    },
    async (request) => importOutlets(ctx, actorOf(request), request.body),
  );
};
