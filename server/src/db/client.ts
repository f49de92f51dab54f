import type { Writable } from 'node:stream';
import pg from 'pg';
import { NamedQuery } from './named-query.ts';
import { preparedName } from './prepared.ts';

/**
 * The pool's client. Three things set it apart from pg's:
 *
 * 1. Registered SQL texts run as named statements (prepared.ts): parsed and planned once per
 *    connection.
 * 2. A transaction's `BEGIN` travels with its first statement. Kysely sends `begin`, waits for
 *    the answer, and only then sends the first statement: a round trip that carries nothing, on
 *    a machine where each one wakes a PostgreSQL backend (on the 2-vCPU bench machine a write
 *    to its socket cost the event loop up to 100 µs). Here `begin` is answered at once
 *    and held; the first statement after it is written behind it in the same socket write, and
 *    both go out without waiting for each other (pg's pipeline mode, which keeps the order and
 *    gives each its own answer). A transaction that ends before any statement sends nothing at
 *    all. If the held `BEGIN` fails, the statement's answer is that failure: a failed `BEGIN`
 *    means a lost connection, which fails the statement written behind it as well.
 * 3. Statements marked WRITE_BEHIND (below) are answered at once inside a transaction and held
 *    until the next statement or the COMMIT, which they go out with in one socket write, ahead
 *    of it. A rollback drops them unsent.
 * 4. Statements sent in the same turn of the event loop leave in one socket write: the socket
 *    is corked at the first and uncorked when the turn ends. Independent reads sent together
 *    (`readTogether` in compiled-query.ts) so take one round trip and wake the backend once.
 *
 * Pipeline mode refuses what keeps a portal open across round trips (cursors, `rows`, COPY
 * streams): no pool query uses them; the generator's COPY has a client of its own.
 */
export class CheguanClient extends pg.Client {
  /** The `begin` (or `start transaction …`) answered but not yet sent. */
  #begin: string | null = null;
  /** Statements written behind (WRITE_BEHIND), answered but not yet sent, in order. */
  #behind: unknown[][] = [];
  /** The socket is corked until the end of this turn of the event loop. */
  #corked = false;
  /** What a turn is: until the caller's code gives way, or until this pass of the event loop. */
  readonly #uncork: (flush: () => void) => void;

  /**
   * `turn: 'loop'` holds the writes until the event loop has run every callback that was due
   * (setImmediate), not only the caller's (nextTick): for a connection that many requests share
   * (lanes.ts), whose statements then leave together.
   */
  constructor(config?: pg.ClientConfig, { turn = 'tick' }: { turn?: 'tick' | 'loop' } = {}) {
    super({ ...config, pipeline: true });
    this.#uncork = turn === 'loop' ? (f) => setImmediate(f) : (f) => process.nextTick(f);
  }

  override query(...args: unknown[]): never {
    const [text, values] = args;
    const plain =
      typeof text === 'string' &&
      args.length <= 2 &&
      (values === undefined || Array.isArray(values));
    if (plain && !(values as unknown[] | undefined)?.length) {
      if (isBegin(text)) {
        this.#begin = text;
        return Promise.resolve(answer('BEGIN')) as never;
      }
      const end = END.exec(text);
      if (end) {
        const command = end[1]!.toUpperCase();
        // What a rollback undoes need not be sent at all.
        if (command === 'ROLLBACK') this.#behind = [];
        if (this.#begin !== null && !this.#behind.length) {
          // Nothing was sent since `begin`: there is no transaction to end.
          this.#begin = null;
          return Promise.resolve(answer(command)) as never;
        }
      }
    }
    const name = plain ? preparedName(text) : undefined;
    const forwarded = name
      ? [new NamedStatement(name, text as string, values as unknown[] | undefined)]
      : args;
    if (plain && text.startsWith(WRITE_BEHIND) && this.#inTransaction()) {
      this.#behind.push(forwarded);
      return Promise.resolve(answer('')) as never;
    }
    this.#corkForTurn();
    if (this.#begin === null && !this.#behind.length) return this.#send(forwarded, null);
    const ahead = [...(this.#begin === null ? [] : [[this.#begin]]), ...this.#behind];
    this.#begin = null;
    this.#behind = [];
    // What goes ahead is heard of by callback, not by a promise each: PostgreSQL answers in
    // order, so each one's answer has come before the statement's own. A failure ahead of the
    // statement is the statement's answer (the statement itself then only met an aborted
    // transaction); a callback-style call hears of its own statement only.
    const failed: AheadFailure = { error: null };
    for (const a of ahead) this.#sendAhead(a, failed);
    return this.#send(forwarded, failed);
  }

  /** Forgets what a client going back to the pool still held (nothing was sent of it). */
  forgetHeld(): void {
    this.#begin = null;
    this.#behind = [];
  }

  /**
   * Holds the socket's writes until this turn of the event loop ends, so that what is sent
   * in it (a held BEGIN, statements written behind, reads sent together) leaves in one write.
   * pg corks each query's own messages too; corks nest, and the writes leave at the last uncork.
   */
  #corkForTurn() {
    if (this.#corked) return;
    const stream = (this as unknown as { connection: { stream: Writable } }).connection.stream;
    stream.cork();
    this.#corked = true;
    this.#uncork(() => {
      this.#corked = false;
      stream.uncork();
    });
  }

  #inTransaction() {
    return this.#begin !== null || this.getTransactionStatus() === 'T';
  }

