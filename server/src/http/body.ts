import type { FastifyInstance } from 'fastify';
import { jsonProblem } from '#shared/schemas/text.ts';
import { AppError, invalid } from '../platform/errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The path parameters are opaque tokens the route itself judges (document verification: a
     * forged or altered token, control characters and all, is answered `valid:false`).
     */
    opaqueParams?: boolean;
  }
}

/** Bodies other than imports: an application or an admin form is a few kilobytes. */
export const BODY_LIMIT = 256 * 1024;
/** NDJSON imports (CONTRACT.md "Imports": up to 20,000 lines and at least 16 MiB a request). */
export const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;
export const IMPORT_MAX_LINES = 20_000;

/**
 * Whether an NDJSON body holds more than `max` records: lines with anything on them, as the
 * import reads them (blank lines are skipped, so they count towards nothing). Each match is one
 * such line, from its first character that is not white space to its end.
 */
function recordsOver(text: string, max: number) {
  const record = /\S[^\n]*/g;
  let records = 0;
  while (record.test(text)) if (++records > max) return true;
  return false;
}

/**
 * JSON bodies through Fastify's own parser (which refuses prototype poisoning), then
 * `jsonProblem`; an empty body (a DELETE sent with a JSON content type) is no body. NDJSON import
 * bodies are kept as text for the import, which judges each line alone, up to IMPORT_MAX_LINES.
 */
export function installBodyParsers(app: FastifyInstance) {
  // No route takes plain text: without this, Fastify's own text parser handed a JSON route a
  // string (400 "expected object") and an import a body not sent as NDJSON, where any other
  // media type is 415.
  app.removeContentTypeParser('text/plain');
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
      if (recordsOver(text, IMPORT_MAX_LINES)) {
        return done(
          new AppError('PAYLOAD_TOO_LARGE', `一次最多导入 ${IMPORT_MAX_LINES} 行，请分批发送`),
          undefined,
        );
      }
      return done(null, text);
    },
  );
  // Path and query parameters get the same check as bodies, before any route's schema; a route
  // whose path parameter is an opaque token judges that itself (a forged token is not valid).
  app.addHook('preValidation', async (request) => {
    // An import is NDJSON (CONTRACT.md "Imports"). A JSON body has a parser, so without this it
    // reached the import's schema as an object (400 "应为文本"); it is the wrong media type, as
    // any other is (415), and the answer names the right one.
    if (
      request.method === 'POST' &&
      request.url.startsWith('/api/v1/imports/') &&
      request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() === 'application/json'
    ) {
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        '导入数据须以 application/x-ndjson 发送，每行一条 JSON 记录',
      );
    }
    const opaque = request.routeOptions.config.opaqueParams === true;
    const problem = jsonProblem(
      opaque ? { query: request.query } : { params: request.params, query: request.query },
    );
    if (problem) throw invalid([problem]);
  });
  // Imports take large bodies; everything else keeps the small default.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1/imports/')) route.bodyLimit = IMPORT_BODY_LIMIT;
  });
}
