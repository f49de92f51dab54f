import { performance } from 'node:perf_hooks';

/**
 * How long each step of a start took, logged in one line once the server listens, so that a slow
 * start says where its time went. The first phase is everything before main() ran: Node itself
 * and the loading of every module (performance.now() counts from the process's start).
 */
export class StartupTimer {
  readonly phases: Record<string, number> = {};
  private last = 0;

  constructor(firstPhase = 'modules') {
    this.mark(firstPhase);
  }

  /** Ends the phase running since the previous mark, under this name. */
  mark(phase: string): void {
    const now = performance.now();
    this.phases[phase] = Math.round(now - this.last);
    this.last = now;
  }

  /** Milliseconds since the process started. */
  total(): number {
    return Math.round(performance.now());
  }
}
