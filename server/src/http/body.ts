import type { FastifyInstance } from 'fastify';
import { textProblem } from '#shared/schemas/text.ts';
import { AppError, invalid } from '../platform/errors.ts';

/** The deepest JSON any request of this API needs (an application is 3–4 levels deep). */
export const MAX_JSON_DEPTH = 32;
/** Bodies other than imports: an application or an admin form is a few kilobytes. */
export const BODY_LIMIT = 256 * 1024;
/** NDJSON imports (CONTRACT.md "Imports": up to 20,000 lines and at least 16 MiB a request). */
export const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;
export const IMPORT_MAX_LINES = 20_000;

/**
 * The first problem of a parsed JSON value that no schema should ever see: nesting deeper than
 * MAX_JSON_DEPTH, or a string (value or key) with NUL, other control characters or a lone
 * surrogate (see shared/src/schemas/text.ts). Walked without recursion, so a hostile depth
 * cannot overflow the stack. Line breaks are left to each field's own schema.
 */
export function jsonProblem(root: unknown): { path: string; message: string } | null {
  const stack: { value: unknown; path: string[]; depth: number }[] = [
    { value: root, path: [], depth: 0 },
  ];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    const where = path.join('.') || '(root)';
    if (typeof value === 'string') {
      const problem = textProblem(value, true);
      if (problem) return { path: where, message: problem };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH)
      return { path: where, message: `嵌套层次不能超过 ${MAX_JSON_DEPTH} 层` };
    for (const [key, child] of Object.entries(value)) {
      const problem = textProblem(key, false);
      if (problem) return { path: [...path, key].join('.'), message: `字段名${problem}` };
      stack.push({ value: child, path: [...path, key], depth: depth + 1 });
    }
  }
  return null;
}

/**
 * JSON bodies through Fastify's own parser (which refuses prototype poisoning), then
 * `jsonProblem`; an empty body (a DELETE sent with a JSON content type) is no body. NDJSON import
 * bodies are kept as text for the import, which judges each line alone, up to IMPORT_MAX_LINES.
 */
export function installBodyParsers(app: FastifyInstance) {
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    if (!text.trim()) return done(null, undefined);
    jsonParser(request, text, (error, value) => {
      if (error) return done(error, undefined);
      const problem = jsonProblem(value);
      return problem ? done(invalid([problem]), undefined) : done(null, value);
    });
  });
  app.addContentTypeParser(
    'application/x-ndjson',
    { parseAs: 'string' },
    (_request, body, done) => {
      const text = String(body);
      let lines = 1;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
      if (lines > IMPORT_MAX_LINES + 1) {
        return done(
          new AppError('PAYLOAD_TOO_LARGE', `一次最多导入 ${IMPORT_MAX_LINES} 行，请分批发送`),
          undefined,
        );
      }
      return done(null, text);
    },
  );
  // Imports take large bodies; everything else keeps the small default.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1/imports/')) route.bodyLimit = IMPORT_BODY_LIMIT;
  });
}
