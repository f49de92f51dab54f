import fs from 'node:fs';
import {
  AUDIT_USAGE,
  auditCheckpointCommand,
  auditVerifyCommand,
  auditVerifyInput,
} from './app/audit.cli.ts';
import {
  USER_CREATE_USAGE,
  UsageError,
  userCreateCommand,
  userCreateInput,
} from './app/users.cli.ts';
import { bootstrap } from './app/bootstrap.ts';
import { REGISTRY } from './app/registry.ts';
import { createDb, type Db } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { loadEnv, type Env } from './env.ts';
import { connectionFile, startPlatform, type Platform } from './app/start.ts';
import { FRAUD_USAGE, fraudEvalCommand, fraudGenerateCommand } from './app/fraud.cli.ts';
import { loadSecret } from './app/secrets.ts';
import { generateScale } from './generate/scale/generate.ts';
import {
  GENERATE_USAGE,
  GenerateUsageError,
  parseGenerateArgs,
} from './generate/scale/scale.cli.ts';
import { Signer } from './platform/signing.ts';

/**
 * `cheguan <command>`: thin shells over the same services as the server. With the embedded
 * database, a running server owns the data directory, so the CLI connects to that server's
 * PostgreSQL (published in connection.json) instead of starting its own.
 */
const USAGE = `Usage: cheguan <command>
  migrate          apply pending SQL migrations
  seed             bring an empty database to its initial state: the demo, or with CHEGUAN_DEMO=off
                   a clean install whose administrator has the password CHEGUAN_ADMIN_PASSWORD
${AUDIT_USAGE}
${USER_CREATE_USAGE}
${FRAUD_USAGE}
${GENERATE_USAGE}
`;

/** `cheguan generate --scale …`: a synthetic city-year into the configured database. */
async function generateScaleCommand(args: string[], env: Env): Promise<number> {
  const opts = parseGenerateArgs(args, new Date(), env.CHEGUAN_CITY);
  return await withDatabase(
    env,
    async (db, url) => {
      const signer = new Signer(await loadSecret(db, env));
      const report = await generateScale(url, signer, opts, (m) => console.log(m));
      console.log(`Generated in ${report.seconds.toFixed(1)} s.`);
      return 0;
    },
    { bulkLoad: true },
  );
}

/**
 * What starting the database did before the command ran (a database this command started is
 * migrated and bootstrapped first), or null for a running server's database.
 */
type Started = Pick<Platform, 'migrationsApplied' | 'demoSeeded' | 'adminCreated'> | null;

/**
 * Runs a command on the configured database: the one a running server published for this data
 * directory, or a database this command starts (for a bulk load when `bulkLoad`).
 */
async function withDatabase<T>(
  env: Env,
  run: (db: Db, url: string, started: Started) => Promise<T>,
  { bulkLoad = false } = {},
): Promise<T> {
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
        return await run(db, url, null);
      } finally {
        await db.destroy();
      }
    }
  }
  const platform = await startPlatform(env, { bulkLoad });
  try {
    return await run(platform.ctx.db, platform.databaseUrl, platform);
  } finally {
    await platform.close();
  }
}

/** What initialising the database did; that it was already initialised only when asked to seed. */
function reportInitialised(
  done: { demoSeeded: boolean; adminCreated: boolean },
  sayWhenNothing: boolean,
) {
  if (done.demoSeeded) console.log('Demo network created.');
  else if (done.adminCreated) console.log('Clean install: administrator "admin" created.');
  else if (sayWhenNothing) console.log('Database already initialised.');
}

async function main(argv: string[]): Promise<number> {
  const env = loadEnv();
  switch (argv[0]) {
    // On a database this command starts, the start has already migrated and initialised it:
    // what the start did is reported as this command's own work, not as "nothing to do".
    case 'migrate':
      return await withDatabase(env, async (_db, url, started) => {
        const applied = [...(started?.migrationsApplied ?? []), ...(await migrate(url))];
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Nothing to apply.');
        if (started) reportInitialised(started, false);
        return 0;
      });
    case 'seed':
      return await withDatabase(env, async (db, _url, started) => {
        const now = await bootstrap(db, env, REGISTRY);
        reportInitialised(
          {
            demoSeeded: now.demoSeeded || started?.demoSeeded === true,
            adminCreated: now.adminCreated || started?.adminCreated === true,
          },
          true,
        );
        return 0;
      });
    case 'audit:verify': {
      // Flags first, as for user:create: a mistake must not wait for the database to start.
      const input = auditVerifyInput(argv.slice(1));
      return await withDatabase(env, (db) => auditVerifyCommand(db, env, input));
    }
    case 'audit:checkpoint':
      return await withDatabase(env, (db) => auditCheckpointCommand(db, env));
    case 'user:create': {
      // Flags and password first: a mistake must not wait for the database to start.
      const input = await userCreateInput(argv.slice(1), env);
      return await withDatabase(env, (db) => userCreateCommand(db, input));
    }
    case 'generate':
      if (argv[1] === 'fraud') return fraudGenerateCommand(argv.slice(2));
      return await generateScaleCommand(argv.slice(1), env);
    case 'eval':
      if (argv[1] === 'fraud') return await fraudEvalCommand(argv.slice(2), env);
      throw new UsageError(`unknown evaluation: ${argv[1] ?? '(none)'}`);
    default:
      console.log(USAGE);
      return argv[0] ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error((e as Error).message);
    const usage = e instanceof UsageError || e instanceof GenerateUsageError;
    if (usage) console.error(`\n${USAGE}`);
    process.exit(usage ? 2 : 1);
  },
);
