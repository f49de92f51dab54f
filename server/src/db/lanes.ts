import type pg from 'pg';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { CheguanClient } from './client.ts';
import { HELD, PoolConnection, PoolDialect } from './pool-driver.ts';
import { preparedName } from './prepared.ts';

/**
 * Shared connections for the hot key look-ups. A named statement (prepared.ts: the compiled
 * registry reads, the token's user, an outlet's standing) run outside a transaction goes on one
 * of a few long-lived pipelined connections, shared by every request, instead of taking a pool
 * connection of its own. The reads that concurrent requests send in one pass of the event loop
 * then leave in one socket write (client.ts corks a lane's connection until the pass ends) and
 * come back together: one wake-up of one backend for all of them. With a connection each, every
 * read woke a backend of its own, and its write, its answer and its pool checkout each cost the
 * server thread system calls of their own.
 *
 * Each statement keeps its own Sync (pg's pipeline mode), so it runs in its own implicit
 * transaction and a failure is its own. Only named reads that take no lock go (`onLane`): their
 * texts are fixed key look-ups, quick by design; anything else (lists, reports, writes, locking
 * reads, streams, transactions) takes a pool connection as before, so a long query or a lock
 * wait never holds up the reads queued behind it.
 */
export class Lanes {
  readonly #lanes: Lane[];
  /** The lane this pass's statements go on, so that they leave together. */
  #current: Lane | null = null;

  constructor(url: string, count: number, onError: (e: Error) => void) {
    this.#lanes = Array.from({ length: count }, () => new Lane(url, onError));
  }

  async execute<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (!this.#current) {
      // The least busy lane takes this pass of the event loop.
      this.#current = this.#lanes.reduce((a, b) => (b.pending < a.pending ? b : a));
      setImmediate(() => (this.#current = null));
    }
    return await this.#current.execute<R>(query);
  }

  async end(): Promise<void> {
    await Promise.all(this.#lanes.map((l) => l.end()));
  }
}

/** One shared connection, opened on first use and opened again after it was lost. */
class Lane {
  pending = 0;
  #client: Promise<CheguanClient> | null = null;
  #ended = false;

  constructor(
    private readonly url: string,
    private readonly onError: (e: Error) => void,
  ) {}

  async execute<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#ended) throw new Error('the database lanes have been closed');
    this.pending++;
    try {
      const client = await (this.#client ??= this.#connect());
      // Only named statements go on a lane (onLane): their answer is Kysely's as it is
      // (named-result.ts).
      return (await client.query(query.sql, [...query.parameters])) as unknown as QueryResult<R>;
    } finally {
      this.pending--;
    }
  }

  #connect(): Promise<CheguanClient> {
    const client = new CheguanClient({ connectionString: this.url }, { turn: 'loop' });
    const lost = (e?: Error) => {
      // The next statement opens a new connection; those in flight get the lost one's error.
      if (this.#client === connecting) this.#client = null;
      if (e && !this.#ended) this.onError(e);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    const connecting = client.connect().then(
      () => client,
      (e: unknown) => {
        lost();
        throw e;
      },
    );
    return connecting;
  }

  async end(): Promise<void> {
    this.#ended = true;
    const client = await this.#client?.catch(() => null);
    this.#client = null;
    await client?.end().catch(() => undefined);
  }
}

/**
 * Whether a statement outside a transaction goes on a lane: a named one (a fixed key look-up)
 * that reads without locking. A write or a locking read could wait for another transaction's
 * row lock, and every read queued behind it on the lane would wait too; those take a pool
 * connection. Decided once per text.
 */
const laneTexts = new Map<string, boolean>();
const LOCKING = /\bfor\s+(update|no\s+key\s+update|share|key\s+share)\b/i;
function onLane(text: string): boolean {
  const known = laneTexts.get(text);
  if (known !== undefined) return known;
  // Only named texts are remembered: they are few (prepared.ts caps them).
  if (preparedName(text) === undefined) return false;
  const yes = /^\s*select\b/i.test(text) && !LOCKING.test(text);
  laneTexts.set(text, yes);
  return yes;
}

/**
 * A connection as Kysely sees it, taken from the pool only when something needs one: a
 * transaction, a stream, or a statement that is not named. Until then its named statements go
 * on the lanes.
 */
class LaneConnection implements DatabaseConnection {
  #held: Promise<DatabaseConnection> | null = null;
  /** The pool connection once taken, to send to without awaiting `#held` again. */
  #heldNow: DatabaseConnection | null = null;

  constructor(
    private readonly pool: Driver,
    private readonly lanes: Lanes,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#heldNow) return await this.#heldNow.executeQuery<R>(query);
    if (!this.#held && onLane(query.sql)) return this.lanes.execute<R>(query);
    return (await this.held()).executeQuery<R>(query);
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number) {
    yield* (await this.held()).streamQuery<R>(query, chunkSize);
  }

  held(): Promise<DatabaseConnection> {
    return (this.#held ??= this.pool.acquireConnection().then((c) => (this.#heldNow = c)));
  }

  [HELD](): PoolConnection | null {
    return this.#heldNow instanceof PoolConnection ? this.#heldNow : null;
  }

  async release(): Promise<void> {
    // A checkout that failed (the pool's acquire timeout) has nothing to give back.
    const held = await this.#held?.catch(() => null);
    if (held) await this.pool.releaseConnection(held);
  }
}

/** Kysely's PostgreSQL driver with named statements outside transactions on the lanes. */
class LaneDriver implements Driver {
  constructor(
    private readonly pool: Driver,
    private readonly lanes: Lanes,
  ) {}

  init = () => this.pool.init();
  acquireConnection = async (): Promise<DatabaseConnection> =>
    new LaneConnection(this.pool, this.lanes);
  beginTransaction = async (c: DatabaseConnection, settings: TransactionSettings) =>
    this.pool.beginTransaction(await held(c), settings);
  commitTransaction = async (c: DatabaseConnection) => this.pool.commitTransaction(await held(c));
  rollbackTransaction = async (c: DatabaseConnection) =>
    this.pool.rollbackTransaction(await held(c));
  savepoint: Driver['savepoint'] = async (c, name, compile) =>
    this.pool.savepoint!(await held(c), name, compile);
  rollbackToSavepoint: Driver['rollbackToSavepoint'] = async (c, name, compile) =>
    this.pool.rollbackToSavepoint!(await held(c), name, compile);
  releaseSavepoint: Driver['releaseSavepoint'] = async (c, name, compile) =>
    this.pool.releaseSavepoint!(await held(c), name, compile);
  releaseConnection = async (c: DatabaseConnection) => (c as LaneConnection).release();
  destroy = async () => {
    await this.lanes.end();
    await this.pool.destroy();
  };
}

const held = (c: DatabaseConnection) => (c as LaneConnection).held();

/** The pool's dialect (pool-driver.ts) with named statements outside transactions on `lanes`. */
export class LaneDialect extends PoolDialect {
  constructor(
    pool: pg.Pool,
    private readonly lanes: Lanes,
  ) {
    super(pool);
  }

  override createDriver(): Driver {
    return new LaneDriver(super.createDriver(), this.lanes);
  }
}
