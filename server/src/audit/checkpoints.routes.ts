import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditPublicKeySchema, publishedCheckpointSchema } from '#shared/schemas/documents.ts';
import { errorResponses } from '../http/errors.ts';
import type { AppContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { latestPublished } from './checkpoints.service.ts';

/** The published audit checkpoints and their public key: public, like document verification. */
export const checkpointRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  const tags = ['audit'];
  app.get(
    '/api/v1/audit/checkpoints/latest',
    {
      config: { public: true },
      schema: { tags, response: { 200: publishedCheckpointSchema, ...errorResponses } },
    },
    async () => {
      const latest = await latestPublished(ctx);
      if (!latest) throw notFound('审计检查点');
      return latest;
    },
  );
  app.get(
    '/api/v1/audit/public-key',
    { config: { public: true }, schema: { tags, response: { 200: auditPublicKeySchema } } },
    async () => ({ algorithm: 'Ed25519' as const, publicKey: ctx.checkpointSigner.publicKeyPem }),
  );
};
