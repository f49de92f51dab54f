import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadEnv } from '../server/src/env.ts';
import { buildApp } from '../server/src/app/server.ts';
import { startPlatform, type Platform } from '../server/src/app/start.ts';
import { adminQuery, dropDatabase, withDatabase } from '../test/support/postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/**
 * Starts the real server with the built web app over a fresh database, seeded with the demo
 * network: the embedded one in a temporary directory, or a new database on DATABASE_URL's
 * server (CI), dropped again at the end.
 */
export default async function setup(project: TestProject) {
  const webDir = path.resolve('web/dist');
  if (!fs.existsSync(path.join(webDir, 'index.html'))) {
    throw new Error('web/dist is missing: run `npm run build:web` (npm run test:e2e does)');
  }
  const env = loadEnv();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cheguan-e2e-'));
  fs.chmodSync(dataDir, 0o755); // the embedded server runs as an unprivileged user
  let database: string | null = null;
  let databaseUrl: string | undefined;
  if (env.DATABASE_URL) {
    database = `cheguan_e2e_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    await adminQuery(env.DATABASE_URL, `CREATE DATABASE "${database}"`);
    databaseUrl = withDatabase(env.DATABASE_URL, database);
  }

  const cleanUp = async () => {
    if (database && env.DATABASE_URL) await dropDatabase(env.DATABASE_URL, database);
    fs.rmSync(dataDir, { recursive: true, force: true });
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
    project.provide('baseUrl', `http://127.0.0.1:${address.port}`);
    const running = platform;
    return async () => {
      await app.close();
      await running.close();
      await cleanUp();
    };
  } catch (e) {
    await platform?.close();
    await cleanUp();
    throw e;
  }
}
