import { Transaction, type CompiledQuery, type DatabaseConnection } from 'kysely';
import type { Db, Tx } from './database.ts';
import { poolConnectionOf } from './pool-driver.ts';
import type { Database } from './types.ts';

/**
 * The same transaction, with its statements no longer held back for each other's answers.
 *
 * Kysely lends a transaction's connection to one statement at a time (its
 * `SingleConnectionProvider`): a statement issued while another is out waits for that one's
 * answer, so `Promise.all` of independent reads inside a transaction still takes one round trip
 * per read. The pool's client keeps statements in the order they were issued and gives each its
 * own answer (pg's pipeline mode), and sends what is issued in one turn of the event loop in one
 * socket write (client.ts). Over the handle this returns, reads issued together (a handler's
 * `Promise.all`) leave together: one round trip, one wake-up of the backend. PostgreSQL runs
 * them in the order issued, as Kysely would have sent them, so what each sees is unchanged; a
 * failure aborts the transaction for the statements after it, as it would have one by one.
 *
 * What a use case's code awaits in turn still goes in turn: only what it issues without waiting
 * goes together. The transaction is the caller's (`db.transaction().execute`): it begins,
 * commits or rolls back as before, and its other handle stays usable beside this one.
 */
export async function pipelined(tx: Tx): Promise<Tx> {
  const connection = await tx.getExecutor().provideConnection(async (c) => c);
  const shared = {
    provideConnection: <T>(consumer: (c: DatabaseConnection) => Promise<T>) => consumer(connection),
  };
  const executor = tx.getExecutor().withConnectionProvider(shared);
  // A statement goes straight to the pool's client. Kysely's executor would lend it the
  // connection through about ten promises (its checks, its connection provider's, the result's
  // plugins, of which there are none here); the connection refuses it once the transaction has
  // ended, as Kysely does.
  const direct = poolConnectionOf(connection);
  if (direct && executor.plugins.length === 0) {
    Object.assign(executor, {
      executeQuery: (query: CompiledQuery) => direct.executeInTransaction(query),
    });
  }
  return new Transaction<Database>({
    // A transaction's handle needs only its executor: its own transaction(), connection() and
    // destroy() refuse to run. The other parts of Kysely's props are there for its shape.
    config: {} as never,
    dialect: {} as never,
    driver: {} as never,
    executor,
  });
}

/** The pool each pipelined transaction was opened on (`poolOf`). */
const pools = new WeakMap<Tx, Db>();

/** `db.transaction().execute(use)` over the pipelined handle of its transaction. */
export async function inPipelinedTransaction<T>(db: Db, use: (tx: Tx) => Promise<T>): Promise<T> {
  return await db.transaction().execute(async (tx) => {
    const handle = await pipelined(tx);
    pools.set(handle, db);
    return await use(handle);
  });
}

/**
 * The pool a transaction opened by `inPipelinedTransaction` came from, for what a step may do
 * beside its transaction without waiting for it (sequence-reserve.ts draws ahead on it); none for
 * any other transaction.
 */
export const poolOf = (tx: Tx): Db | undefined => pools.get(tx);
