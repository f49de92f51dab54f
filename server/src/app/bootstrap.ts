import { sql } from 'kysely';
import type { BusinessRegistry } from '../applications/registry.ts';
import { audit } from '../audit/audit.service.ts';
import { createAccount } from '../auth/auth.service.ts';
import { seedPolicyDefaults, syncCatalog } from '../catalog/catalog.service.ts';
import type { Db, Tx } from '../db/database.ts';
import { DEFAULT_CATEGORY_GRANTS } from '../delegation/default-grants.ts';
import { seedCategoryGrants } from '../delegation/delegation.service.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import type { Env } from '../env.ts';
import { createReferenceNetwork, networkIsEmpty } from '../network/network.service.ts';

/** Why a start cannot go on; printed as the message alone. */
export class BootstrapError extends Error {}

function cleanInstallPassword(env: Env): string {
  if (env.CHEGUAN_ADMIN_PASSWORD) return env.CHEGUAN_ADMIN_PASSWORD;
  throw new BootstrapError(
    'CHEGUAN_DEMO=off and the database is empty: set CHEGUAN_ADMIN_PASSWORD (at least 12 ' +
      'characters) so that the first start can create the administrator "admin".',
  );
}

/**
 * A clean install (CHEGUAN_DEMO=off): the jurisdiction of CHEGUAN_CITY from its reference data
 * (office, counties, detachment and brigades: public facts, no outlets), the reform's default
 * category grants, and one administrator. Outlets come by import, staff from the administrator.
 */
async function seedClean(tx: Tx, env: Env, password: string) {
  const cityCode = env.CHEGUAN_CITY;
  await createReferenceNetwork(tx, cityCode);
  await seedCategoryGrants(tx, cityCode, DEFAULT_CATEGORY_GRANTS);
  const scope = { level: 'city' as const, code: cityCode };
  const id = await createAccount(tx, {
    cityCode,
    username: 'admin',
    displayName: '系统管理员',
    password,
    roles: ['admin'],
    outletCode: null,
    scopeLevel: scope.level,
    scopeCode: scope.code,
  });
  await audit(tx, null, new Date(), {
    cityCode,
    action: 'user.created',
    entityType: 'user',
    entityId: id,
    details: { username: 'admin', roles: ['admin'], scope, via: 'first start' },
  });
}

export interface BootstrapResult {
  demoSeeded: boolean;
  /** This start created the administrator of a clean install. */
  adminCreated: boolean;
}

/**
 * Brings a migrated database to a usable state: the catalog from code (with what the registry
 * implements), the national policy defaults of any key that has none yet, and, on an empty
 * database, either the Zunyi demo or a clean install with its administrator.
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
    // Every start: policy keys added by a newer release reach databases created before it.
    await seedPolicyDefaults(tx);
    if (!(await networkIsEmpty(tx))) return { demoSeeded: false, adminCreated: false };
    const adminPassword = env.CHEGUAN_DEMO === 'off' ? cleanInstallPassword(env) : null;
    if (adminPassword) {
      await seedClean(tx, env, adminPassword);
      return { demoSeeded: false, adminCreated: true };
    }
    await seedDemo(tx, env.DEMO_PASSWORD);
    return { demoSeeded: true, adminCreated: false };
  });
}
