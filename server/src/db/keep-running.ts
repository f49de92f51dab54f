import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive, readPid } from './processes.ts';

export interface RestartPolicy {
  /** How often the owner checks that its server still runs. */
  watchMs: number;
  /** How long one restart keeps trying, while the last server's processes still hold the data. */
  withinMs: number;
  /** The pause between two tries. */
  everyMs: number;
  /** At most this many restarts within `perMs`; one more, and the server is given up. */
  times: number;
  perMs: number;
}

/**
 * A server that ends on its own (killed, out of memory, stopped by hand) is started again. A
 * killed postmaster's backends hold its shared memory until they notice, a second or so, so a
 * restart tries for a minute; a server that cannot stay up (five ends in ten minutes) is given up,
 * so that its owner stops and whatever runs the owner can act.
 */
const RESTART: RestartPolicy = {
  watchMs: 1_000,
  withinMs: 60_000,
  everyMs: 1_000,
  times: 5,
  perMs: 10 * 60_000,
};

export interface Watcher {
  /** Settles when the server ended and could not be started again. */
  lost: Promise<Error>;
  /** Stops watching (after a restart under way); tells whether the server now runs. */
  stop(): Promise<boolean>;
}

/**
 * Watches the server whose postmaster's pid is in `pidFile`, and calls `start` when it has ended.
 *
 * A server found ended is started again only when it is still ended at the next look: the
 * Ctrl-C of a terminal reaches the server and its owner at once, and the owner's own shutdown
 * (which calls `stop`) must not race a restart.
 */
export function keepRunning(opts: {
  pidFile: string;
  start: () => Promise<void>;
  warn: (line: string) => void;
  policy?: Partial<RestartPolicy>;
}): Watcher {
  const policy = { ...RESTART, ...opts.policy };
  let pid = readPid(opts.pidFile);
  let watching = true;
  let seenEnded = false;
  let restarting: Promise<void> | null = null;
  const restarts: number[] = [];
  let settle: (e: Error) => void = () => undefined;
  const lost = new Promise<Error>((resolve) => (settle = resolve));

  const giveUp = (reason: string) => {
    watching = false;
    clearInterval(timer);
    settle(new Error(`The embedded PostgreSQL ended and could not be started again: ${reason}`));
  };

  const restart = async () => {
    const now = Date.now();
    while (restarts.length && restarts[0]! <= now - policy.perMs) restarts.shift();
    restarts.push(now);
    if (restarts.length > policy.times) {
      return giveUp(`it ended ${restarts.length} times within ${policy.perMs / 60_000} min`);
    }
    opts.warn(`The embedded PostgreSQL (pid ${pid}) ended on its own; starting it again.`);
    for (;;) {
      try {
        await opts.start();
        pid = readPid(opts.pidFile);
        opts.warn(`The embedded PostgreSQL runs again (pid ${pid}).`);
        return;
      } catch (e) {
        if (!watching) return;
        if (Date.now() + policy.everyMs > now + policy.withinMs) {
          return giveUp(String((e as Error | undefined)?.message ?? 'it did not start'));
        }
        await sleep(policy.everyMs);
        if (!watching) return;
      }
    }
  };

  const timer = setInterval(() => {
    if (!watching || restarting) return;
    if (pid !== null && isAlive(pid)) {
      seenEnded = false;
      return;
    }
    if (!seenEnded) {
      seenEnded = true;
      return;
    }
    seenEnded = false;
    restarting = restart().finally(() => (restarting = null));
  }, policy.watchMs);
  timer.unref();

  return {
    lost,
    async stop() {
      watching = false;
      clearInterval(timer);
      await restarting;
      return pid !== null && isAlive(pid);
    },
  };
}
