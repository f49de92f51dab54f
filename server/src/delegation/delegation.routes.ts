import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth-hook.ts';
import { outletCodeParamsSchema } from '../network/network.schema.ts';
import {
  delegationMatrixSchema,
  outletBusinessTypesSchema,
  outletDelegationSchema,
  suspensionResponseSchema,
} from '#shared/schemas/delegation.ts';
import { errorResponses, noContent } from '../http/errors.ts';
import type { AppContext } from '../platform/context.ts';
import { beijingDate } from '../platform/time.ts';
import { requireDelegationAdmin } from './delegation.policy.ts';
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
  const changed = { 204: noContent, ...errorResponses };
  app.put(
    '/api/v1/outlets/:code/grants/:businessType',
    {
      config: { allow: requireDelegationAdmin },
      schema: {
        tags,
        params: outletGrantParamsSchema,
        body: grantBodySchema,
        response: changed,
      },
    },
    async (request, reply) => {
      const { code, businessType } = request.params;
      await setGrant(ctx, actorOf(request), { outletCode: code }, businessType, request.body);
      return reply.status(204).send(null);
    },
  );
  app.delete(
    '/api/v1/outlets/:code/grants/:businessType',
    {
      config: { allow: requireDelegationAdmin },
      schema: { tags, params: outletGrantParamsSchema, response: changed },
    },
    async (request, reply) => {
      const { code, businessType } = request.params;
      await withdrawGrant(ctx, actorOf(request), { outletCode: code }, businessType);
      return reply.status(204).send(null);
    },
  );
  app.put(
    '/api/v1/delegation/categories/:category/grants/:businessType',
    {
      config: { allow: requireDelegationAdmin },
      schema: {
        tags,
        params: categoryGrantParamsSchema,
        body: grantBodySchema,
        response: changed,
      },
    },
    async (request, reply) => {
      const { category, businessType } = request.params;
      await setGrant(ctx, actorOf(request), { category }, businessType, request.body);
      return reply.status(204).send(null);
    },
  );
  app.delete(
    '/api/v1/delegation/categories/:category/grants/:businessType',
    {
      config: { allow: requireDelegationAdmin },
      schema: { tags, params: categoryGrantParamsSchema, response: changed },
    },
    async (request, reply) => {
      const { category, businessType } = request.params;
      await withdrawGrant(ctx, actorOf(request), { category }, businessType);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/v1/me/business-types',
    { schema: { tags, response: { 200: outletBusinessTypesSchema, ...errorResponses } } },
    async (request) => businessTypesOfOutlet(ctx, actorOf(request), beijingDate(ctx.clock.now())),
  );
  app.get(
    '/api/v1/delegation/matrix',
    { schema: { tags, response: { 200: delegationMatrixSchema, ...errorResponses } } },
    async (request) => delegationMatrix(ctx.db, actorOf(request)),
  );
  app.get(
    '/api/v1/outlets/:code/delegation',
    {
      schema: {
        tags,
        params: outletCodeParamsSchema,
        response: { 200: outletDelegationSchema, ...errorResponses },
      },
    },
    async (request) => outletDelegation(ctx.db, actorOf(request), request.params.code),
  );
  app.post(
    '/api/v1/outlets/:code/suspension',
    {
      config: { allow: requireDelegationAdmin },
      schema: {
        tags,
        params: outletCodeParamsSchema,
        body: suspensionBodySchema,
        response: { 200: suspensionResponseSchema, ...errorResponses },
      },
    },
    async (request) =>
      suspendOutlet(ctx, actorOf(request), request.params.code, request.body.reason),
  );
  app.delete(
    '/api/v1/outlets/:code/suspension',
    {
      config: { allow: requireDelegationAdmin },
      schema: {
        tags,
        params: outletCodeParamsSchema,
        body: restoreBodySchema,
        response: { 200: suspensionResponseSchema, ...errorResponses },
      },
    },
    async (request) =>
      restoreOutlet(ctx, actorOf(request), request.params.code, request.body.note ?? null),
  );
};
