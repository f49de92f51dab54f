/** Report rendering: the run's result as a Markdown fragment (printed, optionally written). */
import type { BenchOptions } from './args.ts';
import type { MachineInfo } from './machine.ts';
import type { PhaseResult } from './phases.ts';
import type { PgbenchResult } from './pgbench.ts';
import { stallsLine } from './stalls.ts';
import { fmt, markdownTable } from './stats.ts';
import { BUSINESS_TYPE, READ_WORKLOADS } from './workloads.ts';

/** The closed-loop phase of most throughput without errors, of those given; null if none. */
function bestOf(list: PhaseResult[]): PhaseResult | null {
  return list.reduce<PhaseResult | null>(
    (b, p) =>
      p.offeredRate === null &&
      p.errors === 0 &&
      p.latency.count > 0 &&
      (!b || p.throughput > b.throughput)
        ? p
        : b,
    null,
  );
}

/**
 * The mix's saturating rate, its best closed-loop throughput, when the run measured the mix
 * without errors: an open-loop phase at half of it gives issue 9's p99 at half the saturating
 * load. Null when there is no such phase.
 */
export function halfLoadOf(phases: PhaseResult[]): number | null {
  return bestOf(phases.filter((p) => p.workload === 'mix'))?.throughput ?? null;
}

/** Issue 9's bound on the mix's p99 at half the saturating load. */
const HALF_LOAD_P99_MS = 50;

export function report(
  opts: BenchOptions,
  machine: MachineInfo,
  phases: PhaseResult[],
  pgbench: PgbenchResult | string,
  selectOnly: PgbenchResult | null = null,
): string {
  // Business is compared with TPC-B (both write); reads with pgbench's select-only script.
  const best = bestOf(phases.filter((p) => !READ_WORKLOADS.includes(p.workload)));
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
          `${opts.seconds} s measured after ${opts.warmup} s warm-up per phase; server pool ${opts.pool}, read lanes ${opts.lanes}, server log level ${opts.logLevel}; ` +
            (opts.workers > 1
              ? `${opts.workers} HTTP worker processes (CHEGUAN_WORKERS), the load generator in a worker thread of their primary; server CPU is the workers' main threads together, their statements and event loops are not counted; `
              : 'load generator in a worker thread of the server process, ') +
            'one keep-alive HTTP/1.1 connection per client on 127.0.0.1 (bench/http-client.ts)',
        ],
      ],
    ),
  );
  lines.push('');
  lines.push(
    markdownTable(
      [
        'workload (POST /api/v1/applications unless named)',
        'clients',
        'measured',
        'requests/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'errors',
        'SQL statements / app',
        'round trips / app',
        'runs again (lost races)',
        'server CPU ms / app',
        'PostgreSQL CPU ms / app',
        'load generator CPU ms / app',
        'WAL records / app',
        'WAL KiB / app',
        'server event loop busy',
        'machine CPU busy',
      ],
      phases.map((p) => [
        BUSINESS_TYPE[p.workload],
        p.offeredRate === null
          ? String(p.concurrency)
          : `${p.concurrency}, open loop at ${fmt(p.offeredRate)}/s`,
        String(p.latency.count),
        fmt(p.throughput),
        fmt(p.latency.p50),
        fmt(p.latency.p95),
        fmt(p.latency.p99),
        String(p.errors),
        fmt(p.statementsPerApp),
        fmt(p.roundTripsPerApp),
        Number.isFinite(p.runsAgain) ? String(p.runsAgain) : '–',
        fmt(p.serverCpuMsPerApp, 2),
        fmt(p.databaseCpuMsPerApp, 2),
        fmt(p.loadCpuMsPerApp, 2),
        fmt(p.wal.records),
        fmt(p.wal.bytes / 1024, 2),
        Number.isFinite(p.serverLoopBusy) ? `${fmt(p.serverLoopBusy * 100, 0)} %` : '–',
        Number.isFinite(p.cpuBusy) ? `${fmt(p.cpuBusy * 100, 0)} %` : '–',
      ]),
    ),
  );
  lines.push('');
  const half = phases.find((p) => p.workload === 'mix' && p.offeredRate !== null);
  if (half) {
    const ok = half.errors === 0 && half.latency.count > 0 && half.latency.p99 <= HALF_LOAD_P99_MS;
    lines.push(
      `Mixed applications at half the saturating load: **p99 ${fmt(half.latency.p99)} ms** ` +
        `(p50 ${fmt(half.latency.p50)} ms; ${fmt(half.offeredRate!)} applications/s offered, half ` +
        `of the best ${fmt(half.offeredRate! * 2)}/s, ${fmt(half.throughput)}/s completed, ` +
        `${half.errors} errors) (issue 9: ≤ ${HALF_LOAD_P99_MS} ms — ${ok ? 'met' : 'not met'}). ` +
        `In its window: ${stallsLine(half.stalls)}.`,
    );
    lines.push('');
  }
  if (typeof pgbench === 'string') {
    lines.push(`pgbench: ${pgbench}`);
  } else {
    lines.push(
      markdownTable(
        ['pgbench (same server)', 'tps', 'latency avg ms', 'transactions'],
        [pgbench, ...(selectOnly ? [selectOnly] : [])].map((r) => [
          `\`${r.command}\``,
          fmt(r.tps),
          r.latencyMs === null ? '–' : fmt(r.latencyMs, 3),
          r.transactions === null ? '–' : String(r.transactions),
        ]),
      ),
    );
    lines.push('');
    lines.push(`pgbench version: ${pgbench.version}`);
    // Issue 9, item 1 asks it of mixed applications: the mix, when the run measured it.
    const mixed = bestOf(phases.filter((p) => p.workload === 'mix'));
    if (mixed) {
      const ratio = mixed.throughput / pgbench.tps;
      lines.push('');
      lines.push(
        `Mixed applications: **${fmt(mixed.throughput)} applications/s** ` +
          `(${BUSINESS_TYPE.mix}, ${mixed.concurrency} clients, p99 ${fmt(mixed.latency.p99)} ms) = ` +
          `**${fmt(ratio, 2)} × pgbench tps** (issue 9: ≥ 0.4 × — ${ratio >= 0.4 ? 'met' : 'not met'}; aim 0.75).`,
      );
    }
    if (best) {
      lines.push('');
      lines.push(
        `Best pipeline throughput of any workload: **${fmt(best.throughput)} applications/s** ` +
          `(${BUSINESS_TYPE[best.workload]}, ${best.concurrency} clients, p99 ${fmt(best.latency.p99)} ms) = ` +
          `**${fmt(best.throughput / pgbench.tps, 2)} × pgbench tps**.`,
      );
    }
    if (selectOnly) lines.push(...readLines(phases, selectOnly, bestOf));
  }
  return lines.join('\n');
}

