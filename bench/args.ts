import { parseArgs } from 'node:util';
import { LOG_LEVELS, poolSize } from '../server/src/env.ts';
import { WORKLOADS, type WorkloadName } from './workloads.ts';

export interface BenchOptions {
  workloads: WorkloadName[];
  concurrency: number[];
  /** Measured seconds per (workload, concurrency) phase. */
  seconds: number;
  /** Unmeasured seconds before each phase's measured window. */
  warmup: number;
  /** Upper bound on requests per phase, warm-up included. */
  maxRequests: number;
  /** Size of the server's database pool (DB_POOL_SIZE). */
  pool: number;
  /** The server's shared connections for the hot look-ups (DB_READ_LANES; 0: none). */
  lanes: number;
  pgbench: boolean;
  pgbenchScale: number;
  pgbenchClients: number;
  pgbenchThreads: number;
  pgbenchSeconds: number;
  markdown: string | null;
  quick: boolean;
  /** Print the SQL statements of one application of each workload before measuring. */
  traceSql: boolean;
  /** Time a supervision run over a generated county-year instead of the pipeline. */
  supervision: boolean;
  supervisionApplications: number;
  supervisionInspections: number;
  supervisionExams: number;
  supervisionRepeats: number;
  /** With --data-dir: the period of the existing data a supervision run goes over. */
  supervisionPeriod: { from: string; to: string } | null;
  /** Violation records seeded for the violation-handle workload (its phases share them). */
  violations: number;
  /** Fleet vehicles seeded for each business that changes a vehicle for good. */
  fleet: number;
  /** Citizen accounts seeded and logged in for the citizen-me read workload. */
  citizens: number;
  /** Directory for a CPU profile of the server thread over each measured window, or null. */
  profile: string | null;
  /** Directory for an allocation profile of the server thread over each window, or null. */
  allocProfile: string | null;
  /** Directory for a whole-machine `perf record` over each window (PostgreSQL's side), or null. */
  perf: string | null;
  /** Applications submitted before measuring for the application-read workload to read. */
  readApplications: number;
  /** An existing data directory (e.g. a generated city-year) instead of a fresh one, or null. */
  dataDir: string | null;
  /** Only the first n outlets of each kind take the business (all of them when null). */
  outlets: number | null;
  /** HTTP worker processes (CHEGUAN_WORKERS); 1 serves from the bench's own process. */
  workers: number;
  /**
   * The server's log level (LOG_LEVEL). `silent` by default, as the bench's history was measured;
   * `info` is what `npm start` runs: one access line a request, written to a file.
   */
  logLevel: (typeof LOG_LEVELS)[number];
}

