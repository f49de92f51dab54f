import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fileEnv, type TestApp } from '../../../test/support/app.ts';

/**
 * CHEGUAN_WORKERS: the real entry point (the sources, through tsx) as a primary with HTTP
 * workers on one port over the test's database — requests spread over the workers, a worker
 * that dies is replaced, SIGTERM stops them all, and workers do not outlive a killed primary.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

interface LogLine {
  pid?: number;
  msg?: string;
  text: string;
}

/** The server's output, line by line, and a way to wait for a line. */
function startCluster(workers: number, port = 0) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: {
      ...fileEnv(t),
      DATABASE_URL: t.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      CHEGUAN_WORKERS: String(workers),
      CHEGUAN_DEMO: 'off',
      CHEGUAN_JOBS: 'on',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  const waiters: { match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  readline.createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: LogLine = { text };
    try {
      line = { ...(JSON.parse(text) as Omit<LogLine, 'text'>), text };
    } catch {
      // the primary's own lines are plain text
    }
    lines.push(line);
    for (const w of waiters.filter((w) => w.match(line))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(line);
    }
  });
  // What it says on stderr (warnings, a failed start), read so that the pipe never fills.
  const stderr: string[] = [];
  child.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return {
    child,
    lines,
    stderr,
    exited,
    waitFor(match: (l: LogLine) => boolean): Promise<LogLine> {
      const seen = lines.find(match);
      return seen
        ? Promise.resolve(seen)
        : new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

const listeningAt = (l: LogLine) =>
  /^Server listening at (http:\/\/127\.0\.0\.1:\d+)$/.exec(l.msg ?? '');

/** A GET on a connection of its own, so that the primary hands it to the next worker. */
function getOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers: { connection: 'close' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function workersOf(server: ReturnType<typeof startCluster>, count: number) {
  await server.waitFor((l) =>
    /listening \d+ ms after the process started \(\d+ HTTP workers\)/.test(l.text),
  );
  const listening = server.lines.filter((l) => listeningAt(l));
  expect(listening).toHaveLength(count);
  const pids = new Set(listening.map((l) => l.pid));
  expect(pids.size).toBe(count);
  expect(pids.has(server.child.pid)).toBe(false);
  // One port for all of them.
  const addresses = new Set(listening.map((l) => listeningAt(l)?.[1]));
  expect(addresses.size).toBe(1);
  return { pids: [...pids] as number[], base: [...addresses][0] as string };
}

describe('HTTP workers (CHEGUAN_WORKERS)', () => {
  it('serve one port together, a killed one is replaced, and SIGTERM stops them all', async () => {
    const server = startCluster(2);
    try {
      const { pids, base } = await workersOf(server, 2);
      const answers = await Promise.all(
        Array.from({ length: 12 }, () => getOnNewConnection(`${base}/api/health`)),
      );
      expect(answers.every((s) => s === 200)).toBe(true);
      // Every request is logged by the worker that served it: both served.
      await expect
        .poll(
          () => new Set(server.lines.filter((l) => l.msg === 'answered').map((l) => l.pid)).size,
        )
        .toBe(2);

      process.kill(pids[0]!, 'SIGKILL');
      const replaced = await server.waitFor((l) => !!listeningAt(l) && !pids.includes(l.pid!));
      expect(replaced.pid).toBeGreaterThan(0);
      expect(
        server.lines.some((l) => l.text.includes(`HTTP worker ${pids[0]} stopped (SIGKILL)`)),
      ).toBe(true);
      expect(await getOnNewConnection(`${base}/api/health`)).toBe(200);

      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect([pids[1]!, replaced.pid!].filter(alive)).toEqual([]);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 180_000);

  it('fail the start when one cannot serve (the port is taken)', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    const server = startCluster(2, port);
    try {
      expect(await server.exited).toBe(1);
      expect(server.stderr.join('')).toContain('an HTTP worker stopped before serving');
    } finally {
      server.child.kill('SIGKILL');
      taken.close();
    }
  }, 180_000);

  it('stop when their primary is killed', async () => {
    const server = startCluster(2);
    try {
      const { pids } = await workersOf(server, 2);
      server.child.kill('SIGKILL');
      await server.exited;
      await expect.poll(() => pids.filter(alive), { timeout: 30_000 }).toEqual([]);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 180_000);
});
