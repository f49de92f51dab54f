import type pg from 'pg';
import { ident } from './ddl.ts';

/** A foreign key from a filled table to a table the load does not touch (an outlet, a user…). */
export interface Reference {
  oid: number;
  /** `confmatchtype`: `s` for MATCH SIMPLE. */
  match: string;
  table: string;
  name: string;
  parent: string;
  columns: string[];
  parentColumns: string[];
}

/**
 * Turns off the row-by-row checks of foreign keys from the filled tables to tables the load
 * does not fill, and gives back the function that checks the loaded rows in one query per key
 * and turns the checks on again.
 *
 * Why not drop and re-add them, as indexes.ts does with the rest: taking a foreign key off
 * locks its parent (an outlet, a user) exclusively until the transaction ends, so loads that run
 * side by side in their own transactions (load.ts) would wait for each other on the same
 * parents. Turning a key's own triggers off locks only the filled table. The parents are
 * locked in SHARE mode for the transaction instead: no row of theirs can change or go while the
 * rows that name them are checked and committed, and the loads may all hold it at once.
 *
 * Safe because: the check is the one PostgreSQL runs when it validates a key (a row whose
 * columns are all set must find its parent; MATCH SIMPLE), over every row of the table, the
 * rows copied back included; a key of another kind is refused; a dangling row fails the load
 * by name. Needs a superuser (the triggers of a constraint are the system's), which load.ts
 * checks before it runs loads side by side.
 */
export async function suspendReferenceChecks(client: pg.Client, references: readonly Reference[]) {
  const odd = references.find((r) => r.match !== 's');
  if (odd) throw new Error(`generate: foreign key ${odd.name} is not MATCH SIMPLE`);
  // The key's own row triggers on the filled table (its parent's stay as they are).
  const { rows } = await client.query<{ table: string; trigger: string }>(
    `SELECT tgrelid::regclass::text AS table, tgname AS trigger FROM pg_trigger
      WHERE tgconstraint = ANY($1::oid[]) AND tgrelid = ANY($2::regclass[])`,
    [references.map((r) => r.oid), references.map((r) => r.table)],
  );
  const parents = [...new Set(references.map((r) => r.parent))];
  if (parents.length)
    await client.query(`LOCK TABLE ${parents.map(ident).join(', ')} IN SHARE MODE`);
  const switchAll = async (change: 'DISABLE' | 'ENABLE') => {
    for (const r of rows) {
      await client.query(`ALTER TABLE ${ident(r.table)} ${change} TRIGGER ${ident(r.trigger)}`);
    }
  };
  await switchAll('DISABLE');
  return {
    /** Checks every row against its parents, then turns the row-by-row checks on again. */
    async validate(log: (m: string) => void) {
      for (const r of references) {
        const t0 = Date.now();
        const set = r.columns.map((c) => `c.${ident(c)} IS NOT NULL`).join(' AND ');
        const match = r.columns
          .map((c, i) => `p.${ident(r.parentColumns[i]!)} = c.${ident(c)}`)
          .join(' AND ');
        const { rows: dangling } = await client.query(
          `SELECT 1 FROM ONLY ${ident(r.table)} c WHERE ${set}
              AND NOT EXISTS (SELECT 1 FROM ONLY ${ident(r.parent)} p WHERE ${match}) LIMIT 1`,
        );
        if (dangling.length) {
          throw new Error(`generate: a row of ${r.table} breaks foreign key ${r.name}`);
        }
        log(`foreign key ${r.name} checked (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      }
      await switchAll('ENABLE');
    },
  };
}
