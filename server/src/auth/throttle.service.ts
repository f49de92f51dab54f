import type { DbOrTx } from '../db/database.ts';
import {
  clearThrottle,
  isKnownAddress,
  rememberAddress,
  saveThrottle,
  throttleRows,
} from './auth.repository.ts';
import { blockAfterFailure, liveFailures, waitSeconds } from './throttle.rules.ts';

/** An address stays "known" to an account this long after its last successful login there. */
const KNOWN_FOR_MS = 90 * 86_400_000;

const accountKey = (username: string) => `account:${username.toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;
const pairKey = (username: string, address: string) => `pair:${username.toLowerCase()}|${address}`;

/** Seconds before this account may try again from this address (0: now). */
export async function loginWait(db: DbOrTx, username: string, address: string, now: Date) {
  const [rows, knownHere] = await Promise.all([
    throttleRows(db, [pairKey(username, address), accountKey(username), addressKey(address)]),
    isKnownAddress(db, username, address, new Date(now.getTime() - KNOWN_FOR_MS)),
  ]);
  return waitSeconds(
    {
      pair: rows.get(pairKey(username, address)) ?? null,
      account: rows.get(accountKey(username)) ?? null,
      address: rows.get(addressKey(address)) ?? null,
      knownHere,
    },
    now,
  );
}

/** Counts a failed login against the pair, the account and the address, with their back-offs. */
export async function recordFailure(db: DbOrTx, username: string, address: string, now: Date) {
  const counters = [
    [pairKey(username, address), 'account'],
    [accountKey(username), 'account'],
    [addressKey(address), 'address'],
  ] as const;
  const rows = await throttleRows(
    db,
    counters.map(([key]) => key),
  );
  for (const [key, kind] of counters) {
    const failures = liveFailures(rows.get(key) ?? null, now) + 1;
    await saveThrottle(db, key, {
      failures,
      lastFailureAt: now,
      blockedUntil: blockAfterFailure(failures, kind, now),
    });
  }
}

/** A successful login clears the account's failures and makes the address known to it. */
export async function recordSuccess(db: DbOrTx, username: string, address: string, now: Date) {
  await clearThrottle(db, pairKey(username, address));
  await clearThrottle(db, accountKey(username));
  await rememberAddress(db, username, address, now);
}