  /**
   * Sends a statement and answers it: with the first failure of what went ahead of it in the
   * same write (`failed`, filled by the callbacks of `#sendAhead`), else with its own answer.
   */
  #send(args: unknown[], failed: AheadFailure | null): never {
    const [first] = args;
    if (args.length === 1 && first instanceof NamedStatement) {
      // pg copies a config object property by property before it builds its query (its
      // `normalizeQueryConfig`), a cost per statement on the write path; a query built here from
      // the text alone skips the copy and pg's extra promise around the callback. It asks for
      // the statement's columns only on its connection's first run (named-query.ts), and its
      // result reuses the column parsers of the statement's earlier answers (named-result.ts).
      const query = new NamedQuery(first.name, first.text, first.values);
      const answered = query.answered(failed);
      super.query(query);
      return answered as never;
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (!failed || !(result instanceof Promise)) return result as never;
    return result.then(
      (r: unknown) => {
        if (failed.error) throw failed.error;
        return r;
      },
      (e: unknown) => {
        throw failed.error ?? e;
      },
    ) as never;
  }

  /** Sends a held statement (a BEGIN, one written behind), noting its failure in `failed`. */
  #sendAhead(args: unknown[], failed: AheadFailure): void {
    const note = (e: Error | null) => {
      if (e && !failed.error) failed.error = e;
    };
    const [first, values] = args;
    if (first instanceof NamedStatement) {
      const query = new NamedQuery(first.name, first.text, first.values);
      query.onAnswer(note);
      super.query(query);
    } else if (values === undefined) {
      super.query(first as string, note);
    } else {
      super.query(first as string, values as unknown[], note);
    }
  }
}

/** The first failure among the statements sent ahead of another in one write. */
interface AheadFailure {
  error: Error | null;
}

/** A registered statement on its way out: sent by its name, its text parsed once per connection. */
class NamedStatement {
  constructor(
    readonly name: string,
    readonly text: string,
    readonly values: unknown[] | undefined,
  ) {}
}

/**
 * Marks a statement, at the very start of its text, whose answer its caller does not read
 * (nothing returned, only a failure): inside a transaction it is written behind, in the same
 * socket write as the next statement or the COMMIT, and a failure of it is that statement's or
 * the COMMIT's answer. Outside a transaction it is sent at once.
 */
export const WRITE_BEHIND = '/* write-behind */';

const BEGIN = /^\s*(?:begin|start\s+transaction)\b/i;
const END = /^\s*(commit|rollback)\s*;?\s*$/i;

/** A statement that opens a transaction: this client sends it with the statement after it. */
const isBegin = (text: string) => BEGIN.test(text);

/** pg's answer to a statement without rows, as Kysely reads it (`command`, `rows`). */
const answer = (command: string) => ({ command, rowCount: null, oid: 0, rows: [], fields: [] });
