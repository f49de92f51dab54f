import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema } from '#shared/schemas/common.ts';
import {
  appointmentIdParamsSchema,
  appointmentRequestSchema,
  appointmentSchema,
  bindingRequestSchema,
  bookableOutletsQuerySchema,
  bookableOutletsResponseSchema,
  citizenCreatedSchema,
  citizenMeSchema,
  citizenRegistrationSchema,
  citizenVehicleSchema,
  plateParamsSchema,
  slotsQuerySchema,
  slotsResponseSchema,
  smsCodeRequestSchema,
  smsCodeResponseSchema,
} from '#shared/schemas/citizens.ts';
import { actorOf } from '../http/auth-hook.ts';
import { errorResponses, noContent } from '../http/errors.ts';
import type { DriverPoints } from '../licences/points-port.ts';
import type { AppContext } from '../platform/context.ts';
import {
  bookableOutlets,
  bookAppointment,
  cancelAppointment,
  listSlots,
} from './appointments.service.ts';
import {
  bindVehicle,
  citizenMe,
  registerCitizen,
  sendSmsCode,
  unbindVehicle,
} from './citizens.service.ts';
import { requireCitizen } from './citizens.policy.ts';

/** The internet channel (CONTRACT.md Part 2 "Internet channel (E)"). */
export const citizenRoutes: FastifyPluginAsyncZod<{
  ctx: AppContext;
  points: DriverPoints;
}> = async (app, { ctx, points }) => {
  const tags = ['citizens'];
  const refused = { 422: errorResponseSchema };
  app.post(
    '/api/v1/citizens/sms-codes',
    {
      config: { public: true },
      schema: {
        tags,
        body: smsCodeRequestSchema,
        response: { 202: smsCodeResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await sendSmsCode(ctx, request.body.phone, request.log)),
  );
  app.post(
    '/api/v1/citizens',
    {
      config: { public: true },
      schema: {
        tags,
        body: citizenRegistrationSchema,
        response: { 201: citizenCreatedSchema, ...refused, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await registerCitizen(ctx, request.body)),
  );
  app.get(
    '/api/v1/citizens/me',
    { schema: { tags, response: { 200: citizenMeSchema, ...errorResponses } } },
    async (request) => citizenMe(ctx, actorOf(request), points),
  );
  app.post(
    '/api/v1/citizens/me/vehicles',
    {
      config: { allow: requireCitizen },
      schema: {
        tags,
        body: bindingRequestSchema,
        response: { 201: citizenVehicleSchema, ...refused, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await bindVehicle(ctx, actorOf(request), request.body.plate)),
  );
  app.delete(
    '/api/v1/citizens/me/vehicles/:plate',
    {
      config: { allow: requireCitizen },
      schema: { tags, params: plateParamsSchema, response: { 204: noContent, ...errorResponses } },
    },
    async (request, reply) => {
      await unbindVehicle(ctx, actorOf(request), request.params.plate);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/v1/appointments/outlets',
    {
      config: { allow: requireCitizen },
      schema: {
        tags: ['appointments'],
        querystring: bookableOutletsQuerySchema,
        response: { 200: bookableOutletsResponseSchema, ...errorResponses },
      },
    },
    async (request) => bookableOutlets(ctx, actorOf(request), request.query.businessType),
  );
  app.get(
    '/api/v1/appointments/slots',
    {
      schema: {
        tags: ['appointments'],
        querystring: slotsQuerySchema,
        response: { 200: slotsResponseSchema, ...errorResponses },
      },
    },
    async (request) =>
      listSlots(ctx, actorOf(request), request.query.outletCode, request.query.date),
  );
  app.post(
    '/api/v1/appointments',
    {
      config: { allow: requireCitizen },
      schema: {
        tags: ['appointments'],
        body: appointmentRequestSchema,
        response: { 201: appointmentSchema, ...refused, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await bookAppointment(ctx, actorOf(request), request.body)),
  );
  app.delete(
    '/api/v1/appointments/:id',
    {
      config: { allow: requireCitizen },
      schema: {
        tags: ['appointments'],
        params: appointmentIdParamsSchema,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await cancelAppointment(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
