import crypto from 'node:crypto';
import { base64url } from './base64url.ts';
import { HmacSha256 } from './hmac-sha256.ts';

/** HMAC-SHA256 signatures for login and document tokens, truncated where a short token helps. */
export class Signer {
  constructor(private readonly secret: Buffer) {}

  sign(purpose: string, payload: string, bytes = 32): string {
    return crypto
      .createHmac('sha256', this.secret)
      .update(`${purpose}\n${payload}`)
      .digest()
      .subarray(0, bytes)
      .toString('base64url');
  }

  /**
   * Signs many payloads of one purpose, as `sign` does, with the key's pads hashed once
   * (hmac-sha256.ts): for bulk work, the generator's 3.4 million document tokens.
   */
  many(purpose: string, bytes = 32): (payload: string) => string {
    const hmac = new HmacSha256(this.secret);
    const prefix = `${purpose}\n`;
    return (payload) => base64url(hmac.update(prefix + payload), bytes);
  }

  verify(purpose: string, payload: string, signature: string, bytes = 32): boolean {
    const expected = Buffer.from(this.sign(purpose, payload, bytes));
    const given = Buffer.from(signature);
    return expected.length === given.length && crypto.timingSafeEqual(expected, given);
  }
}

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

/** JSON with sorted keys, so equal values hash equally whatever order their keys came in. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  // Keys in UTF-16 code unit order (sort's own order for strings), built in one string: every
  // application and audit record is hashed through here.
  const record = value as Record<string, unknown>;
  let out = '';
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v === undefined) continue;
    out += `${out ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `{${out}}`;
}

/**
 * Ed25519 signatures of audit checkpoints, with a key the database does not hold: anyone with the
 * public key can check a published checkpoint, and a database administrator cannot make one.
 */
export class CheckpointSigner {
  private readonly privateKey: crypto.KeyObject;
  readonly publicKeyPem: string;

  constructor(privateKeyPem: string) {
    this.privateKey = crypto.createPrivateKey(privateKeyPem);
    this.publicKeyPem = crypto
      .createPublicKey(this.privateKey)
      .export({ type: 'spki', format: 'pem' })
      .toString();
  }

  /** A new private key, PEM (for a key file). */
  static generatePem(): string {
    return crypto
      .generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString()
      .trim();
  }

  sign(text: string): string {
    return crypto.sign(null, Buffer.from(text), this.privateKey).toString('base64');
  }
}

/** Whether `signature` (base64) is an Ed25519 signature of `text` by the key `publicKeyPem`. */
export function verifyCheckpointSignature(text: string, signature: string, publicKeyPem: string) {
  try {
    return crypto.verify(null, Buffer.from(text), publicKeyPem, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
