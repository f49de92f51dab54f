import {
  sql,
  CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type Compilable,
  type RawBuilder,
} from 'kysely';
import { WRITE_BEHIND } from './client.ts';
import type { DbOrTx, Tx } from './database.ts';
import { prepareStatement } from './prepared.ts';
import type { Database } from './types.ts';

/** Builds and compiles queries, never connects: the compiler of the templates below. */
const compiler = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** Stands for a named value while the template is built; its place in the SQL is a parameter. */
class Slot {
  constructor(readonly name: string) {}
}

/** Each bound parameter of a template: a named value given at run time, or a constant. */
type Binding = { slot: string } | { constant: unknown };

interface Template {
  sql: string;
  bindings: Binding[];
}

function compileTemplate(
  build: (db: Kysely<Database>, values: never) => Compilable<unknown>,
  prefix = '',
) {
  const slots = new Map<string, Slot>();
  const values = new Proxy(
    {},
    {
      get: (_, name) => {
        if (typeof name !== 'string') return undefined;
        if (!slots.has(name)) slots.set(name, new Slot(name));
        return slots.get(name);
      },
      // Spreading or listing the stand-ins would build a query without them: name each one.
      ownKeys: () => {
        throw new Error('compiledQuery: name each value (the stand-ins cannot be spread)');
      },
    },
  );
  const compiled = build(compiler, values as never).compile();
  const bindings = compiled.parameters.map((p): Binding => {
    if (p === undefined) throw new Error('compiledQuery: a parameter is undefined while built');
    return p instanceof Slot ? { slot: p.name } : { constant: p };
  });
  // A value the builder read but did not bind (inlined, transformed, expanded into a list) would
  // be silently ignored at run time: refuse the template instead.
  for (const name of slots.keys()) {
    if (!bindings.some((b) => 'slot' in b && b.slot === name)) {
      throw new Error(`compiledQuery: the value "${name}" is not bound as a parameter`);
    }
  }
  const text = prefix + compiled.sql;
  // A fixed text whose values are all parameters: parsed and planned once per connection.
  prepareStatement(text);
  return { sql: text, bindings };
}

/** The template's parameters for one run: each named value, or the constant bound in its place. */
function parametersOf(template: Template, values: object) {
  return template.bindings.map((b) => {
    if ('constant' in b) return b.constant;
    const value = (values as Record<string, unknown>)[b.slot];
    if (value === undefined) throw new Error(`compiledQuery: no value for "${b.slot}"`);
    return value;
  });
}

/**
 * A query built and compiled once, then run with new values. Kysely builds and compiles a query
 * anew on every call (parsing references, freezing nodes, visiting them into SQL); on the hot
 * paths that cost as much of the server thread as pg's whole protocol work for the statement.
 *
 * `build` receives stand-ins for the values: each must reach the SQL as a bound parameter, used
 * as is (`.where('plate', '=', v.plate)`, `.values({ x: v.x })`, `sql\`${v.x}\``). Anything
 * decided from a value while building (`$if`, `in` lists, inlining, JSON.stringify), spreading
 * the values and binding undefined are refused when the template is compiled. At run time every named value must be given (null, never
 * undefined: a column left out of a Kysely insert takes its default, a template binds NULL).
 */
export function compiledQuery<V extends object, O>(
  build: (db: Kysely<Database>, values: V) => Compilable<O>,
): CompiledRead<V, O> {
  let template: Template | undefined;
  const read = (values: V): Read<O[]> => {
    template ??= compileTemplate(build as never);
    const query = CompiledQuery.raw(template.sql, parametersOf(template, values));
    return { query, answer: (rows) => rows as O[] };
  };
  return runnable(read);
}

/** A compiled query that runs the query its `read` gives for the values. */
function runnable<V, O>(read: (values: V) => Read<O[]>): CompiledRead<V, O> {
  const run = async (db: DbOrTx, values: V) => (await db.executeQuery<O>(read(values).query)).rows;
  return Object.assign(run, { read });
}

/**
 * A compiled query with its values, not yet sent, and what its rows answer: what
 * `readTogether` sends with others. A repository maps its rows there (`mapRead`), so the area
 * that sends reads of several areas gets each one's answer in its own terms.
 */
export interface Read<T> {
  readonly query: CompiledQuery;
  readonly answer: (rows: unknown[]) => T;
}

/** A read whose answer is `map` of the given read's. */
export const mapRead = <A, B>(read: Read<A>, map: (a: A) => B): Read<B> => ({
  query: read.query,
  answer: (rows) => map(read.answer(rows)),
});

/** A compiled query (`compiledQuery`): run it, or take it with its values for `readTogether`. */
export type CompiledRead<V, O> = ((db: DbOrTx, values: V) => Promise<O[]>) & {
  read(values: V): Read<O[]>;
};

