/**
 * Platform setup: a fresh platform exactly as `npm start` builds it (startPlatform + buildApp), on
 * a new temporary data directory or a new database on the DATABASE_URL server (or on an existing
 * data directory, `--data-dir`), serving HTTP on 127.0.0.1. Every step registers its undoing with the clean-up.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { Env } from '../server/src/env.ts';
import { bufferedLog, buildApp } from '../server/src/app/server.ts';
import { startPlatform, type Platform } from '../server/src/app/start.ts';
import { startWorkers } from '../server/src/app/cluster.ts';
import type { BenchOptions } from './args.ts';
import { onCleanUp } from './cleanup.ts';
import { createDatabase } from './database.ts';
import { log } from './log.ts';
import { countLostRaces } from './lost-races.ts';
import { countStatements } from './sql-count.ts';
import { fmt } from './stats.ts';

export interface BenchServer {
  platform: Platform;
  port: number;
  /** http://127.0.0.1:<port> */
  base: string;
}

export async function startBenchServer(
  env: Env,
  opts: BenchOptions,
  runId: string,
): Promise<BenchServer> {
  let dataDir = opts.dataDir;
  if (!dataDir) {
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'cheguan-bench-'));
    fs.chmodSync(fresh, 0o755); // as root the embedded server runs as an unprivileged user
    onCleanUp('remove data directory', () => fs.rmSync(fresh, { recursive: true, force: true }));
    dataDir = fresh;
  }

  let databaseUrl: string | undefined;
  if (env.DATABASE_URL && !opts.dataDir) {
    databaseUrl = await createDatabase(env.DATABASE_URL, `cheguan_bench_${runId}`);
    log(`fresh database cheguan_bench_${runId} on the DATABASE_URL server`);
  }

  countStatements();
  countLostRaces();
  log(
    opts.dataDir
      ? `starting the platform on the existing data directory ${opts.dataDir}…`
      : 'starting the platform (migrate, seed the Zunyi demo network and 3000 vehicles)…',
  );
  const t0 = performance.now();
  const platform = await startPlatform({
    ...env,
    CHEGUAN_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    CHEGUAN_DEMO: 'auto',
    LOG_LEVEL: 'silent',
    DB_POOL_SIZE: opts.pool,
    DB_READ_LANES: opts.lanes,
  });
  onCleanUp('stop the platform', () => platform.close());
  // An existing directory holds the demo network from its first start (the generator's too).
  if (!platform.demoSeeded && !opts.dataDir)
    throw new Error('the fresh database was not seeded with the demo network');
  log(
    `platform ready in ${fmt((performance.now() - t0) / 1000)} s (${platform.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL server'})`,
  );

  if (opts.workers > 1) {
    // HTTP workers as `CHEGUAN_WORKERS` starts them, this process being their primary (it
    // owns the embedded database, as `npm start`'s first process does).
    const pool = await startWorkers({
      count: opts.workers,
      databaseUrl: platform.databaseUrl,
      // The server bundle, as `npm start` runs its workers (scripts/bench.mjs builds it).
      exec: fileURLToPath(new URL('../dist/server/main.mjs', import.meta.url)),
      log,
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        DB_POOL_SIZE: String(opts.pool),
        DB_READ_LANES: String(opts.lanes),
        CHEGUAN_DEMO: 'auto',
      },
    });
    onCleanUp('stop the HTTP workers', () => pool.stop());
    log(`${opts.workers} HTTP workers listen on port ${pool.port}`);
    return { platform, port: pool.port, base: `http://127.0.0.1:${pool.port}` };
  }
  const app = await buildApp(platform.ctx, {
    logLevel: opts.logLevel,
    logStream: opts.logLevel === 'silent' ? undefined : serverLog(runId, opts.logLevel),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  onCleanUp('close the HTTP server', () => app.close());
  const port = (app.server.address() as AddressInfo).port;
  return { platform, port, base: `http://127.0.0.1:${port}` };
}

/**
 * Where the server's log goes at `--log-level` other than silent: a file, written as `npm start`
 * writes its standard output (server.ts, `bufferedLog`), so the run pays what a logging server
 * pays, and the report stays readable. Removed when the run ends.
 */
function serverLog(runId: string, level: string) {
  const file = path.join(os.tmpdir(), `cheguan-bench-${runId}.log`);
  const buffered = bufferedLog(file);
  onCleanUp('remove the server log', () => {
    try {
      buffered.close();
      const mib = fs.statSync(file).size / 2 ** 20;
      log(`the server logged ${fmt(mib)} MiB at ${level} (${file}, now removed)`);
    } finally {
      // Also when a run that failed early never opened the file.
      buffered.stream.destroy();
      fs.rmSync(file, { force: true });
    }
  });
  return buffered.stream;
}
