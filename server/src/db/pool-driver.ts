import {
  AbortedTransactionError,
  CompiledQuery,
  PostgresDialect,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type pg from 'pg';
import type { CheguanClient } from './client.ts';
import { affectedRows } from './named-result.ts';
import { preparedName } from './prepared.ts';

/**
 * Kysely's PostgreSQL driver, over the pool's own clients (client.ts), with the client in reach.
 * Kysely's driver keeps each connection's client private; a transaction opened by
 * `inPipelinedTransaction` (pipelined.ts) sends its statements to the client directly instead of
 * through Kysely's executor, which wraps every statement in about ten promises on its way to pg
 * (in the bench's mix, about 98 of a mixed application's 321 promises). Otherwise it does what
 * Kysely's does: the same answers, the same commands for a transaction, the same release.
 */
export class PoolDriver implements Driver {
  #pool: pg.Pool | null;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<PoolConnection> {
    const pool = this.#pool;
    if (!pool) throw new Error('driver has already been destroyed');
    return new PoolConnection((await pool.connect()) as unknown as PooledClient);
  }

  async beginTransaction(c: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const modes = [
      settings.isolationLevel ? `isolation level ${settings.isolationLevel}` : '',
      settings.accessMode ?? '',
    ].filter(Boolean);
    await c.executeQuery(
      CompiledQuery.raw(modes.length ? `start transaction ${modes.join(' ')}` : 'begin'),
    );
  }

  async commitTransaction(c: DatabaseConnection): Promise<void> {
    poolConnectionOf(c)?.end('committed');
    const { rows } = await c.executeQuery<{ command?: string }>(CompiledQuery.raw('commit'));
    // PostgreSQL completes a COMMIT with a ROLLBACK tag when an earlier failure aborted the
    // transaction: nothing was committed.
    if (rows[0]?.command === 'ROLLBACK') throw new AbortedTransactionError();
  }

  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    poolConnectionOf(c)?.end('rolled back');
    try {
      await c.executeQuery(CompiledQuery.raw('rollback'));
    } catch (e) {
      // A connection that could not roll back is not given to anyone else.
      poolConnectionOf(c)?.discard();
      throw e;
    }
  }

  async releaseConnection(c: DatabaseConnection): Promise<void> {
    (c as PoolConnection).release();
  }

  async destroy(): Promise<void> {
    const pool = this.#pool;
    this.#pool = null;
    await pool?.end();
  }
}

type PooledClient = CheguanClient & { release(destroy?: boolean): void };

/** A pool client lent to Kysely: the client itself is `client`, for a direct statement. */
export class PoolConnection implements DatabaseConnection {
  #discarded = false;
  /** How the transaction this connection carried ended, once its COMMIT or ROLLBACK is sent. */
  #ended: string | null = null;

  constructor(readonly client: PooledClient) {}

  /** Runs a statement on the client and answers as Kysely's driver does. */
  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#discarded) return Promise.reject(new Error('Postgres connection has been discarded'));
    if (this.#ended === 'released') {
      return Promise.reject(new Error('Postgres connection has been released'));
    }
    const answer = this.client.query(query.sql, [...query.parameters]) as unknown;
    // A named statement's answer (named-result.ts; or, written behind, no rows and no count)
    // is read by Kysely as it is; any other is copied into Kysely's shape.
    if (preparedName(query.sql) !== undefined) return answer as Promise<QueryResult<R>>;
    return (answer as Promise<pg.QueryResult>).then(asQueryResult<R>);
  }

  /**
   * A statement of the transaction this connection carries, sent straight to its client (what
   * pipelined.ts gives a transaction's handle instead of Kysely's executor). Refused once the
   * transaction's end is sent, as Kysely refuses a statement on a transaction it has ended: the
   * client may by then carry someone else's.
   */
  executeInTransaction<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#ended) return Promise.reject(new Error(`Transaction is already ${this.#ended}`));
    return this.executeQuery<R>(query);
  }

  /** Marks the transaction ended: its COMMIT or ROLLBACK goes next. */
  end(how: 'committed' | 'rolled back'): void {
    this.#ended = how;
  }

  // eslint-disable-next-line require-yield -- a stream needs a cursor, which no pool query uses
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming needs a cursor, which the pool does not give (db/client.ts)');
  }

  discard(): void {
    this.#discarded = true;
  }

  release(): void {
    this.#ended ??= 'released';
    this.client.release(this.#discarded);
  }
}

/** The method by which a connection that wraps a pool connection (lanes.ts) gives the one it holds. */
export const HELD = Symbol('the pool connection held');

/** The pool connection a Kysely connection is or holds at this moment, or null (another driver). */
export function poolConnectionOf(c: DatabaseConnection): PoolConnection | null {
  if (c instanceof PoolConnection) return c;
  const held = (c as { [HELD]?: () => PoolConnection | null })[HELD];
  return held ? held.call(c) : null;
}

/** pg's answer as Kysely's: rows, and for a change the rows it changed. */
function asQueryResult<R>({ command, rowCount, rows }: pg.QueryResult): QueryResult<R> {
  if (command === 'COMMIT' || command === 'ROLLBACK') return { rows: [{ command }] as R[] };
  return {
    numAffectedRows: affectedRows(command, rowCount),
    rows: (rows ?? []) as R[],
  };
}

/** Kysely's PostgreSQL dialect over `PoolDriver`. */
export class PoolDialect extends PostgresDialect {
  constructor(readonly pool: pg.Pool) {
    super({ pool });
  }

  override createDriver(): Driver {
    return new PoolDriver(this.pool);
  }
}
