import { describe, expect, it } from 'vitest';
import { MAX_TOKENS, signatureValid } from './token-cache.ts';

/** A check that counts its calls and answers `valid`. */
function counted(valid: boolean) {
  const check = () => {
    check.calls++;
    return valid;
  };
  check.calls = 0;
  return check;
}

describe('the checked-token memo', () => {
  it('checks a valid token once per signer, then remembers it', () => {
    const signer = {};
    const check = counted(true);
    expect(signatureValid(signer, 'a.b.c', check)).toBe(true);
    expect(signatureValid(signer, 'a.b.c', check)).toBe(true);
    expect(check.calls).toBe(1);
    // Another signer (another secret) proves nothing about it.
    expect(signatureValid({}, 'a.b.c', check)).toBe(true);
    expect(check.calls).toBe(2);
  });

  it('never remembers a token that failed, nor lets a near copy of a valid one through', () => {
    const signer = {};
    signatureValid(signer, 'a.b.c', counted(true));
    const forged = counted(false);
    expect(signatureValid(signer, 'a.b.cd', forged)).toBe(false);
    expect(signatureValid(signer, 'a.b.cd', forged)).toBe(false);
    expect(signatureValid(signer, 'a.b.C', forged)).toBe(false);
    expect(forged.calls).toBe(3);
  });

  it('forgets the oldest token past its bound, which is then checked again', () => {
    const signer = {};
    const check = counted(true);
    for (let i = 0; i <= MAX_TOKENS; i++) signatureValid(signer, `t${i}`, check);
    expect(check.calls).toBe(MAX_TOKENS + 1);
    signatureValid(signer, `t${MAX_TOKENS}`, check); // the newest is still known
    expect(check.calls).toBe(MAX_TOKENS + 1);
    signatureValid(signer, 't0', check); // the oldest was forgotten
    expect(check.calls).toBe(MAX_TOKENS + 2);
  });
});
