import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * Checks each response against its route's schema, then writes it as JSON.
 *
 * fastify-type-provider-zod's own compiler encodes (zod's backward direction), which reads every
 * value twice (a first pass without checks, then the checks) and without zod's compiled object
 * parsers: 4.6–5.4 µs for a licence against 0.9 µs for the same check forward, on every answer of
 * the API. Forward and backward give the same value unless a schema has a step that works one
 * way only (a transform, a codec, a default, a catch); no response schema has one, and this
 * compiler refuses, when the routes are built, any that does.
 */
export const responseSerializer: FastifySerializerCompiler<z.ZodType> = ({
  schema,
  method,
  url,
}) => {
  const oneWay = oneWayStep(schema);
  if (oneWay) {
    throw new Error(`response schema of ${method} ${url} has a one-way step (${oneWay})`);
  }
  return (data) => {
    const result = schema.safeParse(data);
    if (!result.success) throw new ResponseSerializationError(method, url, { cause: result.error });
    return JSON.stringify(result.data);
  };
};

/** zod's kinds of step whose forward and backward readings differ. */
const ONE_WAY = new Set(['transform', 'default', 'prefault', 'catch']);

/** The first one-way step inside a schema (a codec is a pipe with its own transforms), or null. */
export function oneWayStep(root: z.ZodType): string | null {
  const seen = new Set<unknown>();
  const stack: unknown[] = [root];
  while (stack.length) {
    const schema = stack.pop();
    if (!(schema instanceof z.ZodType) || seen.has(schema)) continue;
    seen.add(schema);
    const def = schema.def as unknown as Record<string, unknown> & { type: string };
    if (ONE_WAY.has(def.type)) return def.type;
    if (def.type === 'pipe' && 'reverseTransform' in def) return 'codec';
    if (def.type === 'lazy') stack.push((def.getter as () => unknown)());
    for (const value of Object.values(def)) {
      if (value instanceof z.ZodType) stack.push(value);
      else if (Array.isArray(value)) stack.push(...value);
      else if (value && typeof value === 'object') stack.push(...Object.values(value));
    }
  }
  return null;
}
