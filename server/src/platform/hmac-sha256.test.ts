import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64url } from './base64url.ts';
import { HmacSha256 } from './hmac-sha256.ts';
import { Signer } from './signing.ts';

/** node:crypto's HMAC, the reference. */
const reference = (key: Buffer, text: string) =>
  crypto.createHmac('sha256', key).update(text).digest('hex');

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** A string of `n` characters drawn from ASCII, two- and three-byte characters and a surrogate pair. */
function text(n: number, seed: number): string {
  const pool = ['a', 'Z', '0', '|', '\n', 'é', '贵', '临', '😀'];
  let s = '';
  for (let i = 0; i < n; i++) s += pool[(seed * 31 + i * 7) % (i % 5 === 0 ? pool.length : 4)];
  return s;
}

describe('HmacSha256', () => {
  it('gives node:crypto’s HMAC for every message length from 0 to 300 bytes', () => {
    const key = crypto.randomBytes(32);
    const hmac = new HmacSha256(key);
    // Lengths around each padding boundary: 55/56 bytes (one block or two), 64, 119/120, 128.
    for (let n = 0; n <= 300; n++) {
      const ascii = 'x'.repeat(n);
      expect(hex(hmac.update(ascii)), `length ${n}`).toBe(reference(key, ascii));
    }
  });

  it('hashes a string as UTF-8, a lone surrogate as U+FFFD, as node:crypto does', () => {
    const key = crypto.randomBytes(32);
    const hmac = new HmacSha256(key);
    for (let n = 0; n < 120; n++) {
      const s = text(n, n);
      expect(hex(hmac.update(s))).toBe(reference(key, s));
    }
    for (const s of ['贵CA8830', `document\n520300|x|plate|贵C临12345`, 'a\ud800b', '\udfff']) {
      expect(hex(hmac.update(s))).toBe(reference(key, s));
    }
  });

  it('takes keys of any length: shorter than a block, a block, longer (hashed first)', () => {
    for (const length of [0, 1, 31, 32, 63, 64, 65, 100, 200]) {
      const key = crypto.randomBytes(length);
      const hmac = new HmacSha256(key);
      for (const s of ['', 'abc', 'x'.repeat(70)]) {
        expect(hex(hmac.update(s)), `key of ${length} bytes`).toBe(reference(key, s));
      }
    }
  });

  it('gives each message its own digest, whatever came before', () => {
    const key = crypto.randomBytes(32);
    const hmac = new HmacSha256(key);
    hmac.update('x'.repeat(1000));
    expect(hex(hmac.update('short'))).toBe(reference(key, 'short'));
  });
});

describe('base64url', () => {
  it('writes what Buffer writes, for every length and a prefix of the bytes', () => {
    const bytes = crypto.randomBytes(40);
    for (let n = 0; n <= 40; n++) {
      expect(base64url(bytes, n)).toBe(bytes.subarray(0, n).toString('base64url'));
    }
    expect(base64url(bytes)).toBe(bytes.toString('base64url'));
  });
});

describe('Signer.many', () => {
  it('signs as Signer.sign does, whole and truncated', () => {
    const signer = new Signer(crypto.randomBytes(32));
    const whole = signer.many('document');
    const short = signer.many('document', 16);
    for (const payload of ['520300|id|plate|贵CA8830', '', 'x'.repeat(90)]) {
      expect(whole(payload)).toBe(signer.sign('document', payload));
      expect(short(payload)).toBe(signer.sign('document', payload, 16));
      expect(signer.verify('document', payload, short(payload), 16)).toBe(true);
    }
    expect(signer.many('login')('p')).not.toBe(whole('p'));
  });
});
