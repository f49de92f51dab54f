import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Field } from './binary-rows.ts';
import { copyInto } from './copy.ts';
import { switchTriggers } from './ddl.ts';
import { dropKeysAndIndexes } from './indexes.ts';
import { suspendReferenceChecks } from './references.ts';
import { renewTables, type Renewed } from './renew.ts';
import { transactionName } from './two-phase.ts';

/** One table's COPY. */
export interface CopyStep {
  table: string;
  columns: readonly string[];
  rows: () => Iterable<readonly Field[]>;
  /** Statement triggers kept off during the COPY (their summaries are rebuilt at the end). */
  triggers?: string[];
  /** Tables the COPY fills through a trigger, restored with it. */
  fills?: string[];
  /**
   * The rows the table held (the demo's) sort after the generated ones by its primary key: they
   * are copied back after the COPY, not before, so that the key's build finds them in order
   * (renew.ts).
   */
  keptAfter?: true;
  /**
   * A text column (not null) the rows come in the order of, as JavaScript compares strings
   * (collation C's order): the rows the table held are put in their places among them (renew.ts
   * `mergeBack`), so the file stays in that order.
   */
  inOrderOf?: string;
}

/**
 * Tables loaded together in one transaction: no foreign key joins them to another group's
 * tables, so each group's keys can be built and checked in a transaction of its own. The
 * first group has Node's thread for its COPYs before the others (`Turns`), and writes the load's
 * marker (two-phase.ts).
 */
export interface Group {
  name: string;
  steps: CopyStep[];
  /** Work in the group's transaction after its keys: the summaries, the marker. */
  finish?: (client: pg.Client, timed: Timed) => Promise<void>;
  /** Parallel workers of each index build when the groups load side by side (0 unless given). */
  buildWorkers?: number;
}

export type Timed = <T>(name: string, run: () => Promise<T>) => Promise<T>;

export interface LoadOptions {
  log: (m: string) => void;
  /** Keeps and logs a step's time. */
  timed: Timed;
  /** Reports a table's COPY: its rows and seconds. */
  copied: (table: string, rows: number, seconds: number) => void;
  /** Side by side in transactions of their own (when the server allows it), or all in one. */
  parallel: boolean;
  /** The load's name in its prepared transactions (two-phase.ts) and in its marker. */
  run: string;
}

/** The tables a group fills, those its triggers fill included. */
const tablesOf = (g: Group) => g.steps.flatMap((s) => [s.table, ...(s.fills ?? [])]);

/**
 * Loads the groups: side by side, each on its own connection in its own transaction, committed
 * together by two-phase commit (two-phase.ts), when the server allows it and `parallel` asks
 * for it; otherwise one after another in a single transaction. Returns whether it ran them side
 * by side.
 *
 * Why side by side: one transaction is one server process, and an index build is mostly that
 * process alone (the merge and the writing of the tree), so one of two cores sat idle for much of
 * the keys' time. Another group's COPY fills it. Node builds the rows of one COPY at a time
 * (`Turns`): two COPYs at once would only share Node's one thread, while a COPY beside index
 * builds uses the core they leave.
 */
