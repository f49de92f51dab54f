import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPhase, type PhaseInput } from './load-worker.ts';
import type { WorkloadSpec } from './workloads.ts';

/**
 * The open loop behind "p99 at half the saturating load": requests leave on their schedule
 * whatever the answers do, and a request that waited for a connection counts its wait.
 */
const HOLD_MS = 30;
let server: http.Server;
let port: number;
let arrivals: number[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    arrivals.push(performance.now());
    // Every answer takes HOLD_MS: one connection serves at most about 33 requests a second.
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    }, HOLD_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const health = { name: 'health' } as WorkloadSpec; // GET /api/health reads nothing else

function phase(concurrency: number, ratePerSecond: number | null): PhaseInput {
  arrivals = [];
  return {
    port,
    spec: health,
    concurrency,
    warmupMs: 0,
    durationMs: 1000,
    maxRequests: 100_000,
    ratePerSecond,
  };
}

describe('the load generator', () => {
  it('offers an open loop its rate, not what the connections could carry', async () => {
    const out = await runPhase(phase(8, 40), () => {});
    // 40 a second for one second; eight connections could have carried about 260.
    expect(out.issued).toBeLessThanOrEqual(40);
    expect(out.issued).toBeGreaterThanOrEqual(20);
    expect(arrivals.length).toBe(out.issued);
    expect(out.errors).toBe(0);
  });

  it('counts, in an open loop, the time a request waited for a free connection', async () => {
    // One connection, 100 due a second, about 33 served: each answer comes later after its due
    // time than the one before.
    const out = await runPhase(phase(1, 100), () => {});
    const latencies = [...out.latencies];
    expect(latencies.length).toBeGreaterThan(5);
    expect(Math.max(...latencies)).toBeGreaterThan(10 * HOLD_MS);
  });

  it('sends again as soon as answered in a closed loop, timing each from its own send', async () => {
    const started = performance.now();
    const out = await runPhase(phase(1, null), () => {});
    const elapsed = performance.now() - started;
    // One connection: the requests follow one another, so their times add up to at most the
    // phase's (timed from the phase's start instead, they would add up to many times it).
    const total = [...out.latencies].reduce((a, b) => a + b, 0);
    expect(out.latencies.length).toBeGreaterThan(3);
    expect(total).toBeLessThanOrEqual(elapsed);
    expect(Math.min(...out.latencies)).toBeGreaterThanOrEqual(HOLD_MS - 1);
    // When each finished, from the window's start: one after another, inside the window.
    const finished = [...out.finishedAt];
    expect(finished).toHaveLength(out.latencies.length);
    expect(finished[0]).toBeGreaterThanOrEqual(HOLD_MS - 1);
    expect(finished).toEqual([...finished].sort((a, b) => a - b));
    expect(finished.at(-1)).toBeLessThanOrEqual(1000);
    // And the thread's own pauses over the window, watched from its start.
    expect(out.pauses?.loopDelayMaxMs).toBeGreaterThanOrEqual(0);
  });
});
