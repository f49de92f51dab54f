import { STATUS_CODES, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyInstance } from 'fastify';
import { AppError, HTTP_STATUS, type ErrorCode, type ErrorDetail } from '../platform/errors.ts';

/**
 * What Node's HTTP layer refuses before Fastify has a request to hand to the error handler,
 * answered in the contract's error shape too (CONTRACT.md, "Errors").
 */

/** What Node's HTTP parser refused, by its error code, as the contract's error. */
function clientFailure(parserCode: string): {
  code: ErrorCode;
  message: string;
  details?: ErrorDetail[];
} {
  const malformed = (message: string) => ({
    code: 'VALIDATION_FAILED' as const,
    message,
    details: [{ path: '(request)', message: parserCode }],
  });
  switch (parserCode) {
    case 'HPE_HEADER_OVERFLOW':
      return { code: 'HEADERS_TOO_LARGE', message: '请求地址或请求头过长' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { code: 'REQUEST_TIMEOUT', message: '请求未在规定时间内发送完毕' };
    case 'HPE_INVALID_URL':
      // Most often a plate or a name typed into the address without percent-encoding.
      return malformed('请求地址不正确：中文等字符须按 UTF-8 百分号编码');
    default:
      return malformed('请求格式不正确');
  }
}

/** A refusal of Node's HTTP layer in the contract's shape, on a connection then closed. */
function contractAnswer(failure: { code: ErrorCode; message: string; details?: ErrorDetail[] }) {
  const status = HTTP_STATUS[failure.code];
  const body = JSON.stringify({ error: failure });
  const headers = {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
  };
  return { status, headers, body };
}

/**
 * Errors of a connection before there is a request (Node's `clientError`: raw UTF-8 in the URL,
 * a header section over Node's limit, a request sent too slowly): answered on the socket, which
 * is then closed, as Node itself answers them.
 */
export function clientErrorHandler(error: ConnectionError, socket: Socket) {
  // A reset connection has no one left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // A response already under way on this connection (keep-alive) must not be cut into.
  const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const { status, headers, body } = contractAnswer(clientFailure(error.code));
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines.join('')}\r\n${body}`);
  }
  socket.destroy(error);
}

/**
 * An `Expect` other than `100-continue` cannot be met (RFC 9110 §10.1.1): 417, as Node answers
 * it, but in the contract's shape instead of Node's empty body. The request is not processed.
 */
export function installExpectationCheck(server: Server) {
  server.on('checkExpectation', (_req, res) => {
    const { status, headers, body } = contractAnswer({
      code: 'EXPECTATION_FAILED',
      message: '不支持请求头 Expect 的取值（仅支持 100-continue）',
      details: [{ path: 'headers.expect', message: '仅支持 100-continue' }],
    });
    res.writeHead(status, headers).end(body);
  });
}

/** Node's own Host check, which answers an empty 400, gives way to `installHostCheck`. */
export const HTTP_SERVER_OPTIONS = { requireHostHeader: false };

/**
 * An HTTP/1.1 request without a Host header is refused (RFC 9112 §3.2), as Node would, but with
 * a 400 in the contract's shape, before any other check.
 */
export function installHostCheck(app: FastifyInstance) {
  // A callback hook, not an async one: every request passes it, and it waits for nothing.
  app.addHook('onRequest', (request, _reply, done) => {
    const hostless = request.raw.httpVersion === '1.1' && request.headers.host === undefined;
    done(hostless ? new AppError('VALIDATION_FAILED', '请求缺少 Host 请求头') : undefined);
  });
}