export const USAGE = `Usage: npm run bench -- [options]

  --quick                  smoke run (~2 min): concurrency 1,8; 3 s each; short pgbench
  --concurrency <list>     concurrent clients per phase           (default 1,8,32,64)
  --seconds <n>            measured seconds per phase             (default 10)
  --warmup <n>             unmeasured warm-up seconds per phase   (default 2)
  --workloads <list>       ${WORKLOADS.join(',')}
                           (default all)
  --violations <n>         records seeded for violation-handle    (default 40000; quick 6000)
  --fleet <n>              vehicles seeded per transfer/mortgage/mark (default 60000; quick 10000)
  --citizens <n>           citizen accounts reading /citizens/me  (default 300; quick 50)
  --read-applications <n>  applications submitted before the phases, read by application-read
                           and, on a fresh database, history for the writes (default 500;
                           quick 100); then ANALYZE
  --max-requests <n>       bound on requests per phase            (default 200000)
  --pool <n>               server database pool size, per worker  (default: the server's,
                           four per CPU shared among the workers, at least 4)
  --lanes <n>              the server's read lanes (DB_READ_LANES): shared connections for
                           the hot look-ups; 0 sends them through the pool (default 2; per worker)
  --workers <n>            HTTP worker processes (CHEGUAN_WORKERS) over the bench's database;
                           with more than 1, server CPU is the workers' main threads together
                           and statements per request and the server loop are not counted
                                                                  (default 1: in this process)
  --log-level <level>      the HTTP server's LOG_LEVEL (default silent; npm start runs at
                           info: one access line a request); its lines go to a file in the
                           temporary directory, removed at the end; not with --workers
  --outlets <n>            only the first n outlets of each kind take the business: one
                           outlet's audit chain under the whole load (e.g. --outlets 1)
  --data-dir <dir>         run on an existing data directory (a generated city-year, whose
                           registry the reads sample) instead of a fresh demo; the bench adds
                           its clerks, fleet and applications to it — use a copy; its
                           registry is read into the page cache before the reads
  --no-pgbench             skip the pgbench reference run
  --pgbench-scale <n>      pgbench -i -s                          (default 10)
  --pgbench-clients <n>    pgbench -c                             (default 32)
  --pgbench-threads <n>    pgbench -j                             (default 2)
  --pgbench-seconds <n>    pgbench -T                             (default 15)
  --markdown <file>        also write the result table as a Markdown fragment
  --profile <dir>          CPU profile of the server thread over each measured window
                           (<dir>/<workload>-c<n>.cpuprofile; bench/profile-top.ts sums it)
  --alloc-profile <dir>    what the server thread allocated over each measured window, the
                           collected objects included (<dir>/<workload>-c<n>.heapprofile;
                           bench/alloc-top.ts gives bytes per request); not with --profile
  --perf <dir>             Linux perf over the whole machine for each measured window, call
                           graphs included (<dir>/<workload>-c<n>.perf.data; bench/perf-top.ts
                           gives PostgreSQL's CPU by part of a statement's life); needs perf
  --trace-sql              print the SQL statements of one application per workload
  --supervision            instead: one supervision run over a generated county-year, next to
                           a bare count(*) GROUP BY scan of the same rows
  --supervision-applications <n>  legacy applications of the county-year (default 300000)
  --supervision-inspections <n>   inspections of the county-year        (default 60000)
  --supervision-exams <n>         exam results of the county-year       (default 40000)
  --supervision-repeats <n>       timed runs after a warm-up, the median (default 7)
  --supervision-period <from>..<to>  with --data-dir: run over this period of the existing
                           data (e.g. a generated city-year's 2025-12-01..2025-12-31) instead of
                           generating a county-year; every run's time is reported, the
                           warm-up (not counted) taking the period into the anti-fraud graph
  --help
`;

