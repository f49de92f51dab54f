import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from '../../server/src/db/database.ts';
import { createTestApp, type TestApp } from './app.ts';

/**
 * Every index, constraint and trigger of the schema as the catalog defines them, with each
 * trigger's state: what a bulk load that takes keys off and turns triggers off must give back.
 */
export async function schemaShape(db: Db): Promise<string[]> {
  const { rows } = await sql<{ def: string }>`
    SELECT tablename || ': ' || indexdef AS def FROM pg_indexes WHERE schemaname = 'public'
    UNION ALL
    SELECT conrelid::regclass || ': ' || conname || ' ' || pg_get_constraintdef(oid)
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace
    UNION ALL
    SELECT tgrelid::regclass || ': ' || tgname || ' ' || tgenabled::text FROM pg_trigger
     WHERE NOT tgisinternal
    ORDER BY 1`.execute(db);
  return rows.map((r) => r.def);
}

/** A test app and a plain `pg` client on its database, for code written below the query builder. */
export async function createTestAppClient(): Promise<{
  t: TestApp;
  client: pg.Client;
  close(): Promise<void>;
}> {
  const t = await createTestApp();
  const client = new pg.Client({ connectionString: t.databaseUrl });
  await client.connect();
  return {
    t,
    client,
    close: async () => {
      await client.end();
      await t.close();
    },
  };
}
