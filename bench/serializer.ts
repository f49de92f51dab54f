/**
 * The response serializer on its own: CPU time per answer of zod's parse then JSON.stringify (the
 * serializer before json-writer.ts) and of the writer compiled from the same schema, for a
 * licence read's answer and an application's. Rounds alternate, the median is printed.
 * Usage: npx tsx bench/serializer.ts [rounds]
 */
import type { z } from 'zod';
import { applicationResponseSchema } from '#shared/schemas/applications.ts';
import { licenceResponseSchema } from '#shared/schemas/licences.ts';
import { compileJsonWriter } from '../server/src/http/json-writer.ts';
import { sampleApplicationResponse, sampleLicenceResponse } from '../test/support/responses.ts';

const licence = sampleLicenceResponse();
const application = sampleApplicationResponse();

const rounds = Number(process.argv[2] ?? 7);
const PER_ROUND = 100_000;

/** CPU microseconds per call of `write`, over one round. */
function cpuPerCall(write: (v: unknown) => unknown, value: unknown): number {
  const start = process.cpuUsage();
  for (let i = 0; i < PER_ROUND; i++) write(value);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / PER_ROUND;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const [name, schema, value] of [
  ['licence', licenceResponseSchema, licence],
  ['application', applicationResponseSchema, application],
] as const) {
  const zodThenStringify = (v: unknown) => JSON.stringify((schema as z.ZodType).parse(v));
  const compiled = compileJsonWriter(schema);
  if (compiled(value) !== zodThenStringify(value)) throw new Error(`${name}: the two differ`);
  const before: number[] = [];
  const after: number[] = [];
  for (let r = 0; r < rounds; r++) {
    before.push(cpuPerCall(zodThenStringify, value));
    after.push(cpuPerCall(compiled, value));
  }
  console.log(
    `${name}: zod then JSON.stringify ${median(before).toFixed(2)} µs, compiled writer ${median(after).toFixed(2)} µs (CPU per answer, median of ${rounds} rounds of ${PER_ROUND})`,
  );
}
