import crypto from 'node:crypto';

/**
 * Spot-check draws (双随机一公开) exactly as CONTRACT.md specifies, so that anyone can redo a
 * draw offline from what is published: the frame's JSON text and hash, the seed from the
 * parties' shares, and each unit's HMAC-derived number.
 */
export interface FrameUnit {
  code: string;
  weight: number;
}

/** The frame sorted by code, as the exact JSON text that is published and hashed (no spaces). */
export function frameText(units: readonly FrameUnit[]): string {
  const sorted = [...units].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return JSON.stringify(sorted.map((u) => ({ code: u.code, weight: u.weight })));
}

export const sha256Hex = (text: string) =>
  crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/** seed = SHA-256 hex of the shares concatenated in the order of `parties`. */
export const seedOf = (sharesInPartyOrder: readonly string[]) =>
  sha256Hex(sharesInPartyOrder.join(''));

/** u = the first 13 hex digits of HMAC-SHA256(key = seed as UTF-8, message = code) ÷ 16¹³. */
export function unitNumber(seed: string, code: string): number {
  const hex = crypto
    .createHmac('sha256', Buffer.from(seed, 'utf8'))
    .update(code, 'utf8')
    .digest('hex');
  return parseInt(hex.slice(0, 13), 16) / 16 ** 13;
}

/** The `count` units with the smallest u ÷ weight, ties by code, in that order. */
export function selectUnits(frame: readonly FrameUnit[], seed: string, count: number): string[] {
  return frame
    .map((u) => ({ code: u.code, key: unitNumber(seed, u.code) / u.weight }))
    .sort((a, b) => a.key - b.key || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .slice(0, count)
    .map((u) => u.code);
}
