import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema } from '#shared/schemas/common.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';

/**
 * What Node's HTTP layer refuses before Fastify sees a request. `inject` bypasses the parser, so
 * these go over a real socket to the app listening on a free port.
 */
let t: TestApp;
let port: number;
beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
});
afterAll(async () => t.close());

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function parse(raw: Buffer): RawAnswer {
  const text = raw.toString('utf8');
  const end = text.indexOf('\r\n\r\n');
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  return { status: Number(statusLine!.split(' ')[1]), headers, body: text.slice(end + 4) };
}

/**
 * Sends bytes on a new connection and reads what the server answers until it ends the
 * connection. A server that closes with some of the request unread resets the connection
 * after its answer: the answer read by then counts.
 */
async function exchange(request: string | Buffer): Promise<RawAnswer> {
  return await new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    const done = () => resolve(parse(Buffer.concat(chunks)));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', done);
    socket.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'ECONNRESET' && chunks.length ? done() : reject(e),
    );
  });
}

/** A GET asking the server to close the connection after its answer. */
const get = (target: string, extra = '') =>
  `GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n${extra}\r\n`;

/** The contract's error shape and nothing else, in a closed connection's JSON answer. */
function expectContractError(res: RawAnswer, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.headers.connection).toBe('close');
  expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
  const body = JSON.parse(res.body) as unknown;
  expect(errorResponseSchema.strict().parse(body).error.code).toBe(code);
  expect(Object.keys(body as object)).toEqual(['error']);
  expect((body as { error: { message: string } }).error.message).toMatch(/[\u4e00-\u9fff]/);
  expect(res.body).not.toMatch(/\bat .*\.[jt]s:\d+/);
}

describe('errors of the HTTP layer', () => {
  it('answers raw UTF-8 in a URL with a 400 in the contract shape', async () => {
    for (const target of [
      '/api/v1/violations?plate=贵CA8830',
      '/api/v1/vehicles/by-plate/贵CA8830',
    ]) {
      expectContractError(await exchange(Buffer.from(get(target))), 400, 'VALIDATION_FAILED');
    }
    // Percent-encoded, the same request reaches the API (which asks for a login).
    const encoded = await exchange(
      get(`/api/v1/violations?plate=${encodeURIComponent('贵CA8830')}`),
    );
    expect(encoded.status).toBe(401);
  });

  it('answers a request that is not HTTP with a 400 in the contract shape', async () => {
    expectContractError(await exchange('NOT HTTP\r\n\r\n'), 400, 'VALIDATION_FAILED');
  });

  it('answers an HTTP/1.1 request without a Host header with a 400 in the contract shape', async () => {
    const res = await exchange('GET /api/health HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(res.status).toBe(400);
    expect(errorResponseSchema.parse(JSON.parse(res.body)).error.code).toBe('VALIDATION_FAILED');
    // HTTP/1.0 needs none.
    expect((await exchange('GET /api/health HTTP/1.0\r\n\r\n')).status).toBe(200);
  });

  it('answers an expectation it cannot meet with a 417 in the contract shape, and meets 100-continue', async () => {
    const post = (expect: string) =>
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n' +
      `Content-Type: application/json\r\nContent-Length: 2\r\nExpect: ${expect}\r\n\r\n{}`;
    const refused = await exchange(post('the-moon'));
    expectContractError(refused, 417, 'EXPECTATION_FAILED');
    expect(JSON.parse(refused.body).error.details).toEqual([
      { path: 'headers.expect', message: expect.any(String) },
    ]);
    // 100-continue is met: Node sends "100 Continue", then the login's own answer follows.
    const continued = await exchange(post('100-continue'));
    expect(continued.status).toBe(100);
    expect(continued.body).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('answers an oversized header or URL with a 431 in the contract shape', async () => {
    const pad = 'a'.repeat(20_000);
    expectContractError(
      await exchange(get('/api/health', `X-Pad: ${pad}\r\n`)),
      431,
      'HEADERS_TOO_LARGE',
    );
    expectContractError(await exchange(get(`/api/v1/verify/${pad}`)), 431, 'HEADERS_TOO_LARGE');
  });

  it('answers a request sent too slowly with a 408 in the contract shape', async () => {
    // Node raises this after its headers timeout (a minute by default); raised here at once.
    t.app.server.once('connection', (socket: net.Socket) => {
      const timeout = Object.assign(new Error('request timeout'), {
        code: 'ERR_HTTP_REQUEST_TIMEOUT',
      });
      setImmediate(() => t.app.server.emit('clientError', timeout, socket));
    });
    expectContractError(await exchange('GET /api/health HTTP/1.1\r\n'), 408, 'REQUEST_TIMEOUT');
  });
});
