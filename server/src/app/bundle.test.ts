import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fileEnv, type TestApp } from '../../../test/support/app.ts';

/**
 * What `npm start` and `npx cheguan` run is the esbuild bundle of the server (scripts/build.mjs),
 * not the sources every other test loads: it must be rebuilt when a source changes, find the
 * files that live beside the sources (the migrations), and start and stop like the sources do.
 */
let t: TestApp;
const node = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...fileEnv(t), ...env } });

beforeAll(async () => {
  t = await createTestApp();
  const built = node(['scripts/build.mjs', 'server']);
  if (built.status !== 0) throw new Error(`the server bundle did not build: ${built.stderr}`);
}, 120_000);
afterAll(async () => t.close());

describe('the server bundle', () => {
  it('is built again when one of its inputs changed, and only then', () => {
    const again = node(['scripts/build.mjs', 'server']);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe('');

    const touched = path.resolve('tsconfig.json');
    fs.utimesSync(touched, new Date(), new Date());
    const rebuilt = node(['scripts/build.mjs', 'server']);
    expect(rebuilt.stdout).toMatch(/^Server bundled in \d+ ms/);
    expect(node(['scripts/build.mjs', 'server']).stdout).toBe('');
  }, 120_000);

  it('runs the CLI, which finds the migrations beside the sources', () => {
    const run = node(['bin/cheguan.mjs', 'migrate'], { DATABASE_URL: t.databaseUrl });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Nothing to apply.');
    expect(run.status).toBe(0);
  }, 120_000);

  it('serves, says how long each start phase took, and stops cleanly on SIGTERM', async () => {
    const server = spawn(process.execPath, ['dist/server/main.mjs'], {
      env: {
        ...fileEnv(t),
        DATABASE_URL: t.databaseUrl,
        PORT: '0',
        HOST: '127.0.0.1',
        CHEGUAN_JOBS: 'on',
        // The test database is a demo whose activity was never loaded: a start with the demo
        // on would load it first (demo-activity.test.ts covers that).
        CHEGUAN_DEMO: 'off',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    let address = '';
    let phases: Record<string, number> | undefined;
    for await (const line of readline.createInterface({ input: server.stdout })) {
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (listening) address = listening[1] ?? '';
      if (line.includes('"msg":"listening ')) {
        phases = (JSON.parse(line) as { ms: Record<string, number> }).ms;
        break;
      }
    }
    server.stdout.resume(); // the rest of its output (request logs) is not read, only drained
    expect(Object.keys(phases ?? {})).toEqual([
      'modules',
      'migrations',
      'bootstrap',
      'keys',
      'routes',
      'listen',
      'jobs',
    ]);
    const health = await fetch(`${address}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 120_000);
});
