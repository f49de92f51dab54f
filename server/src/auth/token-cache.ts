/**
 * Tokens whose signature has been checked, per signer: a client sends the same token with every
 * request, and recomputing its HMAC each time was a few percent of a registry read's CPU.
 *
 * Only what the check proved is remembered — this exact string carries a valid signature under
 * this signer's secret, which stays true for as long as the secret does (a new secret is a new
 * signer). Expiry, the user's existence and its being active are still checked on every request
 * (auth.service.ts). A string that failed is never remembered, so a forgery is checked in full
 * each time. Bounded: past `MAX_TOKENS` the oldest entry is forgotten and checked again when
 * it next comes.
 */
export const MAX_TOKENS = 10_000;

const bySigner = new WeakMap<object, Set<string>>();

/** Whether `token`'s signature is valid: remembered if it was, else `check()`ed (and remembered). */
export function signatureValid(signer: object, token: string, check: () => boolean): boolean {
  let seen = bySigner.get(signer);
  if (!seen) bySigner.set(signer, (seen = new Set()));
  if (seen.has(token)) return true;
  if (!check()) return false;
  if (seen.size >= MAX_TOKENS) seen.delete(seen.values().next().value!);
  seen.add(token);
  return true;
}
