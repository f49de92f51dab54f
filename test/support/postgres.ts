import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedHandle } from '../../server/src/db/embedded.ts';
import { loadEnv } from '../../server/src/env.ts';

/**
 * A PostgreSQL server for a test run: the one DATABASE_URL names (CI's Debian server), or an
 * embedded one in a temporary directory (the default, like `npm start`).
 */
export async function testServer(): Promise<{ adminUrl: string; stop(): Promise<void> }> {
  const env = loadEnv();
  if (env.DATABASE_URL) return { adminUrl: env.DATABASE_URL, stop: async () => undefined };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cheguan-test-'));
  const handle: EmbeddedHandle = await startEmbeddedPostgres({
    dataDir: dir,
    database: 'postgres',
  });
  return {
    adminUrl: handle.url,
    stop: async () => {
      await handle.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(adminUrl: string, sqlText: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

/** A new database cloned from the template: cheap, isolated, already migrated and seeded. */
export async function cloneDatabase(adminUrl: string, template: string): Promise<string> {
  const name = `cheguan_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return name;
}

export async function dropDatabase(adminUrl: string, name: string) {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
