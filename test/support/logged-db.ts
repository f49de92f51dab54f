import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../../server/src/db/types.ts';

/**
 * Runs `use` over a one-connection handle on a test database that records the SQL of every
 * statement it sends, and answers what `use` returned with those statements.
 */
export async function withStatementsLogged<T>(
  databaseUrl: string,
  use: (db: Kysely<Database>) => Promise<T>,
): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const logged = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => void statements.push(e.query.sql),
  });
  try {
    return { result: await use(logged), statements };
  } finally {
    await logged.destroy();
  }
}
