/**
 * Failed-login limiter: at most MAX_FAILURES failures per (username, address) and
 * MAX_PER_ADDRESS per address in a sliding window. In memory: one server process owns a data
 * directory, and a restart only gives an attacker a fresh window once per restart.
 */
const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES = 5;
const MAX_PER_ADDRESS = 30;

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  private recent(key: string): number[] {
    const since = this.now() - WINDOW_MS;
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfter(username: string, address: string): number {
    const user = this.recent(`u:${username.toLowerCase()}|${address}`);
    const addr = this.recent(`a:${address}`);
    const blocked = [
      user.length >= MAX_FAILURES ? user[user.length - MAX_FAILURES] : undefined,
      addr.length >= MAX_PER_ADDRESS ? addr[addr.length - MAX_PER_ADDRESS] : undefined,
    ].filter((t): t is number => t !== undefined);
    if (!blocked.length) return 0;
    return Math.ceil((Math.max(...blocked) + WINDOW_MS - this.now()) / 1000);
  }

  fail(username: string, address: string): void {
    for (const key of [`u:${username.toLowerCase()}|${address}`, `a:${address}`]) {
      this.failures.set(key, [...this.recent(key), this.now()]);
    }
  }

  succeed(username: string, address: string): void {
    this.failures.delete(`u:${username.toLowerCase()}|${address}`);
  }
}
