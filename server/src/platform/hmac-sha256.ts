/**
 * HMAC-SHA256 of many short messages under one key, in JavaScript, for bulk work: the city-year
 * generator signs a printed token for each of its 3.4 million documents.
 *
 * Why not node:crypto: each `createHmac` builds a stream object, hashes the key's two pads again
 * and crosses into C++ three times, about 5–8 µs for a token (18 % of the applications' COPY,
 * on the generator's longest way). Here the states after the two pads are computed once, so a
 * message of up to 55 bytes costs two compressions and one of up to 119 bytes three, with no
 * allocation. The result is HMAC-SHA256 exactly (RFC 2104, FIPS 180-4): `hmac-sha256.test.ts`
 * compares it with node:crypto over keys and messages of every length class. The server signs
 * and verifies its tokens with node:crypto (signing.ts); this module is only a faster way to
 * make the same bytes.
 */

/** The first 32 bits of the fractional part of `x`. */
const fraction32 = (x: number) => Math.floor((x - Math.floor(x)) * 2 ** 32) | 0;

const PRIMES = (() => {
  const found: number[] = [];
  for (let n = 2; found.length < 64; n++) if (found.every((p) => n % p !== 0)) found.push(n);
  return found;
})();

/** FIPS 180-4 §4.2.2: the cube roots' fractions of the first 64 primes. */
const K = Int32Array.from(PRIMES, (p) => fraction32(Math.cbrt(p)));
/** FIPS 180-4 §5.3.3: the square roots' fractions of the first 8 primes. */
const INITIAL = Int32Array.from(PRIMES.slice(0, 8), (p) => fraction32(Math.sqrt(p)));

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** The message schedule, shared: one compression runs at a time (JavaScript has one thread). */
const W = new Int32Array(64);

/** Folds the 64-byte block at `at` of `bytes` into `state` (FIPS 180-4 §6.2.2). */
function compress(state: Int32Array, bytes: Uint8Array, at: number): void {
  for (let t = 0; t < 16; t++) {
    const o = at + 4 * t;
    W[t] = (bytes[o]! << 24) | (bytes[o + 1]! << 16) | (bytes[o + 2]! << 8) | bytes[o + 3]!;
  }
  for (let t = 16; t < 64; t++) {
    const w15 = W[t - 15]!;
    const w2 = W[t - 2]!;
    const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
    const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
    W[t] = (W[t - 16]! + s0 + W[t - 7]! + s1) | 0;
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  let f = state[5]!;
  let g = state[6]!;
  let h = state[7]!;
  for (let t = 0; t < 64; t++) {
    const t1 =
      (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t]! + W[t]!) | 0;
    const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + h) | 0;
}

/**
 * Hashes `length` bytes of `bytes` after `before` bytes already folded into `state` (which it
 * changes), padding as FIPS 180-4 §5.1.1 says. `bytes` must have room for the padding: up to
 * 72 bytes past `length`.
 */
function finish(state: Int32Array, bytes: Uint8Array, length: number, before: number): void {
  const total = length + 9;
  const blocks = Math.ceil(total / 64);
  const end = blocks * 64;
  bytes[length] = 0x80;
  bytes.fill(0, length + 1, end - 4);
  // The length in bits as 64 bits; a message here is far below 2^29 bytes, so the high word
  // is 0 (filled above).
  const bits = (before + length) * 8;
  bytes[end - 4] = bits >>> 24;
  bytes[end - 3] = bits >>> 16;
  bytes[end - 2] = bits >>> 8;
  bytes[end - 1] = bits;
  for (let at = 0; at < end; at += 64) compress(state, bytes, at);
}

/** Writes `state` as 32 big-endian bytes into `out`. */
function stateBytes(state: Int32Array, out: Uint8Array): void {
  for (let i = 0; i < 8; i++) {
    const v = state[i]!;
    out[4 * i] = v >>> 24;
    out[4 * i + 1] = v >>> 16;
    out[4 * i + 2] = v >>> 8;
    out[4 * i + 3] = v;
  }
}

/** SHA-256 of a whole byte string (for a key longer than a block). */
function sha256(message: Uint8Array): Uint8Array {
  const state = INITIAL.slice();
  const whole = Math.floor(message.length / 64) * 64;
  for (let at = 0; at < whole; at += 64) compress(state, message, at);
  const rest = new Uint8Array(128);
  rest.set(message.subarray(whole));
  finish(state, rest, message.length - whole, whole);
  const out = new Uint8Array(32);
  stateBytes(state, out);
  return out;
}

/** HMAC-SHA256 under one key, its pads hashed once. */
export class HmacSha256 {
  private readonly inner = new Int32Array(8);
  private readonly outer = new Int32Array(8);
  private readonly state = new Int32Array(8);
  private message = Buffer.alloc(256);
  private readonly tail = new Uint8Array(64);
  /** The last digest; overwritten by the next. */
  readonly digest = new Uint8Array(32);

  constructor(key: Uint8Array) {
    const block = new Uint8Array(64);
    block.set(key.length > 64 ? sha256(key) : key);
    const pad = new Uint8Array(64);
    for (const [state, byte] of [
      [this.inner, 0x36],
      [this.outer, 0x5c],
    ] as const) {
      for (let i = 0; i < 64; i++) pad[i] = block[i]! ^ byte;
      state.set(INITIAL);
      compress(state, pad, 0);
    }
  }

  /** The HMAC of `text` (UTF-8, as node:crypto takes a string) into `digest`. */
  update(text: string): Uint8Array {
    const length = this.encode(text);
    const state = this.state;
    state.set(this.inner);
    finish(state, this.message, length, 64);
    stateBytes(state, this.tail);
    state.set(this.outer);
    finish(state, this.tail, 32, 64);
    stateBytes(state, this.digest);
    return this.digest;
  }

  /** Writes `text`'s UTF-8 bytes at the start of `message` (grown to fit them and the padding). */
  private encode(text: string): number {
    if (this.message.length < 3 * text.length + 72) {
      this.message = Buffer.alloc(2 * (3 * text.length + 72));
    }
    const m = this.message;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // Anything but ASCII goes to Node's encoder, which writes what node:crypto would hash
      // (a lone surrogate as U+FFFD).
      if (c >= 0x80) return i + m.write(text.slice(i), i, 'utf8');
      m[i] = c;
    }
    return text.length;
  }
}
