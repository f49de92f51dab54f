import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  laneBoardQuerySchema,
  laneBoardSchema,
  laneTimingsQuerySchema,
  laneTimingsSchema,
} from '#shared/schemas/lanes.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errorResponses } from '../http/errors.ts';
import { outletCodeParamsSchema } from '../network/network.schema.ts';
import type { AppContext } from '../platform/context.ts';
import { laneBoard, laneTimings } from './lane.service.ts';

/** The one-lane registration of an office (通道式上牌): its live board and its stage timings. */
export const laneRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['vehicles'];
  app.get(
    '/api/v1/outlets/:code/lane-board',
    {
      schema: {
        tags,
        params: outletCodeParamsSchema,
        querystring: laneBoardQuerySchema,
        response: { 200: laneBoardSchema, ...errorResponses },
      },
    },
    async (request) => laneBoard(ctx, actorOf(request), request.params.code, request.query),
  );
  app.get(
    '/api/v1/outlets/:code/lane-timings',
    {
      schema: {
        tags,
        params: outletCodeParamsSchema,
        querystring: laneTimingsQuerySchema,
        response: { 200: laneTimingsSchema, ...errorResponses },
      },
    },
    async (request) => laneTimings(ctx, actorOf(request), request.params.code, request.query),
  );
};
