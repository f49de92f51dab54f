/**
 * Login throttling (pure), decided from what the database remembers. Three counters, each with a
 * growing back-off:
 * - per account and address: always applies (a user's own typos, a guesser at one place);
 * - per account: guessing one account from many places; it does not apply where the account has
 *   logged in before, so an attacker elsewhere cannot lock the administrator out of the office;
 * - per address: guessing many accounts from one place; it does not apply to accounts known at
 *   that address, so the administrator behind the same office NAT still gets in.
 */
export const ACCOUNT_FREE_FAILURES = 5;
export const ADDRESS_FREE_FAILURES = 30;
export const MAX_BACKOFF_SECONDS = 15 * 60;
/** Failures older than this are forgotten. */
export const FORGET_AFTER_SECONDS = 24 * 60 * 60;

export interface ThrottleRow {
  failures: number;
  lastFailureAt: Date;
  blockedUntil: Date | null;
}

/** Back-off after a failure: none up to the free failures, then 30 s, 60 s, … up to 15 min. */
export function backoffSeconds(failures: number, free: number, base: number): number {
  if (failures < free) return 0;
  return Math.min(MAX_BACKOFF_SECONDS, base * 2 ** Math.min(failures - free, 20));
}

/** The row's failures still counted at `now` (0 once they are old enough to forget). */
export function liveFailures(row: ThrottleRow | null, now: Date): number {
  if (!row) return 0;
  return now.getTime() - row.lastFailureAt.getTime() > FORGET_AFTER_SECONDS * 1000
    ? 0
    : row.failures;
}

/** Seconds to wait before another attempt, 0 when one may be made now. */
export function waitSeconds(
  f: {
    pair: ThrottleRow | null;
    account: ThrottleRow | null;
    address: ThrottleRow | null;
    knownHere: boolean;
  },
  now: Date,
): number {
  const left = (row: ThrottleRow | null) =>
    row?.blockedUntil ? Math.ceil((row.blockedUntil.getTime() - now.getTime()) / 1000) : 0;
  const elsewhere = f.knownHere ? 0 : Math.max(left(f.account), left(f.address));
  return Math.max(0, left(f.pair), elsewhere);
}

/** When a key is blocked until after one more failure (null while free failures remain). */
export function blockAfterFailure(failures: number, kind: 'account' | 'address', now: Date) {
  const seconds =
    kind === 'account'
      ? backoffSeconds(failures, ACCOUNT_FREE_FAILURES, 30)
      : backoffSeconds(failures, ADDRESS_FREE_FAILURES, 60);
  return seconds ? new Date(now.getTime() + seconds * 1000) : null;
}
