/**
 * Database helpers (the admin connection is the one DATABASE_URL or the embedded server gives).
 */
import pg from 'pg';
import { onCleanUp } from './cleanup.ts';

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** Creates a fresh database (dropped again on clean-up) and returns its URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  await query(adminUrl, `CREATE DATABASE "${name}"`);
  onCleanUp(
    `drop database ${name}`,
    async () => void (await query(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  );
  return withDatabase(adminUrl, name);
}
