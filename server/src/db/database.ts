import { Kysely, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { installArrayReaders } from './array-parsers.ts';
import { CheguanClient } from './client.ts';
import { LaneDialect, Lanes } from './lanes.ts';
import { PoolDialect } from './pool-driver.ts';
import { installTimestampReader } from './timestamp-reader.ts';
import type { Database } from './types.ts';

// `date` columns stay 'YYYY-MM-DD' strings: a JS Date would shift them by the time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
// Integer and boolean arrays read as JSON, several times faster (array-parsers.ts).
installArrayReaders();
// Instants read by character codes in the server's own shape (timestamp-reader.ts).
installTimestampReader();

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either handle: services take whichever the use case opened. */
export type DbOrTx = Db | Tx;

/** How long a request waits for a free connection before it is told to come back later. */
export const ACQUIRE_TIMEOUT_MS = 10_000;

/** The message pg gives when no connection became free in time (mapped to 503). */
export const isAcquireTimeout = (e: unknown) =>
  e instanceof Error && e.message.includes('timeout exceeded when trying to connect');

const reportLost = (e: Error) => console.error(`database connection lost: ${e.message}`);

/**
 * A pool with an acquire timeout: a burst that outlasts the pool gets a clear 503 instead of
 * waiting forever. Errors of idle clients (their server went away) are reported, not thrown,
 * so they never crash the process.
 */
export function createPool(
  url: string,
  poolSize: number,
  onIdleError: (e: Error) => void = reportLost,
  acquireTimeoutMs = ACQUIRE_TIMEOUT_MS,
): pg.Pool {
  const pool = new pg.Pool({
    // Named statements for registered texts, and BEGIN sent with the first statement (client.ts).
    Client: CheguanClient,
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: acquireTimeoutMs,
  });
  // Ending the pool does not wait for the server to see its connections go: a server stopped
  // right after (the embedded one, on shutdown) ends them itself, which is no loss to report.
  let ending = false;
  const end = pool.end.bind(pool);
  pool.end = (() => {
    ending = true;
    return end();
  }) as typeof pool.end;
  // What a client holds unsent (a BEGIN without a statement after it) is not the next user's.
  pool.on('release', (_err: Error | undefined, client: pg.PoolClient) =>
    (client as unknown as CheguanClient).forgetHeld(),
  );
  pool.on('error', (e) => {
    if (!ending) onIdleError(e);
  });
  return pool;
}

export interface DbOptions {
  /** Reports a connection the database ended while idle (default: one line on stderr). */
  onIdleError?: (e: Error) => void;
  acquireTimeoutMs?: number;
  /**
   * Shared connections for the named statements run outside a transaction (lanes.ts; default
   * 2). With 0, every statement takes a pool connection.
   */
  lanes?: number;
}

/** The Kysely handle over `createPool`'s pool and the read lanes (lanes.ts). */
export function createDb(
  url: string,
  poolSize: number,
  { onIdleError = reportLost, acquireTimeoutMs, lanes = 2 }: DbOptions = {},
): Db {
  const pool = createPool(url, poolSize, onIdleError, acquireTimeoutMs);
  const dialect =
    lanes > 0 ? new LaneDialect(pool, new Lanes(url, lanes, onIdleError)) : new PoolDialect(pool);
  return new Kysely<Database>({ dialect });
}

/**
 * A timestamp column as milliseconds since the epoch (a number): for reads of many rows, where
 * pg's text parser of timestamps would cost more than the rest of each row. `new Date(ms)`
 * gives the same instant, to the millisecond, as the parsed column would.
 */
export const epochMs = (column: string) =>
  sql<number>`(extract(epoch FROM ${sql.ref(column)}) * 1000)::float8`;

/**
 * Refreshes the planner's statistics of the tables changed since their last ANALYZE, and of
 * those never analyzed. Right after a bulk load the planner still sees the loaded tables as
 * nearly empty until autovacuum gets to them, and picks plans (nested loops over "a few" rows)
 * that take minutes over tens of thousands. A change of any size counts: a few days' rows past
 * the end of a table's histogram misled the supervision run as much (44 s instead of 0.4 s over
 * a generated city-year). An unchanged table's statistics are still exact. Over a city-year the
 * tables the generator filled and nothing changed since are not sampled again: sampling them
 * all took 8.5 s of the demo's first start there.
 */
export async function refreshStatistics(db: Db): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    SELECT quote_ident(s.relname) AS name
      FROM pg_stat_user_tables s
     WHERE s.schemaname = current_schema()
       AND (coalesce(s.last_analyze, s.last_autoanalyze) IS NULL OR s.n_mod_since_analyze > 0)
     ORDER BY s.relname`.execute(db);
  if (rows.length) await sql.raw(`ANALYZE ${rows.map((r) => r.name).join(', ')}`).execute(db);
}

/**
 * Runs a read of many rows in one repeatable-read, read-only transaction with `work_mem` raised
 * for it alone: what it reads is one snapshot, and its grouping and sorting stay in memory
 * instead of spilling to disk (PostgreSQL's default of 4 MB spills a county-year's sorts). Inside
 * an open transaction the read joins it as it is.
 */
export async function readingSnapshot<T>(
  db: DbOrTx,
  workMemMb: number,
  read: (tx: DbOrTx) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return await read(db);
  return await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      await sql`SET TRANSACTION READ ONLY`.execute(tx);
      await sql.raw(`SET LOCAL work_mem = '${Math.floor(workMemMb)}MB'`).execute(tx);
      return await read(tx);
    });
}
