import { sql } from 'kysely';
import type { Db } from '../../server/src/db/database.ts';

/**
 * Takes a pool connection of `db` in a transaction that has run a statement, and holds it until
 * the returned function is called (which ends the transaction): with a pool of one, every later
 * statement that needs a pool connection waits for it.
 */
export async function holdConnection(db: Db): Promise<() => Promise<void>> {
  let release!: () => void;
  let holding!: () => void;
  const taken = new Promise<void>((resolve) => (holding = resolve));
  const held = db.transaction().execute(async (tx) => {
    await sql`SELECT 1`.execute(tx);
    holding();
    await new Promise<void>((resolve) => (release = resolve));
  });
  await Promise.race([taken, held]);
  return async () => {
    release();
    await held;
  };
}
