import type pg from 'pg';
import { ident } from './ddl.ts';
import type { Reference } from './references.ts';

interface Definition {
  table: string;
  name: string;
  definition: string;
}

/**
 * Takes the indexes and keys off the tables about to be filled, and gives back the functions that
 * put them back. COPY into a table with a dozen indexes maintains each of them row by row, and
 * a foreign key checks each row with a query of its own; building an index once over the loaded
 * rows, and validating a key with one join, is several times faster.
 *
 * With `keepReferences`, the foreign keys from these tables to other tables (outside the load:
 * load.ts refuses keys between its groups) stay, and are returned as `references` for
 * references.ts to suspend and check (taking them off would lock their parents exclusively).
 *
 * Safe because: the definitions are read from the catalog (pg_get_indexdef,
 * pg_get_constraintdef), so they come back exactly as the migrations made them; primary and
 * unique keys are re-added as constraints, which check every row when they are built, and
 * foreign keys likewise validate every row; and the caller does all of it inside one
 * transaction, so a failure (a duplicate, a dangling reference) leaves the schema and the data
 * as they were.
 */
export async function dropKeysAndIndexes(
  client: pg.Client,
  tables: readonly string[],
  { keepReferences = false }: { keepReferences?: boolean } = {},
) {
  // Constraints: primary and unique keys of the tables, and every foreign key from or to them.
  const { rows: constraints } = await client.query<
    Definition & {
      type: string;
      oid: number;
      match: string;
      parent: string | null;
      columns: string[];
      parentColumns: string[];
    }
  >(
    `SELECT t.relname AS table, c.conname AS name, c.contype AS type, c.oid::int AS oid,
            c.confmatchtype AS match, pg_get_constraintdef(c.oid) AS definition,
            f.relname AS parent,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n
                   ORDER BY k.i) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n
                   ORDER BY k.i) AS "parentColumns"
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       LEFT JOIN pg_class f ON f.oid = c.confrelid
      WHERE n.nspname = current_schema()
        AND ((c.contype IN ('p', 'u') AND t.relname = ANY($1))
          OR (c.contype = 'f' AND (t.relname = ANY($1) OR f.relname = ANY($1))))
      ORDER BY c.contype = 'f', 1, 2`,
    [tables],
  );
  // Indexes that no constraint owns (secondary ones, partial unique ones).
  const { rows: indexes } = await client.query<Definition>(
    `SELECT t.relname AS table, i.relname AS name, pg_get_indexdef(i.oid) AS definition
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND t.relname = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
      ORDER BY 1, 2`,
    [tables],
  );
  const keys = constraints.filter((c) => c.type !== 'f');
  const ours = (t: string | null) => t !== null && tables.includes(t);
  const isReference = (c: (typeof constraints)[number]) =>
    keepReferences && c.type === 'f' && ours(c.table) && !ours(c.parent);
  const foreign = constraints.filter((c) => c.type === 'f' && !isReference(c));
  const references: Reference[] = constraints.filter(isReference).map((c) => ({
    oid: c.oid,
    match: c.match,
    table: c.table,
    name: c.name,
    parent: c.parent!,
    columns: c.columns,
    parentColumns: c.parentColumns,
  }));
  for (const k of foreign) await dropConstraint(client, k);
  for (const i of indexes) await client.query(`DROP INDEX ${ident(i.name)}`);
  for (const k of keys) await dropConstraint(client, k);
  const restored = new Set<string>();
  const timed = async (what: string, statement: string, log: (m: string) => void) => {
    const t0 = Date.now();
    await client.query(statement);
    log(`${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  };
  /** Rebuilds a table's primary and unique keys, then its other indexes. */
  const restoreTable = async (table: string, log: (m: string) => void) => {
    if (restored.has(table)) return;
    restored.add(table);
    for (const k of keys.filter((c) => c.table === table)) {
      await timed(`key ${k.name}`, addConstraint(k), log);
    }
    for (const i of indexes.filter((c) => c.table === table)) {
      await timed(`index ${i.name}`, i.definition, log);
    }
  };
  return {
    /** Foreign keys to tables outside the load, left in place (`keepReferences`). */
    references,
    /** Rebuilds one filled table's keys and indexes, as soon as its rows are in. */
    restoreTable,
    /**
     * Rebuilds the keys and indexes of any table not restored yet, then re-adds (and so
     * validates) the foreign keys, which need both of their tables' rows and keys.
     */
    async restoreRest(log: (m: string) => void) {
      for (const table of tables) await restoreTable(table, log);
      for (const k of foreign) await timed(`foreign key ${k.name}`, addConstraint(k), log);
    },
  };
}

const dropConstraint = (client: pg.Client, c: Definition) =>
  client.query(`ALTER TABLE ${ident(c.table)} DROP CONSTRAINT ${ident(c.name)}`);
const addConstraint = (c: Definition) =>
  `ALTER TABLE ${ident(c.table)} ADD CONSTRAINT ${ident(c.name)} ${c.definition}`;
