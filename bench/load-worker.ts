/**
 * HTTP load generator, run in a worker thread so that building requests and parsing answers
 * does not take event-loop time from the server under test (which runs on the main thread).
 *
 * `concurrency` closed-loop clients, each on its own keep-alive connection (http-client.ts).
 * Each phase runs a warm-up that is not counted, then a measured window; a request counts when
 * it completes inside the window.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { Connection, type Answer } from './http-client.ts';
import { watchThread, type ThreadPauses } from './stalls.ts';
import { currentThreadCpuMs } from './thread-cpu.ts';
import { buildRequest, type WorkloadSpec } from './workloads.ts';

export interface PhaseInput {
  port: number;
  spec: WorkloadSpec;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  maxRequests: number;
  /**
   * Open loop: request n is due `n / ratePerSecond` s after the phase starts, whether or not the
   * earlier ones have been answered, on the first of `concurrency` connections that is free; its
   * latency runs from when it was due, so a request that waited for a connection counts its wait
   * (no coordinated omission). Null: closed loop, each client sends again once answered.
   */
  ratePerSecond: number | null;
}

export interface PhaseOutput {
  /** Latencies (ms) of the successful requests that completed in the measured window. */
  latencies: Float64Array;
  /** When each of those finished, ms from the window's start (in the order of `latencies`). */
  finishedAt: Float64Array;
  /** Length of the measured window actually used (shorter when maxRequests ran out). */
  windowMs: number;
  /** Requests sent in the phase, warm-up included (each consumed one request number). */
  issued: number;
  /** Requests that were not a 201 with status completed, warm-up included. */
  errors: number;
  errorSamples: string[];
  /** CPU ms this load generator's thread used in the measured window (NaN off Linux). */
  loadCpuMs: number;
  /** This thread's own pauses in the window: a late client makes latencies of its own. */
  pauses: ThreadPauses | null;
}

export type WorkerMessage =
  { type: 'window-start' } | { type: 'window-end' } | { type: 'done'; output: PhaseOutput };

/**
 * An application counts when completed; an exam result when recorded (201 with its id); a read
 * when it is a 200 with what was asked for (the person, the vehicle, the licence, the
 * application, the health status).
 */
const READ_MARK: [RegExp, string][] = [
  [/\/citizens\/me$/, '"person"'],
  [/\/vehicles\/by-plate\//, '"vin"'],
  [/\/licences\//, '"licenceNo"'],
  [/\/applications\/[^/]+$/, '"businessType"'],
  [/\/health$/, '"ok"'],
];
function isCompleted(answer: Answer, path: string, method?: 'GET'): boolean {
  if (method === 'GET') {
    const mark = READ_MARK.find(([pattern]) => pattern.test(path))?.[1];
    return answer.status === 200 && mark !== undefined && answer.text.includes(mark);
  }
  if (answer.status !== 201) return false;
  try {
    const body = JSON.parse(answer.text) as { status?: unknown; id?: unknown };
    return path.endsWith('/applications')
      ? body.status === 'completed'
      : typeof body.id === 'string';
  } catch {
    return false;
  }
}

const sleepUntil = (at: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));

export async function runPhase(
  input: PhaseInput,
  notify: (m: WorkerMessage) => void,
): Promise<PhaseOutput> {
  const t0 = performance.now();
  const windowStart = t0 + input.warmupMs;
  const windowEnd = windowStart + input.durationMs;
  let cpuAtStart = Number.NaN;
  let cpuAtEnd = Number.NaN;
  let watch: ReturnType<typeof watchThread> | null = null;
  let pauses: ThreadPauses | null = null;
  // At the window's end, or when the requests ran out before it: once.
  const stopWatch = () => {
    if (watch && !pauses) pauses = watch.stop();
  };
  const startTimer = setTimeout(() => {
    cpuAtStart = currentThreadCpuMs();
    watch = watchThread();
    notify({ type: 'window-start' });
  }, input.warmupMs);
  const endTimer = setTimeout(() => {
    cpuAtEnd = currentThreadCpuMs();
    stopWatch();
    notify({ type: 'window-end' });
  }, input.warmupMs + input.durationMs);

  const latencies: number[] = [];
  const finishedAt: number[] = [];
  const errorSamples: string[] = [];
  let next = 0;
  let errors = 0;
  let lastCompletion = windowStart;

  const rate = input.ratePerSecond;
  // Closed loop: every request is due at once (sent when its client is free).
  const dueAt = rate === null ? () => t0 : (n: number) => t0 + (n * 1000) / rate;
  const connections: Connection[] = [];
  const client = async () => {
    const connection = new Connection(input.port);
    connections.push(connection);
    for (;;) {
      if (performance.now() >= windowEnd || next >= input.maxRequests) return;
      const due = dueAt(next);
      if (due >= windowEnd) return;
      const n = next++;
      if (due > performance.now()) await sleepUntil(due);
      const request = buildRequest(input.spec, n);
      // Open loop: from when it was due (it may have waited for a connection).
      const started = rate === null ? performance.now() : due;
      let ok = false;
      let detail = '';
      try {
        const answer = await connection.send({
          method: request.method ?? 'POST',
          path: request.path,
          token: request.token,
          body: request.body,
        });
        ok = isCompleted(answer, request.path, request.method);
        if (!ok) detail = `HTTP ${answer.status} ${answer.text.slice(0, 600)}`;
      } catch (e) {
        detail = `request failed: ${(e as Error).message}`;
      }
      const finished = performance.now();
      if (ok && finished >= windowStart && finished <= windowEnd) {
        latencies.push(finished - started);
        finishedAt.push(finished - windowStart);
        lastCompletion = Math.max(lastCompletion, finished);
      }
      if (!ok) {
        errors++;
        if (errorSamples.length < 5) errorSamples.push(detail);
      }
    }
  };

  await Promise.all(Array.from({ length: input.concurrency }, client));
  clearTimeout(startTimer);
  clearTimeout(endTimer);
  if (Number.isNaN(cpuAtEnd)) cpuAtEnd = currentThreadCpuMs();
  stopWatch();
  for (const connection of connections) connection.close();
  // Ran out of requests before the window closed: the window ends with the last completion.
  const windowMs = next >= input.maxRequests ? lastCompletion - windowStart : input.durationMs;
  return {
    latencies: Float64Array.from(latencies),
    finishedAt: Float64Array.from(finishedAt),
    windowMs,
    issued: next,
    errors,
    errorSamples,
    loadCpuMs: cpuAtEnd - cpuAtStart,
    pauses,
  };
}

if (parentPort) {
  const port = parentPort;
  const output = await runPhase(workerData as PhaseInput, (m) => port.postMessage(m));
  port.postMessage({ type: 'done', output } satisfies WorkerMessage, [
    output.latencies.buffer as ArrayBuffer,
    output.finishedAt.buffer as ArrayBuffer,
  ]);
}
