/**
 * `--perf <dir>`: Linux perf over the whole machine for each phase's measured window (the
 * server, its load generator and every PostgreSQL backend), with call graphs unwound from a copy
 * of each sampled stack, as `<dir>/<workload>-c<clients>.perf.data`; `npx tsx bench/perf-top.ts
 * <file>` sums it. perf copies 8 KiB of stack per sample and writes tens of MB a window: the
 * window's own figures are then a little lower than without it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { WindowProfiler } from './profile.ts';

/** Samples per second per CPU: about 10,000 in a 10 s window on two cores. */
const FREQUENCY = 499;

/** `command` is perf's name on PATH, or a path to it. */
export function perfRecorder(dir: string, name: string, command = 'perf'): WindowProfiler {
  const file = path.join(dir, `${name}.perf.data`);
  let exited: Promise<string | null> | null = null;
  let child: ReturnType<typeof spawn> | null = null;
  let stderr = '';
  return {
    start() {
      fs.mkdirSync(dir, { recursive: true });
      child = spawn(
        command,
        ['record', '-a', '-F', String(FREQUENCY), '--call-graph', 'dwarf,8192', '-o', file],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      const running = child;
      exited = new Promise((resolve, reject) => {
        running.on('error', (e) =>
          reject(
            new Error(`perf did not start (Debian: apt-get install linux-perf): ${e.message}`),
          ),
        );
        // perf ends by the signal it was asked to stop with, or by a code of 0 when it finishes.
        running.on('exit', (code, signal) =>
          resolve(code === 0 || signal === 'SIGINT' ? null : `ended with ${signal ?? code}`),
        );
      });
      // Heard by stop(); until then a perf that failed to start must not end the bench.
      exited.catch(() => undefined);
      // Nothing to wait for: perf samples from its first instant, and a window is long.
      return Promise.resolve();
    },
    async stop() {
      if (!child || !exited) throw new Error('perf was not started');
      // perf writes its file's header on SIGINT, as on Ctrl-C.
      child.kill('SIGINT');
      const failure = await exited;
      if (failure) throw new Error(`perf record ${failure}: ${stderr.trim()}`);
      return file;
    },
  };
}
