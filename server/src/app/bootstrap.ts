import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { BusinessRegistry } from '../applications/registry.ts';
import { putSettingOnce } from '../auth/auth.repository.ts';
import { seedPolicyDefaults, syncCatalog } from '../catalog/catalog.service.ts';
import type { Db } from '../db/database.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import type { Env } from '../env.ts';
import { networkIsEmpty } from '../network/network.service.ts';

/** The signing secret: from the environment, or generated once and kept in the database. */
export async function loadSecret(db: Db, env: Env): Promise<Buffer> {
  if (env.CHEGUAN_SECRET) return Buffer.from(env.CHEGUAN_SECRET);
  const value = await putSettingOnce(
    db,
    'signing-secret',
    crypto.randomBytes(32).toString('base64'),
  );
  return Buffer.from(value, 'base64');
}

export interface BootstrapResult {
  demoSeeded: boolean;
}

/**
 * Brings a migrated database to a usable state: the catalog from code (with what the registry
 * implements), policy defaults on first start, and in demo mode the whole Zunyi demo network on
 * an empty database.
 */
export async function bootstrap(
  db: Db,
  env: Env,
  registry: BusinessRegistry,
): Promise<BootstrapResult> {
  return await db.transaction().execute(async (tx) => {
    // One starting process at a time: two servers on one PostgreSQL must not seed twice.
    await sql`SELECT pg_advisory_xact_lock(774412)`.execute(tx);
    await syncCatalog(tx, registry.implemented);
    if (!(await networkIsEmpty(tx))) return { demoSeeded: false };
    await seedPolicyDefaults(tx);
    if (env.CHEGUAN_DEMO === 'off') return { demoSeeded: false };
    await seedDemo(tx, env.DEMO_PASSWORD);
    return { demoSeeded: true };
  });
}
