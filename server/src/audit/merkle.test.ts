import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inclusionPath, leafHash, merkleRoot, rootFromPath } from './merkle.ts';

const leaves = (n: number) =>
  Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`record ${i}`)));

describe('Merkle trees (RFC 6962)', () => {
  it('matches the RFC 6962 test vector for the empty tree and one leaf', () => {
    expect(merkleRoot([]).toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(leafHash(Buffer.alloc(0)).toString('hex')).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
  });

  it('proves every leaf of every tree size up to 40', () => {
    for (let n = 1; n <= 40; n++) {
      const all = leaves(n);
      const root = merkleRoot(all);
      for (let i = 0; i < n; i++) {
        expect(rootFromPath(all[i]!, i, n, inclusionPath(all, i))).toEqual(root);
      }
    }
  });

  it('refuses a wrong leaf, index or path', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 64 }), fc.nat(), (n, seed) => {
        const all = leaves(n);
        const i = seed % n;
        const path = inclusionPath(all, i);
        const root = merkleRoot(all);
        const other = crypto.randomBytes(32);
        expect(rootFromPath(other, i, n, path)).not.toEqual(root);
        expect(rootFromPath(all[i]!, (i + 1) % n, n, path)).not.toEqual(root);
        if (path.length) expect(rootFromPath(all[i]!, i, n, path.slice(1))).not.toEqual(root);
      }),
    );
  });
});
