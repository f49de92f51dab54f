import type { Db, DbOrTx } from '../db/database.ts';
import { referenceCache } from '../platform/cache.ts';
import type { PolicyKey, PolicyValues } from './policy-keys.ts';

/**
 * The policy in force for an application's decision, remembered per database handle for a few
 * seconds by city, day and keys: most business types read a few keys in every application, and
 * a city's policy changes a few times a year. The guarantee is the user cache's
 * (auth/user-cache.ts): a version added through this process applies from the next decision, the
 * other processes forget on its change notice, and a row written by hand applies within
 * `POLICY_TTL_MS`. A version that takes effect on a later day needs nothing: the day is part of
 * the key.
 */
const POLICY_TTL_MS = 5_000;

export interface PolicyInForce<K extends PolicyKey> {
  values: PolicyValues<K>;
  snapshot: Record<string, { value: unknown; effectiveFrom: string }>;
}

// Each entry is the policy of its own keys: typed again by the caller, whose keys name it.
const policies = referenceCache<string, unknown>(POLICY_TTL_MS);

/** The policy through the cache kept for `owner` (the pool handle); a miss reads it on `db`. */
export async function cachedPolicy<K extends PolicyKey>(
  owner: Db,
  db: DbOrTx,
  key: { keys: readonly K[]; day: string; cityCode: string },
  load: (db: DbOrTx) => Promise<PolicyInForce<K>>,
): Promise<PolicyInForce<K>> {
  const id = `${key.cityCode}|${key.day}|${key.keys.join(',')}`;
  // Shared by every decision that hits it: frozen, so none can change another's policy.
  const found = await policies.get(owner, id, async () => {
    const { values, snapshot } = await load(db);
    return Object.freeze({ values: Object.freeze(values), snapshot: Object.freeze(snapshot) });
  });
  return found as PolicyInForce<K>;
}

export function forgetPolicy(owner: Db) {
  policies.forget(owner);
}
