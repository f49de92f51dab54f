import type pg from 'pg';

/** A table, column, index or trigger name quoted for SQL. */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Turns a table's named triggers off or on again around a bulk write. */
export async function switchTriggers(
  client: pg.Client,
  table: string,
  names: readonly string[],
  change: 'DISABLE' | 'ENABLE',
): Promise<void> {
  for (const name of names) {
    await client.query(`ALTER TABLE ${ident(table)} ${change} TRIGGER ${ident(name)}`);
  }
}
