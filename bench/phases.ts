/**
 * One phase = one workload at one concurrency, in a worker thread; measured here are the
 * server's side of the window (event loop, machine CPU, SQL statements).
 */
import os from 'node:os';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { BenchOptions } from './args.ts';
import { backgroundOver, type BackgroundMark, type BackgroundOver } from './background.ts';
import { setActiveWorker } from './cleanup.ts';
import type { PhaseInput, PhaseOutput, WorkerMessage } from './load-worker.ts';
import { log } from './log.ts';
import { postgresCpuMs, postgresCpuSince, serverCpuMs, workerPids } from './thread-cpu.ts';
import { perfRecorder } from './perf-record.ts';
import { allOf, windowProfiler, type WindowProfiler } from './profile.ts';
import { raceCounter } from './lost-races.ts';
import { sqlCounter } from './sql-count.ts';
import {
  hostShare,
  hostTicks,
  slowestShare,
  stallsLine,
  watchThread,
  type HostShare,
  type PhaseStalls,
  type ThreadPauses,
} from './stalls.ts';
import { fmt, summarise, type LatencySummary } from './stats.ts';
import { walPerApp, type WalMark, type WalPerApp } from './wal.ts';
import {
  BUSINESS_TYPE,
  capacity,
  shortWindowNote,
  type WorkloadName,
  type WorkloadSpec,
} from './workloads.ts';

export interface PhaseResult {
  workload: WorkloadName;
  concurrency: number;
  /** Requests per second offered by an open-loop phase (at most `concurrency` at once); null: closed loop. */
  offeredRate: number | null;
  throughput: number;
  latency: LatencySummary;
  errors: number;
  errorSamples: string[];
  /** SQL statements the server sent per completed application in the window. */
  statementsPerApp: number;
  /** Round trips those statements took (a BEGIN or a write behind rides with the next one). */
  roundTripsPerApp: number;
  /** Steps run again in the window after losing a race (a number taken meanwhile, 40001, 40P01). */
  runsAgain: number;
  /** CPU ms the server's thread used per completed request in the window (load-independent). */
  serverCpuMsPerApp: number;
  /**
   * CPU ms PostgreSQL's processes on this machine used per completed request in the window
   * (NaN for a server elsewhere): with the server thread's, the two halves of a write's cost.
   */
  databaseCpuMsPerApp: number;
  /** CPU ms the load generator's thread used per completed request: the client's own cost. */
  loadCpuMsPerApp: number;
  /** Share of the window the server's event loop was busy (1 = Node is the bottleneck). */
  serverLoopBusy: number;
  /** Share of all CPU time of the machine that was busy during the window. */
  cpuBusy: number;
  /** The database server's log written per completed request: its work, whatever the host's speed. */
  wal: WalPerApp;
  /** What could have stalled the window, beside where its slowest requests fell (stalls.ts). */
  stalls: PhaseStalls;
}

/** Reads the database server's log position and counters (null where it cannot be read). */
export type ReadWal = () => Promise<WalMark | null>;
/** Reads the database server's background work so far (null where it cannot be read). */
export type ReadBackground = () => Promise<BackgroundMark | null>;

