import type { UserRecord } from './auth.repository.ts';

/**
 * The token → user look-up, remembered for a few seconds per database handle: every request
 * carrying a token needs its user, and reading it each time was one of a registry read's two
 * round trips.
 *
 * The guarantee: a change made through this process's user service (deactivation, roles, scope,
 * password) is refused or applied on the user's next request — the service forgets the user
 * after its transaction commits, so every request that starts after the change was answered
 * reads the user again. The same transaction announces the change (db/change-notices.ts), and
 * every other server process on the database (the cluster's workers, the CLI's changes reaching
 * the server) forgets the user when the notice arrives, milliseconds after the commit. A change
 * made by SQL by hand applies within `USER_TTL_MS`. An outlet's suspension and grants are
 * remembered the same way, by delegation/facts-cache.ts.
 */
export const USER_TTL_MS = 5_000;

interface Entry {
  at: number;
  user: Promise<UserRecord | undefined>;
}
const byHandle = new WeakMap<object, Map<string, Entry>>();

/** The user `id`, from the cache while fresh at `now` (ms), else through `load`. */
export function cachedUser(
  handle: object,
  id: string,
  now: number,
  load: () => Promise<UserRecord | undefined>,
): Promise<UserRecord | undefined> {
  let entries = byHandle.get(handle);
  if (!entries) byHandle.set(handle, (entries = new Map()));
  const hit = entries.get(id);
  // A clock set back (tests) counts as stale too.
  if (hit && now >= hit.at && now - hit.at < USER_TTL_MS) return hit.user;
  const entry: Entry = { at: now, user: load() };
  entries.set(id, entry);
  // A failed load is not remembered (and never removes a newer entry).
  entry.user.catch(() => {
    if (entries.get(id) === entry) entries.delete(id);
  });
  return entry.user;
}

/** Forgets every user of this database (change notices may have been missed). */
export function forgetAllUsers(handle: object) {
  byHandle.delete(handle);
}

/**
 * Forgets a user after a change to it has committed (a look-up in flight is dropped with it, so
 * it can never bring the old row back).
 */
export function forgetUser(handle: object, id: string) {
  byHandle.get(handle)?.delete(id);
}
