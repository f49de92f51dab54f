/**
 * The load generator's HTTP/1.1 client: one keep-alive connection per closed-loop client, a
 * request written in one socket write, the answer read by its Content-Length (or its chunks).
 *
 * Why not `node:http`: its client cost the load generator's thread about 0.3 ms of CPU per mixed
 * application (a request object, header validation, the agent's socket pool, the response
 * stream), CPU that the server under test and PostgreSQL share on a small machine, where
 * pgbench's client (and wrk, in issue 9's first measurements) are C programs that cost little.
 * This one costs 0.18–0.25 ms, most of it building the requests (docs/BENCHMARKS.md).
 */
import net from 'node:net';

export interface Answer {
  status: number;
  text: string;
}

export interface Request {
  method: 'GET' | 'POST';
  path: string;
  token: string;
  body: string;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** The request's bytes: head and body in one string, written at once. */
function serialise(port: number, r: Request): string {
  const auth = r.token ? `Authorization: Bearer ${r.token}\r\n` : '';
  const body =
    r.method === 'POST'
      ? `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(r.body)}\r\n`
      : '';
  return `${r.method} ${r.path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${auth}${body}\r\n${r.method === 'POST' ? r.body : ''}`;
}

interface Head {
  status: number;
  /** Bytes of the body, or null for a chunked body. */
  length: number | null;
  close: boolean;
  bodyStart: number;
}

function parseHead(buffer: Buffer, end: number): Head {
  const lines = buffer.toString('latin1', 0, end).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1]);
  if (!Number.isInteger(status)) throw new Error(`not an HTTP answer: ${lines[0]}`);
  let length: number | null = 0;
  let close = false;
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    if (name === 'content-length') length = Number(value);
    else if (name === 'transfer-encoding' && value.includes('chunked')) length = null;
    else if (name === 'connection' && value === 'close') close = true;
  }
  return { status, length, close, bodyStart: end + HEADER_END.length };
}

/** A chunked body's bytes once all of it is in `data`, else null (wait for more). */
function dechunk(data: Buffer): Buffer | null {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return null;
    const size = parseInt(data.toString('latin1', at, lineEnd), 16);
    if (!Number.isFinite(size)) throw new Error('a malformed chunk size');
    const start = lineEnd + 2;
    // The last chunk: its size line, any trailers, and an empty line.
    if (size === 0) return data.indexOf(HEADER_END, lineEnd) >= 0 ? Buffer.concat(parts) : null;
    if (data.length < start + size + 2) return null;
    parts.push(data.subarray(start, start + size));
    at = start + size + 2;
  }
}

/** One connection to the server, one request at a time; it reconnects after a close. */
export class Connection {
  private socket: net.Socket | null = null;
  private data: Buffer = Buffer.alloc(0);
  private head: Head | null = null;
  private waiting: { resolve: (a: Answer) => void; reject: (e: Error) => void } | null = null;

  constructor(private readonly port: number) {}

  send(request: Request): Promise<Answer> {
    if (this.waiting) return Promise.reject(new Error('a request is already under way'));
    const socket = this.socket ?? this.connect();
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      socket.write(serialise(this.port, request));
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private connect(): net.Socket {
    const socket = net.connect({ host: '127.0.0.1', port: this.port, noDelay: true });
    // Events of a connection already closed and replaced are not the current request's.
    socket.on('data', (chunk: Buffer) => {
      if (this.socket === socket) this.received(chunk);
    });
    const lost = (e?: Error) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.data = Buffer.alloc(0);
      this.head = null;
      this.settle(null, e ?? new Error('the server closed the connection'));
    };
    socket.on('error', lost);
    socket.on('close', () => lost());
    this.socket = socket;
    return socket;
  }

  private received(chunk: Buffer) {
    this.data = this.data.length ? Buffer.concat([this.data, chunk]) : chunk;
    try {
      if (!this.head) {
        const end = this.data.indexOf(HEADER_END);
        if (end < 0) return;
        this.head = parseHead(this.data, end);
      }
      const rest = this.data.subarray(this.head.bodyStart);
      let body: Buffer | null;
      if (this.head.length === null) body = dechunk(rest);
      else body = rest.length >= this.head.length ? rest.subarray(0, this.head.length) : null;
      if (!body) return;
      const { status, close } = this.head;
      this.head = null;
      this.data = Buffer.alloc(0);
      if (close) this.close();
      this.settle({ status, text: body.toString('utf8') }, null);
    } catch (e) {
      this.close();
      this.settle(null, e as Error);
    }
  }

  private settle(answer: Answer | null, error: Error | null) {
    const waiting = this.waiting;
    if (!waiting) return;
    this.waiting = null;
    if (answer) waiting.resolve(answer);
    else waiting.reject(error!);
  }
}
