import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Connection } from './http-client.ts';

let server: http.Server | null = null;

async function serve(handler: http.RequestListener): Promise<number> {
  server = http.createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = null;
});

describe('the load generator HTTP client', () => {
  it('sends a request with its headers and body and reads answers on one connection', async () => {
    const seen: string[] = [];
    const sockets = new Set<unknown>();
    const port = await serve((req, res) => {
      sockets.add(req.socket);
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${req.headers.authorization} ${body}`);
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'completed', name: '贵CA8830' }));
      });
    });
    const c = new Connection(port);
    const first = await c.send({ method: 'POST', path: '/a', token: 't1', body: '{"x":"车"}' });
    const second = await c.send({ method: 'GET', path: '/b', token: '', body: '' });
    c.close();
    expect(first).toEqual({ status: 201, text: '{"status":"completed","name":"贵CA8830"}' });
    expect(second.status).toBe(201);
    expect(seen).toEqual(['POST /a Bearer t1 {"x":"车"}', 'GET /b undefined ']);
    expect(sockets.size).toBe(1);
  });

  it('reads a chunked answer that arrives in pieces', async () => {
    const port = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('第一块,');
      setTimeout(() => res.end('second'), 20);
    });
    const c = new Connection(port);
    expect(await c.send({ method: 'GET', path: '/', token: '', body: '' })).toEqual({
      status: 200,
      text: '第一块,second',
    });
    c.close();
  });

  it('connects again after an answer that closes the connection', async () => {
    const sockets = new Set<unknown>();
    const port = await serve((req, res) => {
      sockets.add(req.socket);
      res.writeHead(422, { connection: 'close', 'content-length': '2' });
      res.end('no');
    });
    const c = new Connection(port);
    const answers = [
      await c.send({ method: 'GET', path: '/', token: '', body: '' }),
      await c.send({ method: 'GET', path: '/', token: '', body: '' }),
    ];
    c.close();
    expect(answers).toEqual([
      { status: 422, text: 'no' },
      { status: 422, text: 'no' },
    ]);
    expect(sockets.size).toBe(2);
  });

  it('fails a request whose connection the server drops, and works again after it', async () => {
    let calls = 0;
    const port = await serve((req, res) => {
      if (++calls === 1) req.socket.destroy();
      else res.end('ok');
    });
    const c = new Connection(port);
    await expect(c.send({ method: 'GET', path: '/', token: '', body: '' })).rejects.toThrow();
    expect(await c.send({ method: 'GET', path: '/', token: '', body: '' })).toEqual({
      status: 200,
      text: 'ok',
    });
    c.close();
  });
});
