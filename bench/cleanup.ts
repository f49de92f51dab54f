/**
 * Clean-up: everything the benchmark starts is undone in reverse order, also on Ctrl-C.
 */
import type { Worker } from 'node:worker_threads';

const cleanups: { name: string; run: () => Promise<void> | void }[] = [];
let activeWorker: Worker | null = null;

/** Registers a step to undo at the end; steps run last-registered first. */
export function onCleanUp(name: string, run: () => Promise<void> | void) {
  cleanups.push({ name, run });
}

/** The load worker that is running, terminated first on clean-up (null when none). */
export function setActiveWorker(worker: Worker | null) {
  activeWorker = worker;
}

export async function cleanUp() {
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

export function cleanUpOnSignals() {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: cleaning up…`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
}