type AnswersOf<T extends readonly Read<unknown>[]> = {
  -readonly [K in keyof T]: T[K] extends Read<infer A> ? A : never;
};

/**
 * Sends reads that do not depend on each other on one connection in one socket write (the
 * pool's client sends what comes in one turn together, db/client.ts) and answers each one's
 * answer (its rows, as its repository maps them): one round trip, where awaiting each in turn
 * takes one per read. PostgreSQL runs them in
 * the order given; inside a transaction they go on its connection and see its writes, and
 * outside one on a read lane (lanes.ts) together with other requests' reads. A failure
 * is the first failing read's, once every read has been answered (the connection goes back to
 * the pool, or on with the transaction, with nothing of them outstanding).
 *
 * Kysely hands a connection to one query at a time, even a transaction's; its executor's
 * `provideConnection` (marked internal in Kysely's types; the readTogether tests in
 * client.test.ts fail if it goes) lends the connection to a callback that may send several.
 */
export async function readTogether<const T extends readonly Read<unknown>[]>(
  db: DbOrTx,
  reads: T,
): Promise<AnswersOf<T>> {
  const settled = await db
    .getExecutor()
    .provideConnection((connection) =>
      Promise.allSettled(reads.map(async (r) => (await connection.executeQuery(r.query)).rows)),
    );
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s, i) =>
    reads[i]!.answer((s as PromiseFulfilledResult<unknown[]>).value),
  ) as AnswersOf<T>;
}

/**
 * A compiled query (as above) whose answer nobody reads, run inside a transaction and written
 * behind (db/client.ts): it goes out in the same socket write as the transaction's next
 * statement or its COMMIT, and a failure of it is reported there — so only for a statement that
 * the use case does not catch a failure of (the transaction's caller does: it sees the error
 * from the commit), and whose effect the next statements may see but need not wait for.
 */
export function writtenBehind<V extends object>(
  build: (db: Kysely<Database>, values: V) => Compilable<unknown>,
): (tx: Tx, values: V) => Promise<void> {
  let template: Template | undefined;
  return async (tx, values) => {
    template ??= compileTemplate(build as never, `${WRITE_BEHIND} `);
    await tx.executeQuery(CompiledQuery.raw(template.sql, parametersOf(template, values)));
  };
}

/**
 * `column = ANY($n::text[])`: membership in a list bound as one array parameter. Unlike `in`,
 * whose text grows with the list, the statement's text stays the same for any number of values,
 * so a compiled query keeps one text (and one named statement).
 */
export const isAnyOf = (column: string, values: readonly string[]) =>
  sql<boolean>`${sql.ref(column)} = ANY(${values}::text[])`;

/** The list's predicate of a `compiledListQuery`: the column is one of the list's values. */
export type ListMember = (column: string) => RawBuilder<boolean>;

/** Lists up to this long get a text of their own, one parameter per value; longer ones use ANY. */
const SHORT_LIST = 4;

/**
 * A compiled query over a list of strings, in a few texts: `column = $n` when the list holds one
 * value, `column in ($n, $m…)` with one parameter per value for lists of up to four, and
 * `column = ANY($n::text[])` (`isAnyOf`) for longer ones. Why: PostgreSQL estimates an array
 * parameter at ten elements, so the ANY text's generic plan looks several times dearer than a
 * plan for the one or two values it nearly always gets, and the backend plans the statement anew
 * at every run (0.15–0.2 ms each, the most of a key look-up's time). A text with one parameter
 * per value is estimated for what it gets: its generic plan is as cheap as a custom one, and is
 * kept after the first five runs. `build` writes the list's predicate as `member(column)`.
 */
export function compiledListQuery<L extends string, V extends Record<L, readonly string[]>, O>(
  list: L,
  build: (db: Kysely<Database>, values: V, member: ListMember) => Compilable<O>,
): CompiledRead<V, O> {
  type Members = V & Record<`member${number}`, string>;
  // The texts of 1…SHORT_LIST values, each compiled at its first use.
  const short = Array.from({ length: SHORT_LIST }, (_, i) =>
    compiledQuery((db, v: Members) => {
      const slots = Array.from({ length: i + 1 }, (_, k) => v[`member${k}`]);
      return build(db, v, (column) =>
        i === 0
          ? sql<boolean>`${sql.ref(column)} = ${slots[0]}`
          : sql<boolean>`${sql.ref(column)} in (${sql.join(slots)})`,
      );
    }),
  );
  const many = compiledQuery((db, v: V) => build(db, v, (column) => isAnyOf(column, v[list])));
  const read = (values: V): Read<O[]> => {
    const members = values[list];
    if (members.length === 0 || members.length > SHORT_LIST) return many.read(values);
    const named: Record<string, string> = {};
    members.forEach((m, k) => (named[`member${k}`] = m));
    return short[members.length - 1]!.read({ ...values, ...named } as Members);
  };
  return runnable(read);
}
