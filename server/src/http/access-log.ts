import { type FastifyInstance, type FastifyRequest, LogController } from 'fastify';

/**
 * One access line per answered request, instead of Fastify's two ("incoming request" with the
 * raw URL, "request completed"). Why:
 *
 * - A URL carries personal data: `/licences/{idNumber}` and `/drivers/{idNumber}` an identity
 *   number in full, `/vehicles/by-plate/{plate}` a plate, `/vehicles/by-vin/{vin}` a VIN,
 *   `/verify/{token}` a document's token. The line names the route's pattern instead, so a log
 *   shipped to an operator's collector holds none of them; a path no route matched is written
 *   with its long digit runs masked and no query.
 * - Fastify wrote each of its two lines to stdout by a system call of its own: about 12 % of the
 *   server's CPU per registry read on the 2-vCPU host, against one line written in blocks
 *   (server.ts; docs/BENCHMARKS.md, "One access line a request").
 *
 * The line keeps what an operator looks for: the request id (which the error handler's lines
 * carry too), method, route, status, time taken and who asked (the user id, never a name).
 * Server errors are logged where they happen (errors.ts), with the same request id.
 */
export function installAccessLog(app: FastifyInstance) {
  // Without a logger at info (LOG_LEVEL=warn, silent: the bench) the hook is not there at all.
  if (!LOGS_INFO.has(app.log.level)) return;
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? maskedPath(request.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        ...(request.actor ? { user: request.actor.userId } : {}),
      },
      'answered',
    );
    done();
  });
}

const LOGS_INFO = new Set(['trace', 'debug', 'info']);

/** Fastify's options for the access line above: its own request logging off. */
export const accessLogOptions = () => ({
  logController: new LogController({ disableRequestLogging: true }),
});

/**
 * A path no route matched, as logged: without its query, and with every run of six or more
 * digits (an identity number, a phone number, a document number) masked.
 */
export function maskedPath(url: FastifyRequest['url']): string {
  const path = url.split('?', 1)[0] ?? '';
  return path.replace(/\d{6,}[\dXx]?/g, (digits) => '*'.repeat(digits.length));
}
