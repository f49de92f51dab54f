import { performance } from 'node:perf_hooks';

/**
 * Who watches a long use case's phases (a supervision run's): each phase's name, how long it took
 * and how many rows it handled (`npm run bench -- --supervision` prints them as the run's
 * breakdown). Optional: a use case without one measures nothing.
 */
export type PhaseObserver = (phase: { name: string; ms: number; rows: number }) => void;

/** Runs one phase, reporting its time and the rows it returns (or says it handled) to `observe`. */
export function phaseTimer(observe: PhaseObserver | undefined) {
  return async <T>(name: string, work: () => Promise<T>, rows?: (result: T) => number) => {
    const t0 = performance.now();
    const result = await work();
    observe?.({
      name,
      ms: performance.now() - t0,
      rows: rows ? rows(result) : Array.isArray(result) ? result.length : 0,
    });
    return result;
  };
}
