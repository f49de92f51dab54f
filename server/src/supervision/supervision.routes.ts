import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  alertIdParamsSchema,
  alertListQuerySchema,
  alertListSchema,
  alertSchema,
  bulletinParamsSchema,
  bulletinSchema,
  commitmentSchema,
  dispositionSchema,
  drawListQuerySchema,
  drawListSchema,
  drawRequestSchema,
  drawSchema,
  examOversightSchema,
  funnelParamsSchema,
  funnelSchema,
  periodSchema,
  revealSchema,
  reviewDrawRequestSchema,
  reviewDrawResponseSchema,
  reviewListQuerySchema,
  reviewListSchema,
  reviewSchema,
  runRequestSchema,
  runResponseSchema,
  stationRiskListSchema,
  verdictSchema,
} from '#shared/schemas/supervision.ts';
import { importResultSchema } from '#shared/schemas/vehicles.ts';
import { actorOf } from '../http/auth-hook.ts';
import { preferredType } from '../http/accept.ts';
import { errorResponseSchema } from '#shared/schemas/common.ts';
import { errorResponses } from '../http/errors.ts';
import type { AppContext } from '../platform/context.ts';
import { disposeAlert, getAlert, listAlertsFor } from './alerts.service.ts';
import type { SupervisionPorts } from './exam-port.ts';
import { bulletinPage, bulletinWorkbook } from './bulletin-render.ts';
import { bulletinFor } from './bulletins.service.ts';
import { commit, createDraw, drawById, publicDraws, reveal } from './draws.service.ts';
import { funnelFor } from './funnels.service.ts';
import { importHistory } from './history.import.ts';
import { examOversight, stationRiskFor } from './oversight.service.ts';
import { drawReviews, recordVerdict, reviewQueue } from './reviews.service.ts';
import { requestRun } from './runs.service.ts';
import {
  requireDisposing,
  requireDrawer,
  requireImporter,
  requireReviewer,
  requireRunner,
} from './supervision.policy.ts';

