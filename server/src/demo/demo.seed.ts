import type { Role } from '../platform/actor.ts';
import { createAccount, platformMark } from '../auth/auth.service.ts';
import { seedPolicyVersions } from '../catalog/catalog.service.ts';
import type { PolicyVersion } from '../catalog/policy-keys.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import { DEFAULT_CATEGORY_GRANTS } from '../delegation/default-grants.ts';
import { seedCategoryGrants } from '../delegation/delegation.service.ts';
import { createNetwork, referenceNetwork } from '../network/network.service.ts';
import { registerImportedVehicles } from '../vehicles/vehicles.service.ts';
import { seedDemoDrivers } from './demo-drivers.ts';
import { buildDemoVehicles } from './demo-vehicles.ts';
import {
  buildZunyiNetwork,
  DEMO_ACCOUNT_OUTLETS,
  DEMO_SUPERVISOR_COUNTY,
  HQ_OUTLET_CODE,
} from './zunyi-network.ts';
import { ZUNYI_CITY } from './zunyi-regions.ts';

/** The article's own policy change, a local rule of Zunyi: 2 × 15 days became 1 × 30 days. */
const ZUNYI_REFORM_POLICY: readonly PolicyVersion[] = [
  {
    key: 'temp-plate.unregistered.max-days',
    value: 30,
    effectiveFrom: '2019-01-01',
    note: '“放管服”改革：一次性核发不超过30天',
  },
  {
    key: 'temp-plate.unregistered.max-issues',
    value: 1,
    effectiveFrom: '2019-01-01',
    note: '“放管服”改革：一次性核发不超过30天',
  },
];

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

/**
 * The Zunyi demo: its network at the article's size, the reform's default grants, the demo
 * accounts and a registry of 3,000 vehicles, in the caller's transaction.
 */
/** Set with the demo network, cleared once its activity is loaded. */
const ACTIVITY_PENDING = 'demo.activity-pending';

/** Whether the demo's activity (app/demo-activity.ts) is still to be loaded after its network. */
export const demoActivityPending = (db: DbOrTx) => platformMark.isSet(db, ACTIVITY_PENDING);

/** The demo's activity is loaded: later starts leave it alone. */
export const demoActivityLoaded = (db: DbOrTx) => platformMark.clear(db, ACTIVITY_PENDING);

export async function seedDemo(tx: Tx, password: string) {
  // The activity follows on the first start, after this transaction; until it is loaded, every
  // start tries again (a first start stopped half-way still ends with the full demo).
  await platformMark.set(tx, ACTIVITY_PENDING);
  // The office, counties and organisations are Zunyi's public reference data; the outlets and
  // agreements are the demo's.
  const { outlets, agreements } = buildZunyiNetwork();
  await createNetwork(tx, { ...referenceNetwork(ZUNYI_CITY.code), outlets, agreements });
  await seedCategoryGrants(tx, ZUNYI_CITY.code, DEFAULT_CATEGORY_GRANTS);
  await seedPolicyVersions(tx, ZUNYI_CITY.code, ZUNYI_REFORM_POLICY);
  for (const u of DEMO_USERS) {
    await createAccount(tx, {
      cityCode: ZUNYI_CITY.code,
      username: u.username,
      displayName: u.displayName,
      password,
      roles: u.roles,
      outletCode: u.outlet ?? null,
      scopeLevel: u.scope[0],
      scopeCode: u.scope[1] ?? ZUNYI_CITY.code,
    });
  }
  const vehicles = buildDemoVehicles();
  for (let i = 0; i < vehicles.length; i += 500) {
    await registerImportedVehicles(
      tx,
      vehicles.slice(i, i + 500).map((row, j) => ({
        row,
        mortgage:
          row.status === 'mortgaged'
            ? {
                mortgageeOrgCode: `${HQ_OUTLET_CODE.slice(0, 6)}-BK-001`,
                contractNo: `DY2024${String(i + j).padStart(6, '0')}`,
                registeredOn: row.registered_on ?? '2024-01-01',
              }
            : null,
      })),
    );
  }
  await seedDemoDrivers(tx);
}
