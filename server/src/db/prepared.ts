/**
 * Named (prepared) statements for the hot paths' fixed SQL texts.
 *
 * pg sends an unnamed statement as Parse + Bind + Execute on every call, so PostgreSQL parses,
 * analyses and plans the same text again each time. For a registry read that is most of the
 * server's work: measured on the bench's read by plate, the backend took about as much CPU per
 * read as the whole Node thread, on a 2-core machine where the two share the cores. A named
 * statement is parsed once per connection; later calls send only Bind + Execute, and after a
 * few executions PostgreSQL keeps a generic plan when it costs no more than the custom ones
 * (right for the key look-ups registered here; a query whose best plan depends on its values
 * should not be registered).
 *
 * The registry maps a SQL text to its name; the pool's clients (client.ts) look every
 * query text up there. Kysely passes `(sql, parameters)` to the client, so nothing between a
 * repository and pg needs to know.
 */
/**
 * At most this many texts are named. Each is prepared on every connection that runs it, for the
 * connection's life; a text that varied with its values (an `in` list) would otherwise grow
 * every connection's memory without end. Past the cap, texts run unnamed, as before.
 */
export const MAX_NAMED = 500;

/** SQL texts and the names they run under. */
export class StatementNames {
  readonly #names = new Map<string, string>();
  constructor(private readonly max = MAX_NAMED) {}

  /** The text's name, given on first sight while there is room; undefined past the cap. */
  register(sql: string): string | undefined {
    let name = this.#names.get(sql);
    if (!name && this.#names.size < this.max) {
      // Unique within this process is enough: each connection prepares its own.
      name = `cheguan_${this.#names.size + 1}`;
      this.#names.set(sql, name);
    }
    return name;
  }

  get(sql: string): string | undefined {
    return this.#names.get(sql);
  }
}

/** The process's registry, shared by every pool (each connection prepares what it runs). */
const names = new StatementNames();

/** Marks a fixed SQL text to be run as a named statement on every connection of the pools. */
export const prepareStatement = (sql: string) => names.register(sql);

/** The name a SQL text runs under, if it was registered. */
export const preparedName = (sql: string) => names.get(sql);
