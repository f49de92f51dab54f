import crypto from 'node:crypto';

/** The id being built: newId is synchronous, so one buffer serves every call. */
const ID_SCRATCH = Buffer.alloc(16);

/**
 * Random bytes drawn from the operating system's generator a few kilobytes at a time, as Node's
 * own `randomUUID` does: a call into OpenSSL per id cost more than the rest of the id (a write
 * path makes several ids per request). Each byte is used once.
 */
const POOL = Buffer.alloc(4096);
let poolOffset = POOL.length;

function randomInto(target: Buffer, from: number) {
  const count = target.length - from;
  if (poolOffset + count > POOL.length) {
    crypto.randomFillSync(POOL);
    poolOffset = 0;
  }
  POOL.copy(target, from, poolOffset, poolOffset + count);
  poolOffset += count;
}

/**
 * A new record id: a UUID of version 7 (RFC 9562), whose first 48 bits are the Unix time in
 * milliseconds and the other 74 free bits random.
 *
 * Why not a random (version 4) UUID: a B-tree over random keys takes each new row at a random
 * leaf, so every insert of a busy table (applications, documents) reads and dirties a leaf of its
 * own, splits pages all over the index and, once the index outgrows memory (a city-year's five
 * million applications), reads it from disk. Time-ordered ids go to the right edge, where
 * PostgreSQL keeps the last leaf at hand; the rows of a day sit together. The time they show is
 * the record's own creation time, which the record states anyway; 74 random bits keep ids
 * unguessable.
 */
export function newId(now = Date.now()): string {
  const bytes = ID_SCRATCH;
  // 48 bits of milliseconds, big-endian (a 6-byte write; Date.now() stays below 2^48 until 10889).
  bytes.writeUIntBE(now, 0, 6);
  randomInto(bytes, 6);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f); // version 7
  bytes[8] = 0x80 | (bytes[8]! & 0x3f); // the RFC's variant (10xx)
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
