import type pg from 'pg';
import { ident, switchTriggers } from './ddl.ts';

/**
 * Gives the tables about to be filled new, empty files in the loading transaction, with the rows
 * they held (the demo's) copied back, when the server runs at `wal_level=minimal` (a database the
 * generate command started itself). Returns whether it did, and how to copy back the rows of the
 * tables named in `later`, which are kept aside until their COPY: after it, where the generated
 * rows sort before the demo's by the table's primary key, or among them (`mergeBack`), so that
 * the file is in key order and the key's build finds its input sorted (violations' primary key
 * on the city-year, built alone: 7.5 s with the demo's 600 records after the 10 M generated,
 * 30.5 s with them before; the licences' key, 1.5 s in order, 8.7 s with the demo's 297 after).
 *
 * Why: at that level PostgreSQL writes no WAL for a file made in the running transaction, so the
 * COPY's rows and the rebuilt indexes are written once, to their files (synced at commit),
 * instead of twice; on the city-year that is about 14 GB of WAL not written. The COPY may then
 * also freeze its rows (`FREEZE`), so no later read or vacuum rewrites every page to set their
 * hint bits. At any other level the WAL is written anyway (a server the command found running,
 * or `DATABASE_URL`), and the tables are left as they are.
 *
 * Safe because: the caller has taken every key off these tables and every foreign key to them
 * (indexes.ts), so TRUNCATE is refused by nothing; the rows are copied back with the tables'
 * triggers off, since the rows they would derive (inspection photos, summaries) are among those
 * copied back or rebuilt at the end; and all of it is in the caller's one transaction.
 */
export async function renewTables(
  client: pg.Client,
  tables: readonly string[],
  later: ReadonlySet<string> = new Set(),
): Promise<Renewed> {
  const { rows } = await client.query<{ wal_level: string }>('SHOW wal_level');
  if (rows[0]?.wal_level !== 'minimal') {
    return { renewed: false, putBack: async () => undefined, mergeBack: (_t, _c, w) => w(null) };
  }
  // Generated columns are computed again on insert, and cannot be given.
  const { rows: columns } = await client.query<{ table: string; columns: string[] }>(
    `SELECT c.relname AS table, array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relname = ANY($1)
        AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      GROUP BY c.relname`,
    [tables],
  );
  // Triggers that are on, turned off while the rows are copied back.
  const { rows: triggers } = await client.query<{ table: string; name: string }>(
    `SELECT c.relname AS table, t.tgname AS name
       FROM pg_trigger t
       JOIN pg_class c ON c.oid = t.tgrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relname = ANY($1)
        AND NOT t.tgisinternal AND t.tgenabled <> 'D'`,
    [tables],
  );
  // Plain tables, not temporary ones: a transaction that touched a temporary table cannot be
  // prepared for a two-phase commit (load.ts). Made and dropped inside the transaction, no
  // other session ever sees them.
  const kept = (t: string) => ident(`generate_kept_${t}`);
  for (const t of tables) {
    await client.query(`CREATE TABLE ${kept(t)} AS TABLE ${ident(t)}`);
  }
  await client.query(`TRUNCATE ${tables.map(ident).join(', ')}`);
  /** Copies back a table's kept rows, those with `column` = `key` when given. */
  const insertKept = async (table: string, names: string[], where?: [string, string]) => {
    const list = names.map(ident).join(', ');
    const own = triggers.filter((t) => t.table === table).map((t) => t.name);
    await switchTriggers(client, table, own, 'DISABLE');
    await client.query(
      `INSERT INTO ${ident(table)} (${list}) OVERRIDING SYSTEM VALUE SELECT ${list} FROM ${kept(table)}` +
        (where ? ` WHERE ${ident(where[0])} = $1` : ''),
      where ? [where[1]] : [],
    );
    await switchTriggers(client, table, own, 'ENABLE');
  };
  // The tables whose kept rows are still aside.
  const aside = new Set(tables);
  const putBack = async (table: string) => {
    const names = columns.find((c) => c.table === table)?.columns;
    if (!names || !aside.delete(table)) return;
    await insertKept(table, names);
    await client.query(`DROP TABLE ${kept(table)}`);
  };
  for (const t of tables) if (!later.has(t)) await putBack(t);
  return {
    renewed: true,
    putBack: (t) => (later.has(t) ? putBack(t) : Promise.resolve()),
    mergeBack: async (table, column, writeBelow) => {
      const names = columns.find((c) => c.table === table)?.columns;
      if (!names || !later.has(table) || !aside.delete(table)) return writeBelow(null);
      const { rows: keys } = await client.query<{ key: string | null }>(
        `SELECT DISTINCT ${ident(column)} COLLATE "C" AS key FROM ${kept(table)} ORDER BY 1`,
      );
      for (const { key } of keys) {
        if (key === null) throw new Error(`${table}: a kept row without ${column}`);
        await writeBelow(key);
        await insertKept(table, names, [column, key]);
      }
      await writeBelow(null);
      await client.query(`DROP TABLE ${kept(table)}`);
    },
  };
}

export interface Renewed {
  /** Whether the tables have new files (so a COPY into them may freeze its rows). */
  renewed: boolean;
  /** Copies back the rows a table named in `later` held; for any other table, nothing. */
  putBack(table: string): Promise<void>;
  /**
   * Puts the rows a table named in `later` held in their places among rows written in the
   * order of a text column (collation C, as JavaScript compares strings): `writeBelow(key)`
   * writes the rows to come that sort before `key`, or all that are left for null, and the kept
   * rows with that key go in after them. The table's file is then in that order (the key's build
   * finds its input sorted). For any other table, `writeBelow(null)` alone.
   */
  mergeBack(
    table: string,
    column: string,
    writeBelow: (key: string | null) => Promise<void>,
  ): Promise<void>;
}
