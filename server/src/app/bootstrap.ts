import crypto from 'node:crypto';
import { sql } from 'kysely';
import { IMPLEMENTED_TYPES } from './registry.ts';
import type { Role } from '../auth/actor.ts';
import { insertUser, putSettingOnce } from '../auth/auth.repository.ts';
import { hashPassword } from '../auth/password.ts';
import { insertPolicyValue, policyCount } from '../catalog/catalog.repository.ts';
import { syncCatalog } from '../catalog/catalog.service.ts';
import { DEFAULT_POLICY_VALUES, POLICY_KEYS } from '../catalog/policy-keys.ts';
import type { Db, Tx } from '../db/database.ts';
import { DEFAULT_CATEGORY_GRANTS } from '../delegation/default-grants.ts';
import { upsertGrant } from '../delegation/delegation.repository.ts';
import { audit } from '../audit/audit.service.ts';
import { userCount } from '../auth/users.repository.ts';
import { insertOrganisations, insertRegions, outletCount } from '../network/network.repository.ts';
import { insertNetwork } from '../network/network.seed.ts';
import {
  buildZunyiNetwork,
  DEMO_ACCOUNT_OUTLETS,
  DEMO_SUPERVISOR_COUNTY,
} from '../demo/zunyi-network.ts';
import { ZUNYI_CITY, ZUNYI_COUNTIES } from '../demo/zunyi-regions.ts';
import type { Env } from '../env.ts';
import { buildDemoVehicles } from '../demo/demo-vehicles.ts';
import { insertVehicles } from '../vehicles/vehicles.repository.ts';

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

/** Defaults every installation starts from: category grants of the reform and policy values. */
async function seedDefaults(tx: Tx) {
  for (const [category, types] of Object.entries(DEFAULT_CATEGORY_GRANTS)) {
    for (const businessType of types) {
      await upsertGrant(tx, {
        businessType,
        target: { category },
        effect: 'allow',
        validFrom: null,
        validUntil: null,
        createdBy: 'system',
      });
    }
  }
  if ((await policyCount(tx)) === 0) {
    for (const p of DEFAULT_POLICY_VALUES) {
      await insertPolicyValue(tx, {
        ...p,
        legalBasis: POLICY_KEYS[p.key].legalBasis,
        createdBy: 'system',
      });
    }
  }
}

const DEMO_CLERK_NAMES: Record<keyof typeof DEMO_ACCOUNT_OUTLETS, string> = {
  'clerk.city': '市车管所窗口民警',
  'clerk.county': '桐梓县车管所窗口民警',
  'clerk.police': '派出所车驾管窗口民警',
  'clerk.dealer': '4S店服务站专员',
  'clerk.market': '二手车市场服务站专员',
  'clerk.bank': '银行抵押业务专员',
  'clerk.insurer': '警保服务站专员',
  'clerk.post': '警邮服务网点专员',
  'clerk.hospital': '警医体检点专员',
  'clerk.station': '检验机构专员',
  'clerk.exam': '考场专员',
};

export const DEMO_USERS: {
  username: string;
  displayName: string;
  roles: Role[];
  outlet?: string;
  scope: ['outlet' | 'county' | 'city', string?];
}[] = [
  { username: 'admin', displayName: '系统管理员', roles: ['admin'], scope: ['city'] },
  { username: 'sup.city', displayName: '支队监管员', roles: ['supervisor'], scope: ['city'] },
  {
    username: 'sup.county',
    displayName: '桐梓大队监管员',
    roles: ['supervisor'],
    scope: ['county', DEMO_SUPERVISOR_COUNTY],
  },
  ...Object.entries(DEMO_ACCOUNT_OUTLETS).map(([username, outlet]) => ({
    username,
    displayName: DEMO_CLERK_NAMES[username as keyof typeof DEMO_ACCOUNT_OUTLETS],
    roles: ['clerk'] as Role[],
    outlet,
    scope: ['outlet', outlet] as ['outlet', string],
  })),
];

