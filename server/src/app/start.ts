import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { bootstrap } from './bootstrap.ts';
import { keyFile, loadSecret } from './secrets.ts';
import { REGISTRY } from './registry.ts';
import { createDb, type Db } from '../db/database.ts';
import { startEmbeddedPostgres, type EmbeddedHandle } from '../db/embedded.ts';
import { migrate } from '../db/migrate.ts';
import { settleLoads } from '../generate/scale/two-phase.ts';
import { poolSize, type Env } from '../env.ts';
import type { AppContext } from '../platform/context.ts';
import { CheckpointSigner, Signer } from '../platform/signing.ts';
import { systemClock, type Clock } from '../platform/time.ts';
import type { StartupTimer } from './startup-timer.ts';

export interface Platform {
  ctx: AppContext;
  databaseUrl: string;
  embedded: EmbeddedHandle | null;
  /** The migrations this start applied (none when the database was up to date). */
  migrationsApplied: string[];
  demoSeeded: boolean;
  /** This start created the administrator of a clean install (CHEGUAN_DEMO=off). */
  adminCreated: boolean;
  close(): Promise<void>;
}

/** Where the owner of an embedded database publishes its address, for the CLI. */
export const connectionFile = (dataDir: string) =>
  path.join(path.resolve(dataDir), 'connection.json');

/** The context over an open database: its clock and the keys outside the database. */
export async function platformContext(db: Db, env: Env, clock?: Clock): Promise<AppContext> {
  return {
    db,
    clock: clock ?? systemClock,
    signer: new Signer(await loadSecret(db, env)),
    checkpointSigner: new CheckpointSigner(
      keyFile(env.CHEGUAN_AUDIT_KEY_FILE, CheckpointSigner.generatePem),
    ),
    env,
  };
}

/**
 * Finishes a `cheguan generate` that a crash stopped inside its two-phase commit: its prepared
 * transactions hold the locks of the tables it filled, so the migrations and every reader of
 * those tables would wait for them.
 */
async function settleInterruptedLoads(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const line of await settleLoads(client)) console.error(`cheguan generate: ${line}`);
  } finally {
    await client.end();
  }
}

/**
 * Opens the database (embedded by default, DATABASE_URL when set), migrates, bootstraps, and
 * returns the context that the HTTP server, the CLI and the jobs share.
 */
export async function startPlatform(
  env: Env,
  opts: {
    clock?: Clock;
    log?: (m: string) => void;
    timer?: StartupTimer;
    /** Reports an idle connection the database ended (default: one line on stderr). */
    onIdleError?: (e: Error) => void;
    /** Starts an embedded database for a bulk load (embedded.ts, `bulkLoad`). */
    bulkLoad?: boolean;
  } = {},
): Promise<Platform> {
  let embedded: EmbeddedHandle | null = null;
  let url = env.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({
      dataDir: env.CHEGUAN_DATA_DIR,
      log: opts.log,
      schedule: env.CHEGUAN_DB_SCHEDULE,
      bulkLoad: opts.bulkLoad,
    });
    url = embedded.url;
    fs.writeFileSync(
      connectionFile(env.CHEGUAN_DATA_DIR),
      JSON.stringify({ url, pid: process.pid }),
      { mode: 0o600 },
    );
    opts.timer?.mark('postgres');
  }
  let db: Db | null = null;
  try {
    await settleInterruptedLoads(url);
    const migrationsApplied = await migrate(url);
    opts.timer?.mark('migrations');
    db = createDb(url, poolSize(env), {
      onIdleError: opts.onIdleError,
      lanes: env.DB_READ_LANES,
    });
    const { demoSeeded, adminCreated } = await bootstrap(db, env, REGISTRY);
    opts.timer?.mark('bootstrap');
    const ctx = await platformContext(db, env, opts.clock);
    opts.timer?.mark('keys');
    const handle = embedded;
    return {
      ctx,
      databaseUrl: url,
      embedded,
      migrationsApplied,
      demoSeeded,
      adminCreated,
      close: async () => {
        await ctx.db.destroy();
        if (handle) {
          fs.rmSync(connectionFile(env.CHEGUAN_DATA_DIR), { force: true });
          await handle.stop();
        }
      },
    };
  } catch (e) {
    await db?.destroy();
    await embedded?.stop();
    throw e;
  }
}
