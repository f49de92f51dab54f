import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inclusionProofSchema, verificationSchema } from '#shared/schemas/documents.ts';
import type { AppContext } from '../platform/context.ts';
import {
  documentProof,
  INVALID,
  verifyDocumentNumber,
  verifyDocumentToken,
} from './documents.service.ts';

const VERIFY_PATH = /^\/api\/v1\/verify\/(?:by-number\/[^/]+|[^/]+(\/proof)?)$/;

/**
 * What a verification address answers when its token is not even valid percent-encoding
 * ("%ff"), which Fastify refuses before any route is found: a forged token all the same, so
 * `valid:false` (or no proof), never an error (CONTRACT.md "Verification"). Null elsewhere.
 */
export function undecodableVerification(method: string, url: string): object | null {
  if (method !== 'GET' && method !== 'HEAD') return null;
  const match = VERIFY_PATH.exec(url.split('?')[0] ?? '');
  if (!match) return null;
  return match[1] ? { covered: false } : INVALID;
}

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