async function seedDemo(tx: Tx, password: string) {
  await insertNetwork(tx, ZUNYI_CITY, ZUNYI_COUNTIES, buildZunyiNetwork());
  for (const u of DEMO_USERS) {
    await insertUser(tx, {
      username: u.username,
      displayName: u.displayName,
      passwordHash: await hashPassword(password),
      roles: u.roles,
      outletCode: u.outlet ?? null,
      scopeLevel: u.scope[0],
      scopeCode: u.scope[1] ?? ZUNYI_CITY.code,
    });
  }
  const vehicles = buildDemoVehicles();
  for (let i = 0; i < vehicles.length; i += 500) {
    const chunk = vehicles.slice(i, i + 500);
    await insertVehicles(
      tx,
      chunk.map((row, j) => ({
        row,
        mortgage:
          row.status === 'mortgaged'
            ? {
                mortgageeOrgCode: '520302-BK-001',
                contractNo: `DY${2024}${String(i + j).padStart(6, '0')}`,
                registeredOn: row.registered_on ?? '2024-01-01',
              }
            : null,
      })),
    );
  }
}

/**
 * A clean install (CHEGUAN_DEMO=off): the jurisdiction the platform serves — the city, its
 * counties, the detachment and its brigades, public facts rather than demo data — and one
 * administrator. Outlets come by import (POST /api/v1/imports/outlets), staff from the admin.
 */
async function seedClean(tx: Tx, adminPassword: string) {
  await insertRegions(tx, [
    { ...ZUNYI_CITY, parentCode: null },
    ...ZUNYI_COUNTIES.map((c) => ({ ...c, parentCode: ZUNYI_CITY.code })),
  ]);
  await insertOrganisations(tx, buildZunyiNetwork().organisations);
  const scope = { level: 'city' as const, code: ZUNYI_CITY.code };
  const id = await insertUser(tx, {
    username: 'admin',
    displayName: '系统管理员',
    passwordHash: await hashPassword(adminPassword),
    roles: ['admin'],
    outletCode: null,
    scopeLevel: scope.level,
    scopeCode: scope.code,
  });
  await audit(tx, null, new Date(), {
    action: 'user.created',
    entityType: 'user',
    entityId: id,
    details: { username: 'admin', roles: ['admin'], scope, via: 'first start' },
  });
}

/** Why a start cannot go on; printed as the message alone. */
export class BootstrapError extends Error {}

function cleanInstallPassword(env: Env): string {
  if (env.CHEGUAN_ADMIN_PASSWORD) return env.CHEGUAN_ADMIN_PASSWORD;
  throw new BootstrapError(
    'CHEGUAN_DEMO=off and the database is empty: set CHEGUAN_ADMIN_PASSWORD (at least 12 ' +
      'characters) so that the first start can create the administrator "admin".',
  );
}

export interface BootstrapResult {
  demoSeeded: boolean;
  /** This start created the administrator of a clean install. */
  adminCreated: boolean;
}

/**
 * Brings a migrated database to a usable state: the catalog from code and, on an empty database
 * (no outlets and no users), default grants and policies plus either the whole Zunyi demo or a
 * clean install with its administrator.
 */
export async function bootstrap(db: Db, env: Env): Promise<BootstrapResult> {
  return await db.transaction().execute(async (tx) => {
    // One starting process at a time: two servers on one PostgreSQL must not seed twice.
    await sql`SELECT pg_advisory_xact_lock(774412)`.execute(tx);
    await syncCatalog(tx, IMPLEMENTED_TYPES);
    const empty = (await outletCount(tx)) === 0 && (await userCount(tx)) === 0;
    if (!empty) return { demoSeeded: false, adminCreated: false };
    const adminPassword = env.CHEGUAN_DEMO === 'off' ? cleanInstallPassword(env) : null;
    await seedDefaults(tx);
    if (adminPassword) {
      await seedClean(tx, adminPassword);
      return { demoSeeded: false, adminCreated: true };
    }
    await seedDemo(tx, env.DEMO_PASSWORD);
    return { demoSeeded: true, adminCreated: false };
  });
}
