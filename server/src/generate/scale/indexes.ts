import type pg from 'pg';

interface Saved {
  indexes: { name: string; definition: string }[];
  foreignKeys: { table: string; name: string; definition: string }[];
}

/**
 * Takes the secondary indexes and the foreign keys off the tables about to be filled, and gives
 * back a function that puts them back. COPY into a table with a dozen indexes maintains each of
 * them row by row, and a foreign key checks each row with a query of its own; building an index
 * once over the loaded rows, and validating a key with one join, is many times faster.
 *
 * Safe because: the definitions are read from the catalog (pg_get_indexdef,
 * pg_get_constraintdef), so they come back exactly as the migrations made them; primary keys,
 * unique constraints and unique indexes stay in place and keep checking every row; and the
 * caller does all of it inside one transaction, so a failure leaves the schema as it was.
 */
export async function dropSecondary(client: pg.Client, tables: readonly string[]) {
  const saved: Saved = { indexes: [], foreignKeys: [] };
  const indexes = await client.query<{ name: string; definition: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND t.relname = ANY($1)
        AND NOT x.indisunique AND NOT x.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
      ORDER BY 1`,
    [tables],
  );
  const keys = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT t.relname AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND t.relname = ANY($1) AND c.contype = 'f'
      ORDER BY 1, 2`,
    [tables],
  );
  saved.indexes = indexes.rows;
  saved.foreignKeys = keys.rows;
  for (const k of saved.foreignKeys) {
    await client.query(`ALTER TABLE ${ident(k.table)} DROP CONSTRAINT ${ident(k.name)}`);
  }
  for (const i of saved.indexes) await client.query(`DROP INDEX ${ident(i.name)}`);
  return {
    saved,
    /** Rebuilds every index and re-adds (and so validates) every foreign key. */
    async restore(log: (m: string) => void) {
      for (const i of saved.indexes) {
        const t0 = Date.now();
        await client.query(i.definition);
        log(`index ${i.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      }
      for (const k of saved.foreignKeys) {
        const t0 = Date.now();
        await client.query(
          `ALTER TABLE ${ident(k.table)} ADD CONSTRAINT ${ident(k.name)} ${k.definition}`,
        );
        log(`foreign key ${k.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      }
    },
  };
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
