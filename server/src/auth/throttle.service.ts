import { setTimeout as sleep } from 'node:timers/promises';
import type { Db, Tx } from '../db/database.ts';
import {
  clearThrottles,
  isKnownAddress,
  lockThrottles,
  rememberAddress,
  saveThrottles,
  throttleRows,
} from './auth.repository.ts';
import { blockAfterFailure, liveFailures, waitSeconds } from './throttle.rules.ts';

/** An address stays "known" to an account this long after its last successful login there. */
const KNOWN_FOR_MS = 90 * 86_400_000;

type Counter = 'pair' | 'account' | 'address';
/** The back-off each counter follows (throttle.rules.ts). */
const BACKOFF: Record<Counter, 'account' | 'address'> = {
  pair: 'account',
  account: 'account',
  address: 'address',
};
const COUNTERS = Object.keys(BACKOFF) as Counter[];

const keysOf = (account: string, address: string): Record<Counter, string> => ({
  pair: `pair:${account.toLowerCase()}|${address}`,
  account: `account:${account.toLowerCase()}`,
  address: `address:${address}`,
});

/**
 * Attempts this process has counted and whose passwords are still being checked, by counter key.
 * Counted as failures until they succeed, they block further attempts on their counters for as
 * long as they are in flight; those attempts wait for them to settle (below) instead of being
 * refused at once.
 */
const inFlight = new Map<string, number>();
const IN_FLIGHT_POLL_MS = 50;
/** Longer than a password check takes even on a busy host; then the block answers as it stands. */
const IN_FLIGHT_WAIT_MS = 10_000;

const inFlightOn = (keys: Record<Counter, string>) =>
  Object.values(keys).some((key) => (inFlight.get(key) ?? 0) > 0);

function markInFlight(keys: Record<Counter, string>, delta: 1 | -1) {
  for (const key of Object.values(keys)) {
    const n = (inFlight.get(key) ?? 0) + delta;
    if (n > 0) inFlight.set(key, n);
    else inFlight.delete(key);
  }
}

/** The counters' rows, their keys locked for the transaction. */
async function lockedRows(tx: Tx, keys: Record<Counter, string>) {
  await lockThrottles(tx, Object.values(keys));
  const rows = await throttleRows(tx, Object.values(keys));
  return (c: Counter) => rows.get(keys[c]) ?? null;
}

/**
 * Takes a login attempt on an account at an address: the seconds to wait when none may be made
 * now (nothing is counted then), otherwise 0, the attempt counted as a failure against the pair,
 * the account and the address until it succeeds (`recordSuccess`). It is counted before the
 * password is checked, with the counters locked, so that attempts made at once (in any server
 * process on the database) are counted one after another and no more passwords are checked than
 * the back-off allows. `settled` is called once the password has been checked (and a success
 * recorded).
 *
 * `account`: the username of the account the typed name names, so that every name of an
 * account (a citizen's phone and identity number) counts against it; a name that names no
 * account is counted as typed, the same way, so the answers do not tell whether it exists.
 */
export async function takeAttempt(
  db: Db,
  account: string,
  address: string,
  now: Date,
): Promise<{ wait: number; settled: () => void }> {
  const keys = keysOf(account, address);
  const since = new Date(now.getTime() - KNOWN_FOR_MS);
  const knownHere = await isKnownAddress(db, account, address, since);
  // A block that attempts still in flight here made may lift when they settle (a right password:
  // twelve logins of one account at once): wait for them before answering. Each pass decides
  // afresh under the counters' locks, so no more passwords are checked than sequentially.
  const deadline = performance.now() + IN_FLIGHT_WAIT_MS;
  for (;;) {
    const wait = await countAttempt(db, keys, knownHere, now);
    if (wait === 0) {
      markInFlight(keys, 1);
      let done = false;
      const settled = () => {
        if (!done) markInFlight(keys, -1);
        done = true;
      };
      return { wait, settled };
    }
    if (!inFlightOn(keys) || performance.now() > deadline) return { wait, settled: () => {} };
    await sleep(IN_FLIGHT_POLL_MS);
  }
}

/** One pass of `takeAttempt`: the wait, or 0 with the attempt counted. */
function countAttempt(db: Db, keys: Record<Counter, string>, knownHere: boolean, now: Date) {
  return db.transaction().execute(async (tx) => {
    const row = await lockedRows(tx, keys);
    const wait = waitSeconds(
      { pair: row('pair'), account: row('account'), address: row('address'), knownHere },
      now,
    );
    if (wait > 0) return wait;
    await saveThrottles(
      tx,
      COUNTERS.map((c) => {
        const failures = liveFailures(row(c), now) + 1;
        const blockedUntil = blockAfterFailure(failures, BACKOFF[c], now);
        return { key: keys[c], failures, lastFailureAt: now, blockedUntil };
      }),
    );
    return 0;
  });
}

/**
 * A successful login clears the account's failures, gives the address back the attempt it
 * counted (a success is no guess: an office's logins would otherwise block it) and makes the
 * address known to the account.
 */
export async function recordSuccess(db: Db, username: string, address: string, now: Date) {
  const keys = keysOf(username, address);
  await db.transaction().execute(async (tx) => {
    const row = await lockedRows(tx, keys);
    const atAddress = row('address');
    if (atAddress && atAddress.failures > 1) {
      // The failures left keep their back-off, counted from the last attempt known.
      const failures = atAddress.failures - 1;
      const at = atAddress.lastFailureAt;
      const blockedUntil = blockAfterFailure(failures, 'address', at);
      await saveThrottles(tx, [{ key: keys.address, failures, lastFailureAt: at, blockedUntil }]);
      await clearThrottles(tx, [keys.pair, keys.account]);
    } else {
      await clearThrottles(tx, Object.values(keys));
    }
    await rememberAddress(tx, username, address, now);
  });
}