/** The database server's readings a window takes at its start and its end. */
export interface DatabaseReaders {
  wal: ReadWal;
  background: ReadBackground;
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
 * The worker's entry: a tiny ES module that registers tsx in the worker and then imports
 * load-worker.ts from its source (the load generator is not in the bench's bundle, and a worker
 * thread would not inherit a TypeScript loader of the main thread either).
 */
function loadWorkerUrl(): URL {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./load-worker.ts', import.meta.url).href;
  const code = `import { register } from ${JSON.stringify(tsx)};\nregister();\nawait import(${JSON.stringify(entry)});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

function runPhase(
  input: PhaseInput,
  profiler: WindowProfiler | null,
  readers: DatabaseReaders,
): Promise<{
  output: PhaseOutput;
  window: WindowStats;
  wal: { start: WalMark | null; end: WalMark | null };
  background: BackgroundOver | null;
}> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(loadWorkerUrl(), { workerData: input });
    setActiveWorker(worker);
    let startMark: {
      elu: EventLoopUtilization;
      cpu: ReturnType<typeof cpuTimes>;
      host: ReturnType<typeof hostTicks>;
      /** Wall clock, to set the window beside other logs (the database server's, a probe's). */
      at: number;
      sql: number;
      roundTrips: number;
      runsAgain: number;
      threadMs: number;
      postgres: Map<number, number>;
    } | null = null;
    let window: WindowStats | null = null;
    let profiled: Promise<unknown> = Promise.resolve();
    let walStart: Promise<WalMark | null> = Promise.resolve(null);
    let walEnd: Promise<WalMark | null> = Promise.resolve(null);
    let backgroundStart: Promise<BackgroundMark | null> = Promise.resolve(null);
    let backgroundEnd: Promise<BackgroundMark | null> = Promise.resolve(null);
    let serverWatch: ReturnType<typeof watchThread> | null = null;
    const closeWindow = () => {
      if (!startMark || window) return;
      const cpu = cpuTimes();
      // With HTTP workers the server's loop and its statements are in other processes: not
      // counted; their main threads' CPU is.
      const inWorkers = workerPids().length > 0;
      const serverPauses = serverWatch?.stop() ?? null;
      window = {
        serverLoopBusy: inWorkers
          ? Number.NaN
          : performance.eventLoopUtilization(startMark.elu).utilization,
        cpuBusy: (cpu.busy - startMark.cpu.busy) / Math.max(1, cpu.total - startMark.cpu.total),
        host: hostShare(startMark.host, hostTicks()),
        began: startMark.at,
        statements: inWorkers ? Number.NaN : sqlCounter.statements - startMark.sql,
        roundTrips: inWorkers ? Number.NaN : sqlCounter.roundTrips - startMark.roundTrips,
        runsAgain: inWorkers ? Number.NaN : raceCounter.runsAgain - startMark.runsAgain,
        serverCpuMs: serverCpuMs() - startMark.threadMs,
        databaseCpuMs: postgresCpuSince(startMark.postgres),
        serverPauses: inWorkers ? null : serverPauses,
      };
      walEnd = readers.wal();
      backgroundEnd = readers.background();
      profiled = (profiler?.stop() ?? Promise.resolve(null))
        .then((file) => file && log(`profile of the window: ${file}`))
        .catch((e: unknown) => log(`profile failed: ${String(e)}`));
    };
    let done = false;
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'window-start') {
        void profiler?.start();
        // PostgreSQL's reading first (a walk of /proc): the window's own figures leave it out.
        startMark = {
          postgres: postgresCpuMs(),
          elu: performance.eventLoopUtilization(),
          cpu: cpuTimes(),
          host: hostTicks(),
          at: Date.now(),
          sql: sqlCounter.statements,
          roundTrips: sqlCounter.roundTrips,
          runsAgain: raceCounter.runsAgain,
          threadMs: serverCpuMs(),
        };
        serverWatch = watchThread();
        walStart = readers.wal();
        backgroundStart = readers.background();
      } else if (m.type === 'window-end') {
        closeWindow();
      } else {
        done = true;
        closeWindow(); // the request bound ran out before the window's end
        void Promise.all([profiled, walStart, walEnd, backgroundStart, backgroundEnd]).then(
          ([, start, end, bgStart, bgEnd]) =>
            resolve({
              output: m.output,
              wal: { start, end },
              background: backgroundOver(bgStart, bgEnd),
              window: window ?? {
                serverLoopBusy: Number.NaN,
                cpuBusy: Number.NaN,
                statements: Number.NaN,
                roundTrips: Number.NaN,
                runsAgain: Number.NaN,
                serverCpuMs: Number.NaN,
                databaseCpuMs: Number.NaN,
                serverPauses: null,
                host: null,
                began: null,
              },
            }),
        );
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      setActiveWorker(null);
      if (!done) reject(new Error(`load worker exited with code ${code} before finishing`));
    });
  });
}

interface WindowStats {
  serverCpuMs: number;
  databaseCpuMs: number;
  serverLoopBusy: number;
  cpuBusy: number;
  statements: number;
  roundTrips: number;
  runsAgain: number;
  serverPauses: ThreadPauses | null;
  host: HostShare | null;
  began: number | null;
}

/**
 * Runs one phase, logs its line and returns its result with the number of requests it issued
 * (each consumed one request number, hence a new VIN or a fleet vehicle of its kind).
 */
export async function measurePhase(
  opts: BenchOptions,
  port: number,
  spec: WorkloadSpec,
  concurrency: number,
  readers: DatabaseReaders,
  offeredRate: number | null = null,
): Promise<{ result: PhaseResult; issued: number }> {
  const workload = spec.name;
  const name = `${workload}-c${concurrency}${offeredRate === null ? '' : `-${Math.round(offeredRate)}per-s`}`;
  const profiler = allOf([
    ...(opts.profile ? [windowProfiler(opts.profile, name, 'cpu')] : []),
    ...(opts.allocProfile ? [windowProfiler(opts.allocProfile, name, 'allocations')] : []),
    ...(opts.perf ? [perfRecorder(opts.perf, name)] : []),
  ]);
  const bound = capacity(spec, opts.maxRequests);
  const { output, window, wal, background } = await runPhase(
    {
      port,
      spec,
      concurrency,
      warmupMs: opts.warmup * 1000,
      durationMs: opts.seconds * 1000,
      // A fleet vehicle serves one request: the phase stops before a fleet runs out.
      maxRequests: bound,
      ratePerSecond: offeredRate,
    },
    profiler,
    readers,
  );
  const latency = summarise(output.latencies);
  const result: PhaseResult = {
    workload,
    concurrency,
    offeredRate,
    throughput: output.windowMs > 0 ? latency.count / (output.windowMs / 1000) : 0,
    latency,
    errors: output.errors,
    errorSamples: output.errorSamples,
    statementsPerApp: latency.count ? window.statements / latency.count : Number.NaN,
    roundTripsPerApp: latency.count ? window.roundTrips / latency.count : Number.NaN,
    runsAgain: window.runsAgain,
    serverCpuMsPerApp: latency.count ? window.serverCpuMs / latency.count : Number.NaN,
    databaseCpuMsPerApp: latency.count ? window.databaseCpuMs / latency.count : Number.NaN,
    loadCpuMsPerApp: latency.count ? output.loadCpuMs / latency.count : Number.NaN,
    serverLoopBusy: window.serverLoopBusy,
    cpuBusy: window.cpuBusy,
    wal: walPerApp(wal.start, wal.end, latency.count),
    stalls: {
      slowest: slowestShare(output.latencies, output.finishedAt),
      server: window.serverPauses,
      load: output.pauses,
      database: background,
      host: window.host,
      began: window.began,
    },
  };
  log(
    `${BUSINESS_TYPE[workload].padEnd(24)} c=${String(concurrency).padStart(3)}  ` +
      (offeredRate === null ? '' : `offered ${fmt(offeredRate)}/s  `) +
      `${fmt(result.throughput).padStart(7)} app/s  p50 ${fmt(latency.p50)} ms  p95 ${fmt(latency.p95)} ms  ` +
      `p99 ${fmt(latency.p99)} ms  errors ${result.errors}  SQL/app ${fmt(result.statementsPerApp)} ` +
      `(${fmt(result.roundTripsPerApp)} round trips)  ` +
      `runs again ${Number.isFinite(result.runsAgain) ? result.runsAgain : '–'}  ` +
      `server CPU ${fmt(result.serverCpuMsPerApp, 2)} ms/app  ` +
      `PostgreSQL CPU ${fmt(result.databaseCpuMsPerApp, 2)} ms/app  ` +
      `load generator CPU ${fmt(result.loadCpuMsPerApp, 2)} ms/app  ` +
      `WAL ${fmt(result.wal.records)} records (${fmt(result.wal.bytes / 1024, 2)} KiB, ` +
      `${fmt(result.wal.fullPages, 2)} full pages)/app  ` +
      `server loop ${fmt(result.serverLoopBusy * 100, 0)} %  CPU ${fmt(result.cpuBusy * 100, 0)} %`,
  );
  if (latency.count) log(`  ${stallsLine(result.stalls)}`);
  for (const sample of result.errorSamples) log(`  error: ${sample}`);
  const short = shortWindowNote({
    windowMs: output.windowMs,
    durationMs: opts.seconds * 1000,
    capacity: bound,
    maxRequests: opts.maxRequests,
  });
  if (latency.count && short) log(`  ${short}`);
  if (!latency.count) {
    log(`  not measured: its fleet or violation records ran out (raise --fleet or --violations)`);
  }
  return { result, issued: output.issued };
}
