import fs from 'node:fs';
import { verifyChains } from './audit/audit.service.ts';
import { bootstrap } from './app/bootstrap.ts';
import { REGISTRY } from './app/registry.ts';
import { createDb, type Db } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { loadEnv, type Env } from './env.ts';
import { connectionFile, startPlatform } from './app/start.ts';

/**
 * `cheguan <command>`: thin shells over the same services as the server. With the embedded
 * database, a running server owns the data directory, so the CLI connects to that server's
 * PostgreSQL (published in connection.json) instead of starting its own.
 */
const USAGE = `Usage: cheguan <command>
  migrate          apply pending SQL migrations
  seed             bring an empty database to its initial state (demo network unless CHEGUAN_DEMO=off)
  audit:verify     verify every audit chain; names the first altered record (exit code 1)
`;

async function withDatabase<T>(env: Env, run: (db: Db, url: string) => Promise<T>): Promise<T> {
  const published = connectionFile(env.CHEGUAN_DATA_DIR);
  if (!env.DATABASE_URL && fs.existsSync(published)) {
    const { url, pid } = JSON.parse(fs.readFileSync(published, 'utf8')) as {
      url: string;
      pid: number;
    };
    let alive = true;
    try {
      process.kill(pid, 0);
    } catch {
      alive = false;
    }
    if (alive) {
      const db = createDb(url, 2);
      try {
        return await run(db, url);
      } finally {
        await db.destroy();
      }
    }
  }
  const platform = await startPlatform(env);
  try {
    return await run(platform.ctx.db, platform.databaseUrl);
  } finally {
    await platform.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const env = loadEnv();
  switch (argv[0]) {
    case 'migrate':
      return await withDatabase(env, async (_db, url) => {
        const applied = await migrate(url);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Nothing to apply.');
        return 0;
      });
    case 'seed':
      return await withDatabase(env, async (db) => {
        const { demoSeeded } = await bootstrap(db, env, REGISTRY);
        console.log(demoSeeded ? 'Demo network created.' : 'Database already initialised.');
        return 0;
      });
    case 'audit:verify':
      return await withDatabase(env, async (db) => {
        const report = await verifyChains(db);
        if (report.ok) {
          console.log(
            `Audit log intact: ${report.records} records in ${report.partitions} chains.`,
          );
          return 0;
        }
        const f = report.firstAltered;
        console.error(
          `Audit log ALTERED: chain "${f.partitionKey}", record #${f.seq}${f.id ? ` (id ${f.id})` : ''}: ${f.problem}.`,
        );
        return 1;
      });
    default:
      console.log(USAGE);
      return argv[0] ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error((e as Error).message);
    process.exit(1);
  },
);
