import cluster, { type Worker } from 'node:cluster';
import { poolSize, type Env } from '../env.ts';
import { createDb } from '../db/database.ts';
import { buildApp } from './server.ts';
import { platformContext } from './start.ts';
import { forgetOnChanges, isServerShutdown } from './change-listener.ts';

/** A worker that stops is replaced after this pause (not at once: a crash loop would spin). */
const RESPAWN_MS = 1_000;
/** A worker that has not stopped this long after being asked is killed. */
const STOP_GRACE_MS = 15_000;

export interface WorkerPool {
  /** The port they share (the one asked for, or the one chosen for port 0). */
  port: number;
  /** Asks every worker to finish its requests and stop, and waits until all have exited. */
  stop(): Promise<void>;
}

/**
 * The primary's side: forks `count` workers serving HTTP over the primary's database and waits
 * until each listens. A worker that exits later is replaced; one that exits before it first
 * listens fails the start (its cause is in its own output). Workers never run the scheduled
 * jobs: the primary does, once.
 */
export async function startWorkers(opts: {
  count: number;
  databaseUrl: string;
  /**
   * The module a worker runs when it is not the primary's own script (the bench's server);
   * by default the primary's command again, which becomes a worker (`npm start`'s script sees
   * its builds up to date and loads the bundle).
   */
  exec?: string;
  log: (message: string) => void;
  /** More environment for the workers over the primary's own (the bench's port and pool). */
  env?: Record<string, string>;
}): Promise<WorkerPool> {
  const { count, databaseUrl, log } = opts;
  if (opts.exec) cluster.setupPrimary({ exec: opts.exec });
  let stopping = false;
  const fork = () => cluster.fork({ ...opts.env, DATABASE_URL: databaseUrl, CHEGUAN_JOBS: 'off' });
  const exits = new Map<Worker, Promise<void>>();
  const track = (w: Worker) => {
    exits.set(
      w,
      new Promise((resolve) =>
        w.once('exit', () => {
          exits.delete(w);
          resolve();
        }),
      ),
    );
    return w;
  };
  const stopAll = async () => {
    stopping = true;
    const waiting = [...exits.entries()].map(async ([w, exited]) => {
      w.process.kill('SIGTERM');
      const timer = setTimeout(() => w.process.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    });
    await Promise.all(waiting);
  };

  let ports: number[];
  try {
    ports = await Promise.all(
      Array.from(
        { length: count },
        () =>
          new Promise<number>((resolve, reject) => {
            const w = track(fork());
            const early = (code: number | null, signal: string | null) =>
              reject(
                new Error(`an HTTP worker stopped before serving (${signal ?? `exit ${code}`})`),
              );
            w.once('exit', early);
            w.once('listening', (address) => {
              w.off('exit', early);
              resolve(address.port);
            });
          }),
      ),
    );
  } catch (e) {
    await stopAll();
    throw e;
  }

  cluster.on('exit', (w, code, signal) => {
    if (stopping) return;
    log(`HTTP worker ${w.process.pid} stopped (${signal ?? `exit ${code}`}); starting another`);
    setTimeout(() => {
      if (!stopping) track(fork());
    }, RESPAWN_MS);
  });
  return { port: ports[0] ?? 0, stop: stopAll };
}

/**
 * A worker's side: the HTTP app over the database the primary opened (DATABASE_URL in its
 * environment), on the shared port. It stops on SIGTERM or SIGINT after the requests in flight,
 * and when the primary is gone (its channel closes, e.g. after kill -9).
 */
export async function serveAsWorker(env: Env, webDir: string) {
  if (!env.DATABASE_URL) throw new Error('an HTTP worker needs the primary’s DATABASE_URL');
  // Ctrl-C reaches the embedded PostgreSQL with the workers, and it may end their connections
  // first: the primary reports the database stopping, the workers need not repeat it per link.
  const db = createDb(env.DATABASE_URL, poolSize(env), {
    onIdleError: (e) => {
      if (!isServerShutdown(e)) console.error(`database connection lost: ${e.message}`);
    },
    lanes: env.DB_READ_LANES,
  });
  const ctx = await platformContext(db, env);
  const app = await buildApp(ctx, { webDir, logLevel: env.LOG_LEVEL });
  const changes = forgetOnChanges(db, env.DATABASE_URL, (e) => {
    if (!isServerShutdown(e)) app.log.warn({ err: e }, 'change notices interrupted');
  });
  let closing = false;
  const close = async (code: number) => {
    if (closing) return;
    closing = true;
    try {
      await app.close();
      await changes.close();
      await db.destroy();
    } finally {
      process.exit(code);
    }
  };
  process.on('SIGINT', () => void close(0));
  process.on('SIGTERM', () => void close(0));
  process.on('disconnect', () => void close(1));
  await app.listen({ port: env.PORT, host: env.HOST });
}
