import crypto from 'node:crypto';

/**
 * Merkle trees in the manner of Certificate Transparency (RFC 6962 §2.1): a leaf is
 * SHA-256(0x00 ‖ data), a node SHA-256(0x01 ‖ left ‖ right), and a tree of n leaves splits at the
 * largest power of two below n. Pure; the audit checkpoints and the inclusion proofs of printed
 * documents use it, and anyone can recompute a root from a leaf and its path with the same rules.
 */
const sha = (...parts: Buffer[]) =>
  crypto.createHash('sha256').update(Buffer.concat(parts)).digest();

export const leafHash = (data: Buffer) => sha(Buffer.from([0]), data);
const nodeHash = (left: Buffer, right: Buffer) => sha(Buffer.from([1]), left, right);

/** The largest power of two strictly less than n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The root over leaf hashes; the hash of nothing for an empty tree. */
export function merkleRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return leaves[0]!;
  const k = split(leaves.length);
  return nodeHash(merkleRoot(leaves.slice(0, k)), merkleRoot(leaves.slice(k)));
}

/** The audit path of leaf `index`: the sibling hashes from the leaf up to the root. */
export function inclusionPath(leaves: readonly Buffer[], index: number): Buffer[] {
  if (leaves.length <= 1) return [];
  const k = split(leaves.length);
  return index < k
    ? [...inclusionPath(leaves.slice(0, k), index), merkleRoot(leaves.slice(k))]
    : [...inclusionPath(leaves.slice(k), index - k), merkleRoot(leaves.slice(0, k))];
}

/** The root a leaf and its audit path lead to, in a tree of `size` leaves (RFC 9162 §2.1.3.2). */
export function rootFromPath(leaf: Buffer, index: number, size: number, path: readonly Buffer[]) {
  if (index < 0 || index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 ? r : null;
}
