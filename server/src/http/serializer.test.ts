import Fastify from 'fastify';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { licenceResponseSchema } from '#shared/schemas/licences.ts';
import { sampleLicenceResponse } from '../../../test/support/responses.ts';
import { applicationResponseSchema } from '#shared/schemas/applications.ts';
import { oneWayStep, responseSerializer } from './serializer.ts';

const serializerOf = (schema: z.ZodType) =>
  responseSerializer()({ schema, method: 'GET', url: '/x', httpStatus: '200' });

describe('responseSerializer', () => {
  it('writes what the schema admits, as encoding it would', () => {
    const licence = sampleLicenceResponse();
    const text = serializerOf(licenceResponseSchema)(licence);
    expect(JSON.parse(text)).toEqual(licence);
    expect(text).toBe(JSON.stringify(z.encode(licenceResponseSchema, licence)));
  });

  it('drops what the schema does not name, and refuses what it does not admit', () => {
    const schema = z.object({ a: z.string() });
    expect(serializerOf(schema)({ a: 'x', secret: 'y' })).toBe('{"a":"x"}');
    expect(() => serializerOf(schema)({ a: 1 })).toThrow(/Response doesn't match the schema/);
  });

  it('refuses, when the routes are built, a response schema with a one-way step', () => {
    expect(() => serializerOf(z.object({ a: z.string().default('x') }))).toThrow(/default/);
    expect(() => serializerOf(z.object({ a: z.array(z.string().transform(Number)) }))).toThrow(
      /transform/,
    );
    expect(() => serializerOf(z.object({ a: z.number().catch(0) }).nullable())).toThrow(/catch/);
    const isoDate = z.codec(z.iso.datetime(), z.date(), {
      decode: (s) => new Date(s),
      encode: (d) => d.toISOString(),
    });
    expect(() => serializerOf(z.object({ at: isoDate }))).toThrow(/codec|transform/);
    const tree: z.ZodType = z.lazy(() => z.object({ children: z.array(tree).default([]) }));
    expect(oneWayStep(tree)).toBe('default');
  });

  it('finds no one-way step in the contract response schemas it is given', () => {
    expect(oneWayStep(licenceResponseSchema)).toBeNull();
    expect(oneWayStep(applicationResponseSchema)).toBeNull();
  });

  it('checks every route when the app is built, before any answer', async () => {
    const app = Fastify();
    app.setSerializerCompiler(responseSerializer());
    app.get('/ok', { schema: { response: { 200: z.object({ n: z.number() }) } } }, () => ({
      n: 1,
    }));
    app.get(
      '/never-called',
      { schema: { response: { 200: z.object({ n: z.number().default(0) }) } } },
      () => ({ n: 1 }),
    );
    await expect(app.ready()).rejects.toThrow(/GET \/never-called .*default/);
  });

  it('answers through Fastify', async () => {
    const app = Fastify();
    app.setSerializerCompiler(responseSerializer());
    app.get('/ok', { schema: { response: { 200: z.object({ n: z.number() }) } } }, () => ({
      n: 1,
    }));
    const res = await app.inject({ method: 'GET', url: '/ok' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ n: 1 });
    await app.close();
  });
});
