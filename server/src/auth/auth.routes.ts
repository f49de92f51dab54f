import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth-hook.ts';
import { loginResponseSchema, userSchema } from '#shared/schemas/auth.ts';
import { errorResponses } from '../http/errors.ts';
import type { AppContext } from '../platform/context.ts';
import { loginBodySchema } from './auth.schema.ts';
import { login, presentUser } from './auth.service.ts';
import { userRoutes } from './users.routes.ts';

export const authRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        body: loginBodySchema,
        response: { 200: loginResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { token, actor } = await login(ctx, request.body, request.ip);
      return { token, user: presentUser(actor) };
    },
  );

  app.get(
    '/api/v1/me',
    { schema: { tags: ['auth'], response: { 200: userSchema, ...errorResponses } } },
    async (request) => presentUser(actorOf(request)),
  );

  // Staff management belongs to the auth area; registered here so the app's route list stays as is.
  await app.register(userRoutes, { ctx });
};
