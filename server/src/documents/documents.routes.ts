import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inclusionProofSchema, verificationSchema } from '#shared/schemas/documents.ts';
import type { AppContext } from '../platform/context.ts';
import { documentProof, verifyDocumentNumber, verifyDocumentToken } from './documents.service.ts';

export const documentRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/api/v1/verify/:token',
    {
      config: { public: true, opaqueParams: true },
      schema: {
        tags: ['documents'],
        params: z.object({ token: z.string() }),
        response: { 200: verificationSchema },
      },
    },
    async (request) => verifyDocumentToken(ctx.db, ctx.signer, request.params.token),
  );
  app.get(
    '/api/v1/verify/:token/proof',
    {
      config: { public: true, opaqueParams: true },
      schema: {
        tags: ['documents'],
        params: z.object({ token: z.string() }),
        response: { 200: inclusionProofSchema },
      },
    },
    async (request) => documentProof(ctx.db, ctx.signer, request.params.token),
  );
  app.get(
    '/api/v1/verify/by-number/:number',
    {
      config: { public: true, opaqueParams: true },
      schema: {
        tags: ['documents'],
        params: z.object({ number: z.string() }),
        response: { 200: verificationSchema },
      },
    },
    async (request) => verifyDocumentNumber(ctx.db, request.params.number),
  );
};
