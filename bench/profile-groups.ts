/**
 * Where a profiled function's code lives, by its file: the groups that bench/profile-top.ts (CPU)
 * and bench/alloc-top.ts (allocations) sum, so that the two reports name the same parts.
 */
import type { CallFrame } from './profile-sources.ts';

const GROUPS: [RegExp, string][] = [
  [/node_modules\/kysely\//, 'Kysely (build, compile, run queries)'],
  [/node_modules\/pg(-protocol|-types|-pool)?\//, 'pg driver (protocol, parsing)'],
  [/node_modules\/(fastify|find-my-way|light-my-request|avvio|@fastify)/, 'Fastify'],
  [/node_modules\/(fast-json-stringify|secure-json-parse)/, 'Fastify JSON'],
  [/node_modules\/zod\//, 'zod'],
  [/node_modules\/fastify-type-provider-zod\//, 'fastify-type-provider-zod'],
  [/node_modules\/pino/, 'logging (pino)'],
  [/node_modules\//, 'other packages'],
  [/\/server\/src\//, 'application code'],
  [/\/shared\/src\//, 'shared code'],
  [/\/bench\//, 'the bench itself (profiler, SQL counter)'],
  [/^node:/, 'Node core (JS)'],
];

/** Groups of frames that are nobody's code: they are charged to the nearest caller that is. */
export const BORROWED = new Set(['Node core (JS)', 'native / builtins']);

export function groupOf(frame: CallFrame): string {
  const { functionName, url } = frame;
  if (!url) {
    if (['(idle)', '(program)', '(garbage collector)'].includes(functionName)) return functionName;
    if (
      functionName === 'writev' ||
      functionName === 'writeBuffer' ||
      functionName === 'writeUtf8String'
    )
      return 'socket writes (native)';
    return 'native / builtins';
  }
  return GROUPS.find(([re]) => re.test(url))?.[1] ?? 'other';
}

/** A frame's file as the reports print it: a package's path, or the repository's. */
export const shortUrl = (url: string) =>
  url.replace(/^.*\/node_modules\//, '').replace(/^.*\/(server|shared|bench)\//, '$1/');