export async function loadGroups(
  url: string,
  groups: readonly Group[],
  opts: LoadOptions,
): Promise<boolean> {
  const first = new pg.Client({ connectionString: url });
  await first.connect();
  try {
    await checkApart(first, groups);
    if (opts.parallel && (await sideBySide(first, groups.length))) {
      await loadSideBySide(url, first, groups, opts);
      return true;
    }
    await begin(first);
    try {
      for (const g of groups) await loadGroup(first, g, false, new Turns(1), 0, opts);
      await opts.timed('commit', () => first.query('COMMIT'));
    } catch (e) {
      await first.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
    return false;
  } finally {
    await first.end();
  }
}

/**
 * Whether the server lets the groups run side by side: they need a prepared transaction each,
 * and a superuser to turn off the checks of foreign keys to tables outside the load
 * (references.ts).
 */
async function sideBySide(client: pg.Client, groups: number): Promise<boolean> {
  const { rows } = await client.query<{ superuser: boolean; prepared: number }>(
    `SELECT rolsuper AS superuser, current_setting('max_prepared_transactions')::int AS prepared
       FROM pg_roles WHERE rolname = current_user`,
  );
  return groups > 1 && rows[0]!.superuser && rows[0]!.prepared >= groups;
}

/**
 * Refuses groups that cannot be loaded apart: a foreign key between two groups' tables, which no
 * group's transaction could check; and a table outside the load whose foreign keys name tables
 * of two groups, whose keys both transactions would take off (locking it), the second waiting
 * for the first to commit, which waits for it.
 */
async function checkApart(client: pg.Client, groups: readonly Group[]) {
  const { rows } = await client.query<{ name: string; child: string; parent: string }>(
    `SELECT c.conname AS name, t.relname AS child, f.relname AS parent
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_class f ON f.oid = c.confrelid
      WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace`,
  );
  const groupOf = new Map(groups.flatMap((g) => tablesOf(g).map((t) => [t, g.name] as const)));
  const touching = new Map<string, Set<string>>();
  for (const { name, child, parent } of rows) {
    const group = groupOf.get(parent);
    const own = groupOf.get(child);
    if (!group) continue;
    if (own && own !== group) {
      throw new Error(`generate: foreign key ${name} joins two groups of the load`);
    }
    if (!own) touching.set(child, (touching.get(child) ?? new Set()).add(group));
  }
  for (const [child, names] of touching) {
    if (names.size > 1) {
      throw new Error(
        `generate: ${child} has foreign keys to groups ${[...names].sort().join(' and ')}`,
      );
    }
  }
}

async function loadSideBySide(
  url: string,
  first: pg.Client,
  groups: readonly Group[],
  opts: LoadOptions,
) {
  const { run } = opts;
  const clients = groups.map(() => new pg.Client({ connectionString: url }));
  const prepared: string[] = [];
  const failed = new AbortController();
  try {
    await Promise.all(clients.map((c) => c.connect()));
    const pids = await Promise.all(
      clients.map(
        async (c) =>
          (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid,
      ),
    );
    const turns = new Turns(groups.length);
    const results = await Promise.allSettled(
      groups.map(async (g, i) => {
        const client = clients[i]!;
        try {
          await begin(client);
          // Side by side, the groups keep both cores busy: an index build's parallel workers
          // only add processes that wait for a core and sort runs written to temporary files
          // (city-year: 334.1 and 338.8 s without them, 392.7 and 436.3 s with them, in
          // alternated runs, using 596–600 against 712–789 CPU-seconds). A group that says so,
          // the one with the longest way to go, takes some all the same (`buildWorkers`).
          await client.query(`SET LOCAL max_parallel_maintenance_workers = ${g.buildWorkers ?? 0}`);
          await loadGroup(client, g, true, turns, i, opts, failed.signal);
          const gid = transactionName(run, i, groups.length);
          await opts.timed(`${g.name}: prepare`, () =>
            client.query(`PREPARE TRANSACTION '${gid}'`),
          );
          prepared.push(gid);
        } catch (e) {
          if (!failed.signal.aborted) {
            failed.abort(e);
            // Stops the other groups' statements now, not after their index builds.
            await first
              .query('SELECT pg_cancel_backend(pid) FROM unnest($1::int[]) pid', [
                pids.filter((_, j) => j !== i),
              ])
              .catch(() => undefined);
          }
          await client.query('ROLLBACK').catch(() => undefined);
          throw e;
        }
      }),
    );
    if (results.some((r) => r.status === 'rejected')) {
      for (const gid of prepared) await first.query(`ROLLBACK PREPARED '${gid}'`);
      throw failed.signal.reason;
    }
    // The first group, which writes the marker, first (two-phase.ts): once it is committed,
    // the load is decided.
    await opts.timed('commit', async () => {
      for (let i = 0; i < groups.length; i++) {
        await first.query(`COMMIT PREPARED '${transactionName(run, i, groups.length)}'`);
      }
    });
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}

async function begin(client: pg.Client) {
  await client.query('BEGIN');
  // Large sorts for the index builds, shared by each build's parallel workers (built alone,
  // violations_plate took 10.2 s with 1 GB against 11.0 s with 512 MB). A lost commit of
  // generated data costs nothing.
  await client.query("SET LOCAL maintenance_work_mem = '1GB'");
  // Hash joins of the foreign keys' validation in memory (documents → applications 5.2 s →
  // 3.7 s on the city-year), and the summaries' groupings.
  await client.query("SET LOCAL work_mem = '512MB'");
  await client.query('SET LOCAL synchronous_commit = off');
}

/** One group in the client's open transaction: keys off, COPY, keys back, checks, `finish`. */
async function loadGroup(
  client: pg.Client,
  group: Group,
  sideBySide: boolean,
  turns: Turns,
  rank: number,
  { log, timed, copied }: LoadOptions,
  signal?: AbortSignal,
) {
  const tables = tablesOf(group);
  const keys = await timed(`${group.name}: drop keys and indexes`, () =>
    dropKeysAndIndexes(client, tables, { keepReferences: sideBySide }),
  );
  const checks = await suspendReferenceChecks(client, keys.references);
  const later = new Set(group.steps.filter((s) => s.keptAfter || s.inOrderOf).map((s) => s.table));
  const renewed = await timed(`${group.name}: renew tables`, () =>
    renewTables(client, tables, later),
  );
  const freeze = renewed.renewed;
  for (const step of group.steps) {
    signal?.throwIfAborted();
    await switchTriggers(client, step.table, step.triggers ?? [], 'DISABLE');
    await turns.take(
      rank,
      async () => {
        const s0 = performance.now();
        const rows = await copyStep(client, step, renewed, freeze);
        copied(step.table, rows, (performance.now() - s0) / 1000);
      },
      signal,
    );
    await switchTriggers(client, step.table, step.triggers ?? [], 'ENABLE');
    await renewed.putBack(step.table);
    // Built while the table's pages are fresh in the page cache.
    await timed(`${step.table} keys and indexes`, async () => {
      for (const table of [step.table, ...(step.fills ?? [])]) await keys.restoreTable(table, log);
    });
  }
  signal?.throwIfAborted();
  await timed(`${group.name}: foreign keys`, async () => {
    await keys.restoreRest(log);
    await checks.validate(log);
  });
  await group.finish?.(client, timed);
}

/**
 * A step's COPY; for a step whose rows come in the order of a column, one COPY of the rows
 * before each row the table held, which goes in after them (renew.ts), and one of the rest.
 */
async function copyStep(
  client: pg.Client,
  step: CopyStep,
  renewed: Renewed,
  freeze: boolean,
): Promise<number> {
  const { table, columns, inOrderOf } = step;
  if (!inOrderOf) return copyInto(client, table, columns, step.rows(), { freeze });
  const at = columns.indexOf(inOrderOf);
  if (at < 0) throw new Error(`${table}: ${inOrderOf} is not among the columns copied`);
  const rows = new Runs(step.rows()[Symbol.iterator]());
  let count = 0;
  await renewed.mergeBack(table, inOrderOf, async (key) => {
    const below = rows.while((row) => key === null || (row[at] as string) < key);
    count += await copyInto(client, table, columns, below, { freeze });
  });
  return count;
}

/** An iterator read in runs: each run takes the items that come while a condition holds. */
export class Runs<T> {
  private ahead: IteratorResult<T>;

  constructor(private readonly items: Iterator<T>) {
    this.ahead = items.next();
  }

  *while(holds: (item: T) => boolean): Generator<T> {
    while (!this.ahead.done && holds(this.ahead.value)) {
      const item = this.ahead.value;
      this.ahead = this.items.next();
      yield item;
    }
  }
}

/**
 * Node's thread, taken by one COPY at a time. The first turn waits until every group has asked
 * for one; from then on, when the thread comes free, the waiting group that comes first in the
 * load's order takes it. That group has the longest way to go (the business, whose
 * applications' eleven index builds follow their COPY), so its index builds start early, and
 * the others' COPYs fill the cores beside them.
 */
export class Turns {
  private busy = false;
  private readonly asked = new Set<number>();
  private readonly waiting: { rank: number; go: () => void }[] = [];

  constructor(private readonly groups: number) {}

  async take<T>(rank: number, run: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    this.asked.add(rank);
    await new Promise<void>((go, stop) => {
      // A failed load lets its waiting groups go (load.ts cancels the rest).
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        stop(signal!.reason);
      };
      const waiter = {
        rank,
        go: () => {
          signal?.removeEventListener('abort', onAbort);
          go();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
      this.waiting.sort((a, b) => a.rank - b.rank);
      if (!this.busy && this.asked.size >= this.groups) this.next();
    });
    try {
      return await run();
    } finally {
      this.busy = false;
      this.next();
    }
  }

  private next() {
    const first = this.waiting.shift();
    if (!first) return;
    this.busy = true;
    first.go();
  }
}