/** `--supervision-period from..to`: two dates, in order, over an existing data directory. */
function period(value: string | undefined, dataDir: string | undefined) {
  if (value === undefined) return null;
  const m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value);
  if (!m || m[1]! > m[2]!) {
    throw new Error(`--supervision-period expects <from>..<to> (YYYY-MM-DD), got "${value}"`);
  }
  if (!dataDir) throw new Error('--supervision-period needs --data-dir (data to run over)');
  return { from: m[1]!, to: m[2]! };
}

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name} expects a positive integer, got "${value}"`);
  return n;
}

function positiveNumber(name: string, value: string, min = 0): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min)
    throw new Error(`--${name} expects a number ≥ ${min}, got "${value}"`);
  return n;
}

export function parseBenchArgs(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      quick: { type: 'boolean', default: false },
      concurrency: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      workloads: { type: 'string' },
      'max-requests': { type: 'string' },
      pool: { type: 'string' },
      lanes: { type: 'string' },
      'no-pgbench': { type: 'boolean', default: false },
      'pgbench-scale': { type: 'string' },
      'pgbench-clients': { type: 'string' },
      'pgbench-threads': { type: 'string' },
      'pgbench-seconds': { type: 'string' },
      markdown: { type: 'string' },
      'trace-sql': { type: 'boolean', default: false },
      supervision: { type: 'boolean', default: false },
      'supervision-applications': { type: 'string' },
      'supervision-inspections': { type: 'string' },
      'supervision-exams': { type: 'string' },
      'supervision-repeats': { type: 'string' },
      'supervision-period': { type: 'string' },
      violations: { type: 'string' },
      fleet: { type: 'string' },
      citizens: { type: 'string' },
      'read-applications': { type: 'string' },
      profile: { type: 'string' },
      'alloc-profile': { type: 'string' },
      perf: { type: 'string' },
      'data-dir': { type: 'string' },
      outlets: { type: 'string' },
      workers: { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const quick = values.quick ?? false;

  const concurrency = (values.concurrency ?? (quick ? '1,8' : '1,8,32,64'))
    .split(',')
    .map((s) => positiveInt('concurrency', s.trim()));
  const workloads = (values.workloads ?? WORKLOADS.join(','))
    .split(',')
    .map((s) => s.trim())
    .map((s) => {
      if (!(WORKLOADS as readonly string[]).includes(s)) {
        throw new Error(`--workloads: unknown workload "${s}" (known: ${WORKLOADS.join(', ')})`);
      }
      return s as WorkloadName;
    });
  const workers = positiveInt('workers', values.workers ?? '1');
  const logLevel = values['log-level'] ?? 'silent';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new Error(`--log-level: unknown level "${logLevel}" (known: ${LOG_LEVELS.join(', ')})`);
  }
  // A worker writes its log to the standard output it shares with the bench's report.
  if (logLevel !== 'silent' && workers > 1) {
    throw new Error("--log-level applies to the server in the bench's process: not with --workers");
  }
  // Each profiler would measure the other's own work.
  if (values.profile && values['alloc-profile']) {
    throw new Error('--profile and --alloc-profile measure one window each: give one of them');
  }

  return {
    workloads,
    concurrency,
    seconds: positiveNumber('seconds', values.seconds ?? (quick ? '3' : '10'), 0.1),
    warmup: positiveNumber('warmup', values.warmup ?? (quick ? '1' : '2')),
    maxRequests: positiveInt('max-requests', values['max-requests'] ?? '200000'),
    pool:
      values.pool === undefined
        ? poolSize({ DB_POOL_SIZE: undefined, CHEGUAN_WORKERS: workers })
        : positiveInt('pool', values.pool),
    lanes: values.lanes === '0' ? 0 : positiveInt('lanes', values.lanes ?? '2'),
    pgbench: !values['no-pgbench'],
    pgbenchScale: positiveInt('pgbench-scale', values['pgbench-scale'] ?? (quick ? '2' : '10')),
    pgbenchClients: positiveInt(
      'pgbench-clients',
      values['pgbench-clients'] ?? (quick ? '8' : '32'),
    ),
    pgbenchThreads: positiveInt('pgbench-threads', values['pgbench-threads'] ?? '2'),
    pgbenchSeconds: positiveInt(
      'pgbench-seconds',
      values['pgbench-seconds'] ?? (quick ? '3' : '15'),
    ),
    markdown: values.markdown ?? null,
    quick,
    traceSql: values['trace-sql'] ?? false,
    supervision: values.supervision ?? false,
    supervisionApplications: positiveInt(
      'supervision-applications',
      values['supervision-applications'] ?? (quick ? '30000' : '300000'),
    ),
    supervisionInspections: positiveInt(
      'supervision-inspections',
      values['supervision-inspections'] ?? (quick ? '6000' : '60000'),
    ),
    supervisionExams: positiveInt(
      'supervision-exams',
      values['supervision-exams'] ?? (quick ? '4000' : '40000'),
    ),
    supervisionRepeats: positiveInt(
      'supervision-repeats',
      values['supervision-repeats'] ?? (quick ? '1' : '7'),
    ),
    supervisionPeriod: period(values['supervision-period'], values['data-dir']),
    violations: positiveInt('violations', values.violations ?? (quick ? '6000' : '40000')),
    // Enough for every phase of a full run on a fast machine: a phase stops when its fleet runs
    // out, and the mixes come after the single types.
    fleet: positiveInt('fleet', values.fleet ?? (quick ? '10000' : '60000')),
    citizens: positiveInt('citizens', values.citizens ?? (quick ? '50' : '300')),
    profile: values.profile ?? null,
    allocProfile: values['alloc-profile'] ?? null,
    perf: values.perf ?? null,
    readApplications: positiveInt(
      'read-applications',
      values['read-applications'] ?? (quick ? '100' : '500'),
    ),
    dataDir: values['data-dir'] ?? null,
    outlets: values.outlets === undefined ? null : positiveInt('outlets', values.outlets),
    workers,
    logLevel: logLevel as BenchOptions['logLevel'],
  };
}
