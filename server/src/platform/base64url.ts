/** Base64url without padding, written in JavaScript: cheaper than a Buffer for a few bytes. */

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** `bytes[0..n)` in base64url without padding, as Buffer's `base64url` writes it. */
export function base64url(bytes: Uint8Array, n = bytes.length): string {
  let out = '';
  let i = 0;
  for (; i + 3 <= n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out +=
      BASE64URL[v >>> 18]! +
      BASE64URL[(v >>> 12) & 63]! +
      BASE64URL[(v >>> 6) & 63]! +
      BASE64URL[v & 63]!;
  }
  if (n - i === 1) {
    const v = bytes[i]! << 16;
    out += BASE64URL[v >>> 18]! + BASE64URL[(v >>> 12) & 63]!;
  } else if (n - i === 2) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += BASE64URL[v >>> 18]! + BASE64URL[(v >>> 12) & 63]! + BASE64URL[(v >>> 6) & 63]!;
  }
  return out;
}