export const supervisionRoutes: FastifyPluginAsyncZod<{
  ctx: AppContext;
  ports: SupervisionPorts;
}> = async (app, { ctx, ports }) => {
  const tags = ['supervision'];
  app.post(
    '/api/v1/supervision/runs',
    {
      config: { allow: requireRunner },
      schema: {
        tags,
        body: runRequestSchema,
        response: { 200: runResponseSchema, ...errorResponses },
      },
    },
    async (request) => requestRun(ctx, actorOf(request), request.body, ports),
  );
  app.get(
    '/api/v1/supervision/funnels/:rule',
    {
      schema: {
        tags,
        params: funnelParamsSchema,
        querystring: periodSchema,
        response: { 200: funnelSchema, ...errorResponses },
      },
    },
    async (request) => funnelFor(ctx, actorOf(request), request.params.rule, request.query, ports),
  );
  app.get(
    '/api/v1/supervision/exam-oversight',
    {
      schema: {
        tags,
        querystring: periodSchema,
        response: { 200: examOversightSchema, ...errorResponses },
      },
    },
    async (request) => examOversight(ctx, actorOf(request), request.query, ports),
  );
  app.get(
    '/api/v1/supervision/station-risk',
    {
      schema: {
        tags,
        querystring: periodSchema,
        response: { 200: stationRiskListSchema, ...errorResponses },
      },
    },
    async (request) => stationRiskFor(ctx, actorOf(request), request.query),
  );
  app.post(
    '/api/v1/supervision/reviews/draws',
    {
      config: { allow: requireRunner },
      schema: {
        tags,
        body: reviewDrawRequestSchema,
        response: { 200: reviewDrawResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return drawReviews(ctx, actor, { cityCode: actor.cityCode, date: request.body.date }, ports);
    },
  );
  app.get(
    '/api/v1/supervision/reviews',
    {
      schema: {
        tags,
        querystring: reviewListQuerySchema,
        response: { 200: reviewListSchema, ...errorResponses },
      },
    },
    async (request) => reviewQueue(ctx.db, actorOf(request), request.query),
  );
  app.post(
    '/api/v1/supervision/reviews/:id/verdict',
    {
      config: { allow: requireReviewer },
      schema: {
        tags,
        params: alertIdParamsSchema,
        body: verdictSchema,
        response: { 200: reviewSchema, ...errorResponses },
      },
    },
    async (request) => recordVerdict(ctx, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/v1/alerts',
    {
      schema: {
        tags,
        querystring: alertListQuerySchema,
        response: { 200: alertListSchema, ...errorResponses },
      },
    },
    async (request) => listAlertsFor(ctx.db, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/alerts/:id',
    {
      schema: {
        tags,
        params: alertIdParamsSchema,
        response: { 200: alertSchema, ...errorResponses },
      },
    },
    async (request) => getAlert(ctx.db, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/alerts/:id/disposition',
    {
      config: { allow: requireDisposing },
      schema: {
        tags,
        params: alertIdParamsSchema,
        body: dispositionSchema,
        response: { 200: alertSchema, ...errorResponses },
      },
    },
    async (request) => disposeAlert(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/imports/applications-history',
    {
      config: { allow: requireImporter },
      schema: {
        tags: ['imports'],
        body: z.string().describe('NDJSON, one legacy application a line'),
        consumes: ['application/x-ndjson'],
        response: { 200: importResultSchema, ...errorResponses },
      },
    },
    async (request) => importHistory(ctx, actorOf(request), request.body),
  );

  const drawTags = ['spot-checks'];
  const drawParams = alertIdParamsSchema;
  app.post(
    '/api/v1/spot-checks/draws',
    {
      config: { allow: requireDrawer },
      schema: {
        tags: drawTags,
        body: drawRequestSchema,
        response: { 201: drawSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createDraw(ctx, actorOf(request), request.body)),
  );
  app.post(
    '/api/v1/spot-checks/draws/:id/commitments',
    {
      config: { allow: requireDrawer },
      schema: {
        tags: drawTags,
        params: drawParams,
        body: commitmentSchema,
        response: { 200: drawSchema, ...errorResponses },
      },
    },
    async (request) => commit(ctx, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/spot-checks/draws/:id/reveals',
    {
      config: { allow: requireDrawer },
      schema: {
        tags: drawTags,
        params: drawParams,
        body: revealSchema,
        response: { 200: drawSchema, ...errorResponses, 422: errorResponseSchema },
      },
    },
    async (request) => reveal(ctx, actorOf(request), request.params.id, request.body),
  );
  // Public (双随机一公开): anyone may check a draw from what is published.
  app.get(
    '/api/v1/spot-checks/draws/:id',
    {
      config: { public: true },
      schema: {
        tags: drawTags,
        params: drawParams,
        response: { 200: drawSchema, ...errorResponses },
      },
    },
    async (request) => drawById(ctx.db, request.params.id),
  );
  app.get(
    '/api/v1/spot-checks/draws',
    {
      config: { public: true },
      schema: {
        tags: drawTags,
        querystring: drawListQuerySchema,
        response: { 200: drawListSchema, ...errorResponses },
      },
    },
    async (request) => publicDraws(ctx.db, request.query),
  );

  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  app.get(
    '/api/v1/bulletins/:period/:date',
    {
      schema: {
        tags: ['bulletins'],
        params: bulletinParamsSchema,
        produces: ['application/json', XLSX],
        response: { 200: bulletinSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const bulletin = await bulletinFor(ctx.db, actor, request.params.period, request.params.date);
      // The workbook only when the client weighs it above JSON (q-values); anything else, JSON.
      if (preferredType(request.headers.accept, ['application/json', XLSX]) !== XLSX) {
        return bulletin;
      }
      const file = `bulletin-${bulletin.period}-${bulletin.from}.xlsx`;
      return (
        reply
          .type(XLSX)
          .header('content-disposition', `attachment; filename="${file}"`)
          // A Buffer goes out as is, past the JSON schema of the 200 answer.
          .send((await bulletinWorkbook(bulletin)) as never)
      );
    },
  );
  app.get(
    '/api/v1/bulletins/:period/:date/print',
    {
      schema: {
        tags: ['bulletins'],
        params: bulletinParamsSchema,
        produces: ['text/html'],
        response: { 200: z.string().describe('Printable A4 HTML'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const bulletin = await bulletinFor(ctx.db, actor, request.params.period, request.params.date);
      return reply.type('text/html; charset=utf-8').send(bulletinPage(bulletin));
    },
  );
};
