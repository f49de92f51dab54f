import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponseSchema } from '#shared/schemas/common.ts';
import {
  callbackIdParamsSchema,
  callbackListQuerySchema,
  callbackListSchema,
  callbackOutcomeSchema,
  callbackSchema,
  outletHoursRequestSchema,
  outletHoursSchema,
  ratingRequestSchema,
  ratingSchema,
  rosterDrawIdParamsSchema,
  rosterDrawRequestSchema,
  rosterDrawSchema,
} from '#shared/schemas/service.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errorResponses } from '../http/errors.ts';
import { outletCodeParamsSchema as outletParams } from '../network/network.schema.ts';
import type { AppContext } from '../platform/context.ts';
import { handlingRoutes } from './handling.routes.ts';
import {
  requireHoursAdmin,
  requireRating,
  requireRosterDrawing,
  requireServiceReader,
} from './service.policy.ts';
import {
  callbacksFor,
  drawRoster,
  hoursOf,
  rateApplication,
  recordCallback,
  rosterDrawById,
  setHoursOf,
} from './service.service.ts';

const applicationIdParams = z.object({ id: z.uuid({ message: '业务编号无效' }) });

/** Service quality (CONTRACT.md Part 2 "Service quality (服)"). */
export const serviceRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['service'];
  await app.register(handlingRoutes, { ctx });
  app.post(
    '/api/v1/applications/:id/rating',
    {
      config: { allow: requireRating },
      schema: {
        tags,
        params: applicationIdParams,
        body: ratingRequestSchema,
        response: { 201: ratingSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await rateApplication(ctx, actorOf(request), request.params.id, request.body)),
  );
  app.get(
    '/api/v1/callbacks',
    {
      schema: {
        tags,
        querystring: callbackListQuerySchema,
        response: { 200: callbackListSchema, ...errorResponses },
      },
    },
    async (request) => callbacksFor(ctx, actorOf(request), request.query),
  );
  app.post(
    '/api/v1/callbacks/:id',
    {
      config: { allow: requireServiceReader },
      schema: {
        tags,
        params: callbackIdParamsSchema,
        body: callbackOutcomeSchema,
        response: { 200: callbackSchema, ...errorResponses },
      },
    },
    async (request) => recordCallback(ctx, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/outlets/:code/hours',
    {
      schema: {
        tags,
        params: outletParams,
        response: { 200: outletHoursSchema, ...errorResponses },
      },
    },
    async (request) => hoursOf(ctx, actorOf(request), request.params.code),
  );
  app.put(
    '/api/v1/outlets/:code/hours',
    {
      config: { allow: requireHoursAdmin },
      schema: {
        tags,
        params: outletParams,
        body: outletHoursRequestSchema,
        response: { 200: outletHoursSchema, ...errorResponses },
      },
    },
    async (request) => setHoursOf(ctx, actorOf(request), request.params.code, request.body),
  );
  app.post(
    '/api/v1/rosters/draws',
    {
      config: { allow: requireRosterDrawing },
      schema: {
        tags,
        body: rosterDrawRequestSchema,
        response: { 201: rosterDrawSchema, 422: errorResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await drawRoster(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/rosters/draws/:id',
    {
      config: { allow: requireRosterDrawing },
      schema: {
        tags,
        params: rosterDrawIdParamsSchema,
        response: { 200: rosterDrawSchema, ...errorResponses },
      },
    },
    async (request) => rosterDrawById(ctx, actorOf(request), request.params.id),
  );
};
