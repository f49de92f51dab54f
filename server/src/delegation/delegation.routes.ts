import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth-hook.ts';
import { outletCodeParamsSchema } from '../network/network.schema.ts';
import type { AppContext } from '../platform/context.ts';
import { beijingDate } from '../platform/time.ts';
import {
  categoryGrantParamsSchema,
  grantBodySchema,
  outletGrantParamsSchema,
  restoreBodySchema,
  suspensionBodySchema,
} from './delegation.schema.ts';
import {
  businessTypesOfOutlet,
  delegationMatrix,
  outletDelegation,
  restoreOutlet,
  setGrant,
  suspendOutlet,
  withdrawGrant,
} from './delegation.service.ts';

export const delegationRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['delegation'];
  app.put(
    '/api/v1/outlets/:code/grants/:businessType',
    { schema: { tags, params: outletGrantParamsSchema, body: grantBodySchema } },
    async (request, reply) => {
      const { code, businessType } = request.params;
      await setGrant(ctx, actorOf(request), { outletCode: code }, businessType, request.body);
      return reply.status(204).send();
    },
  );
  app.delete(
    '/api/v1/outlets/:code/grants/:businessType',
    { schema: { tags, params: outletGrantParamsSchema } },
    async (request, reply) => {
      const { code, businessType } = request.params;
      await withdrawGrant(ctx, actorOf(request), { outletCode: code }, businessType);
      return reply.status(204).send();
    },
  );
  app.put(
    '/api/v1/delegation/categories/:category/grants/:businessType',
    { schema: { tags, params: categoryGrantParamsSchema, body: grantBodySchema } },
    async (request, reply) => {
      const { category, businessType } = request.params;
      await setGrant(ctx, actorOf(request), { category }, businessType, request.body);
      return reply.status(204).send();
    },
  );
  app.delete(
    '/api/v1/delegation/categories/:category/grants/:businessType',
    { schema: { tags, params: categoryGrantParamsSchema } },
    async (request, reply) => {
      const { category, businessType } = request.params;
      await withdrawGrant(ctx, actorOf(request), { category }, businessType);
      return reply.status(204).send();
    },
  );
  app.get('/api/v1/me/business-types', { schema: { tags } }, async (request) =>
    businessTypesOfOutlet(ctx, actorOf(request), beijingDate(ctx.clock.now())),
  );
  app.get('/api/v1/delegation/matrix', { schema: { tags } }, async (request) =>
    delegationMatrix(ctx.db, actorOf(request)),
  );
  app.get(
    '/api/v1/outlets/:code/delegation',
    { schema: { tags, params: outletCodeParamsSchema } },
    async (request) => outletDelegation(ctx.db, actorOf(request), request.params.code),
  );
  app.post(
    '/api/v1/outlets/:code/suspension',
    { schema: { tags, params: outletCodeParamsSchema, body: suspensionBodySchema } },
    async (request) =>
      suspendOutlet(ctx, actorOf(request), request.params.code, request.body.reason),
  );
  app.delete(
    '/api/v1/outlets/:code/suspension',
    { schema: { tags, params: outletCodeParamsSchema, body: restoreBodySchema } },
    async (request) =>
      restoreOutlet(ctx, actorOf(request), request.params.code, request.body.note ?? null),
  );
};
