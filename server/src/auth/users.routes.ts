import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  passwordResetSchema,
  staffUserSchema,
  userCreateSchema,
  userListSchema,
  userUpdateSchema,
} from '#shared/schemas/users.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errorResponses, noContent } from '../http/errors.ts';
import type { AppContext } from '../platform/context.ts';
import { administeredCity } from './users.policy.ts';
import { userListQuerySchema, usernameParamsSchema } from './users.schema.ts';
import {
  createStaffUser,
  getUserFor,
  listUsersFor,
  resetPasswordAs,
  setUserActiveAs,
  updateUserAs,
} from './users.service.ts';

/** Staff accounts and roles, managed by the administrator of a city. */
export const userRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['users'];
  const params = usernameParamsSchema;

  app.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        querystring: userListQuerySchema,
        response: { 200: userListSchema, ...errorResponses },
      },
    },
    async (request) => await listUsersFor(ctx.db, actorOf(request), request.query),
  );
  app.post(
    '/api/v1/users',
    {
      config: { allow: administeredCity },
      schema: {
        tags,
        body: userCreateSchema,
        response: { 201: staffUserSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const user = await createStaffUser(
        ctx.db,
        { kind: 'admin', actor },
        request.body,
        ctx.clock.now(),
      );
      return reply.status(201).send(user);
    },
  );
  app.get(
    '/api/v1/users/:username',
    { schema: { tags, params, response: { 200: staffUserSchema, ...errorResponses } } },
    async (request) => await getUserFor(ctx.db, actorOf(request), request.params.username),
  );
  app.put(
    '/api/v1/users/:username',
    {
      config: { allow: administeredCity },
      schema: {
        tags,
        params,
        body: userUpdateSchema,
        response: { 200: staffUserSchema, ...errorResponses },
      },
    },
    async (request) =>
      await updateUserAs(
        ctx.db,
        actorOf(request),
        request.params.username,
        request.body,
        ctx.clock.now(),
      ),
  );
  app.post(
    '/api/v1/users/:username/deactivation',
    { schema: { tags, params, response: { 200: staffUserSchema, ...errorResponses } } },
    async (request) =>
      await setUserActiveAs(
        ctx.db,
        actorOf(request),
        request.params.username,
        false,
        ctx.clock.now(),
      ),
  );
  app.delete(
    '/api/v1/users/:username/deactivation',
    { schema: { tags, params, response: { 200: staffUserSchema, ...errorResponses } } },
    async (request) =>
      await setUserActiveAs(
        ctx.db,
        actorOf(request),
        request.params.username,
        true,
        ctx.clock.now(),
      ),
  );
  app.put(
    '/api/v1/users/:username/password',
    {
      config: { allow: administeredCity },
      schema: {
        tags,
        params,
        body: passwordResetSchema,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await resetPasswordAs(
        ctx.db,
        actorOf(request),
        request.params.username,
        request.body.password,
        ctx.clock.now(),
      );
      return reply.status(204).send(null);
    },
  );
};