/** The reads issue 9's item 2 names: a vehicle by plate, a licence, an application by id. */
const REGISTRY_READS: ReadonlySet<string> = new Set([
  'plate-read',
  'licence-read',
  'application-read',
]);

/**
 * Each read workload's best throughput next to pgbench select-only, and the bare HTTP ceiling
 * (GET /api/health, same server and client) beside them.
 */
function readLines(
  phases: PhaseResult[],
  selectOnly: PgbenchResult,
  bestOf: (list: PhaseResult[]) => PhaseResult | null,
): string[] {
  const lines: string[] = [];
  const ceiling = bestOf(phases.filter((p) => p.workload === 'health'));
  for (const workload of READ_WORKLOADS) {
    const best = bestOf(phases.filter((p) => p.workload === workload));
    if (!best) continue;
    const ratio = best.throughput / selectOnly.tps;
    // Issue 9's item 2 names the registry reads; a citizen's own page (a licence, vehicles and
    // 50 applications) and the bare HTTP answer are printed beside them without its verdict.
    const target = REGISTRY_READS.has(workload)
      ? ` (issue 9: ≥ 0.3 × — ${ratio >= 0.3 ? 'met' : 'not met'})`
      : '';
    lines.push('');
    lines.push(
      `Best ${BUSINESS_TYPE[workload]}: **${fmt(best.throughput)} per second** ` +
        `(${best.concurrency} clients, p99 ${fmt(best.latency.p99)} ms) = **${fmt(ratio, 3)} × ` +
        `pgbench select-only tps** (${fmt(selectOnly.tps)})${target}` +
        (ceiling && workload !== 'health'
          ? `; ${fmt((best.throughput / ceiling.throughput) * 100, 0)} % of the bare HTTP ceiling (${fmt(ceiling.throughput)}/s).`
          : '.'),
    );
  }
  return lines;
}
