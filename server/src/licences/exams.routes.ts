import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  examResultListQuerySchema,
  examResultListSchema,
  examResultRequestSchema,
  examResultResponseSchema,
  examSessionListSchema,
  examSessionQuerySchema,
  examSessionRequestSchema,
  examSessionSchema,
  sessionRankingSchema,
} from '#shared/schemas/exams.ts';
import { importResultSchema } from '#shared/schemas/vehicles.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errorResponses } from '../http/errors.ts';
import type { AppContext } from '../platform/context.ts';
import { examBookHandler } from './exam-book.handler.ts';
import { importExamResults } from './exam-results.import.ts';
import { recordExamResult, siteResultsOn } from './exam-results.service.ts';
import {
  closeSession,
  createSession,
  listSessionsFor,
  sessionRanking,
} from './exam-sessions.service.ts';
import { licenceApplyHandler } from './licence-apply.handler.ts';
import {
  requireExamAdministrator,
  requireExamRecorder,
  requireImporter,
} from './licences.policy.ts';
import type { DriverPoints } from './points-port.ts';

const sessionParams = z.object({ id: z.string().uuid() });

export const examRoutes: FastifyPluginAsyncZod<{ ctx: AppContext; points: DriverPoints }> = async (
  app,
  { ctx, points },
) => {
  const tags = ['exams'];
  // Results and closed sessions move applications on through their handlers' lifecycle events.
  const handlers = { licenceApply: licenceApplyHandler(points), examBook: examBookHandler, points };
  app.post(
    '/api/v1/exam-results',
    {
      config: { allow: requireExamRecorder },
      schema: {
        tags,
        body: examResultRequestSchema,
        response: { 201: examResultResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordExamResult(ctx, actorOf(request), request.body, handlers)),
  );
  app.post(
    '/api/v1/imports/exam-results',
    {
      config: { allow: requireImporter },
      schema: {
        tags: ['imports'],
        body: z.string().describe('NDJSON, one legacy exam result a line'),
        consumes: ['application/x-ndjson'],
        response: { 200: importResultSchema, ...errorResponses },
      },
    },
    async (request) => importExamResults(ctx, actorOf(request), request.body),
  );
  app.get(
    '/api/v1/exam-results',
    {
      schema: {
        tags,
        querystring: examResultListQuerySchema,
        response: { 200: examResultListSchema, ...errorResponses },
      },
    },
    async (request) => siteResultsOn(ctx, actorOf(request), request.query.date),
  );
  app.post(
    '/api/v1/exam-sessions',
    {
      config: { allow: requireExamAdministrator },
      schema: {
        tags,
        body: examSessionRequestSchema,
        response: { 201: examSessionSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createSession(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/exam-sessions',
    {
      schema: {
        tags,
        querystring: examSessionQuerySchema,
        response: { 200: examSessionListSchema, ...errorResponses },
      },
    },
    async (request) => listSessionsFor(ctx, actorOf(request), request.query),
  );
  app.get(
    '/api/v1/exam-sessions/:id',
    {
      schema: {
        tags,
        params: sessionParams,
        response: { 200: sessionRankingSchema, ...errorResponses },
      },
    },
    async (request) => sessionRanking(ctx, actorOf(request), request.params.id),
  );
  app.post(
    '/api/v1/exam-sessions/:id/close',
    {
      schema: {
        tags,
        params: sessionParams,
        response: { 200: sessionRankingSchema, ...errorResponses },
      },
    },
    async (request) => closeSession(ctx, actorOf(request), request.params.id, handlers.examBook),
  );
};
