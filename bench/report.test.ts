import { describe, expect, it } from 'vitest';
import type { BenchOptions } from './args.ts';
import type { MachineInfo } from './machine.ts';
import type { PhaseResult } from './phases.ts';
import { halfLoadOf, report } from './report.ts';

function phase(over: Partial<PhaseResult>): PhaseResult {
  return {
    workload: 'mix',
    concurrency: 8,
    offeredRate: null,
    throughput: 500,
    latency: { count: 5000, p50: 14, p95: 28, p99: 42, max: 60 },
    errors: 0,
    errorSamples: [],
    statementsPerApp: 11.1,
    roundTripsPerApp: 2.4,
    runsAgain: 0,
    serverCpuMsPerApp: 1,
    databaseCpuMsPerApp: 1.8,
    loadCpuMsPerApp: 0.15,
    serverLoopBusy: 0.85,
    cpuBusy: 0.9,
    wal: { records: 38, bytes: 6600, fullPages: 0.05 },
    stalls: { slowest: null, server: null, load: null, database: null, host: null, began: null },
    ...over,
  };
}

const opts = {
  quick: false,
  seconds: 10,
  warmup: 2,
  pool: 8,
  lanes: 2,
  logLevel: 'silent',
  workers: 1,
} as BenchOptions;
const machine: MachineInfo = {
  cpus: 2,
  cpuModel: 'AMD EPYC',
  memoryGiB: 23.5,
  os: 'Linux',
  node: 'v20',
  postgres: 'PostgreSQL 15',
  postgresSettings: 'fsync=on',
  database: 'embedded',
  date: '2026-12-06T00:00:00Z',
};

describe('the mix at half the saturating load', () => {
  it('is offered half the best closed-loop rate the mix made without errors', () => {
    expect(
      halfLoadOf([
        phase({ throughput: 510 }),
        phase({ concurrency: 32, throughput: 564 }),
        // Neither counts: a phase with errors, another workload.
        phase({ concurrency: 64, throughput: 700, errors: 3 }),
        phase({ workload: 'licence-reissue', throughput: 900 }),
      ]),
    ).toBe(564);
    expect(halfLoadOf([phase({ workload: 'vehicle-mix' })])).toBeNull();
  });

  it("is reported with issue 9's bound, and is no one's best throughput", () => {
    const closed = phase({ concurrency: 32, throughput: 564 });
    const met = report(
      opts,
      machine,
      [closed, phase({ concurrency: 32, offeredRate: 282, throughput: 281.5 })],
      'skipped',
    );
    expect(met).toContain('| 32, open loop at 282.0/s |');
    expect(met).toMatch(/at half the saturating load: \*\*p99 42\.0 ms\*\*.*≤ 50 ms — met\)/);
    // With what may have stalled its window.
    expect(met).toMatch(
      /≤ 50 ms — met\)\. In its window: server: –; load generator: –; PostgreSQL: –; the machine: –\./,
    );
    // An open-loop phase of more throughput is not the mix's saturating rate.
    expect(halfLoadOf([closed, phase({ offeredRate: 900, throughput: 900 })])).toBe(564);
    const slow = report(
      opts,
      machine,
      [
        closed,
        phase({ offeredRate: 282, latency: { count: 10, p50: 20, p95: 50, p99: 51, max: 90 } }),
      ],
      'skipped',
    );
    expect(slow).toMatch(/≤ 50 ms — not met\)/);
  });
});
