/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: the 18-character identity of an
 * organisation (company, fleet, dealer, bank) that owns vehicles or applies for business.
 *
 *   1     registration authority (e.g. 9 = market regulator)
 *   2     organisation type (1 enterprise, 2 individual business, 3 co-operative, …)
 *   3-8   region code (GB/T 2260)
 *   9-17  organisation code (GB 11714, with its own check character in position 17)
 *   18    check character: C = 31 − (Σ value_i · 3^(i−1) mod 31) mod 31, over positions 1–17
 *
 * The alphabet has 31 characters (no I, O, S, V, Z); a character's value is its index.
 */
import { z } from 'zod';
import { parseIdNumber, ID_NUMBER_MESSAGES_ZH } from './id-number.ts';
import { foldInput } from './fold.ts';

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 3^(i−1) mod 31 for i = 1..17. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type UsccError = 'length' | 'format' | 'region' | 'check-character';

export const USCC_MESSAGES_ZH: Readonly<Record<UsccError, string>> = {
  length: '统一社会信用代码应为18位',
  format: '统一社会信用代码含有不允许的字符（不使用 I、O、S、V、Z）',
  region: '统一社会信用代码中的行政区划码无效',
  'check-character': '统一社会信用代码校验位错误',
};

export const USCC_MESSAGES_EN: Readonly<Record<UsccError, string>> = {
  length: 'Unified social credit code must be 18 characters',
  format: 'Unified social credit code contains a character it may not use (no I, O, S, V or Z)',
  region: 'Unified social credit code has an invalid region code',
  'check-character': 'Unified social credit code check character is wrong',
};

const normalise = foldInput;

/** The check character of the first 17 characters (which must be in the alphabet). */
export function computeUsccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0)
      throw new RangeError('computeUsccCheckCharacter: character outside the alphabet');
    sum += value * WEIGHTS[i]!;
  }
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

export type UsccResult = { ok: true; value: string } | { ok: false; reason: UsccError };

export function parseUscc(input: string): UsccResult {
  const s = normalise(input);
  if (s.length !== 18) return { ok: false, reason: 'length' };
  if (![...s].every((c) => USCC_ALPHABET.includes(c))) return { ok: false, reason: 'format' };
  if (!/^\d{6}$/.test(s.slice(2, 8))) return { ok: false, reason: 'region' };
  if (computeUsccCheckCharacter(s) !== s[17]) return { ok: false, reason: 'check-character' };
  return { ok: true, value: s };
}

export const isValidUscc = (input: string) => parseUscc(input).ok;

/**
 * Whether an 18-character party identifier is meant as an organisation's code rather than a
 * person's identity number: an identity number is 17 digits and a digit or X, so any letter
 * other than a final X, or a first character that is no province digit pair, marks a code.
 */
export function looksLikeUscc(input: string): boolean {
  const s = normalise(input);
  return s.length === 18 && !/^\d{17}[\dX]$/.test(s);
}

/**
 * An owner or applicant: a person (GB 11643 identity number) or an organisation (GB 32100
 * code), normalised to its canonical form. An 18-digit number that fails as an identity number
 * but passes as a code (codes may be all digits) is an organisation's.
 */
export function parsePartyId(
  input: string,
): { ok: true; value: string; kind: 'person' | 'organisation' } | { ok: false; message: string } {
  const person = parseIdNumber(input);
  if (person.ok) return { ok: true, value: person.value.idNumber, kind: 'person' };
  const org = parseUscc(input);
  if (org.ok) return { ok: true, value: org.value, kind: 'organisation' };
  return {
    ok: false,
    message: looksLikeUscc(input)
      ? USCC_MESSAGES_ZH[org.reason]
      : ID_NUMBER_MESSAGES_ZH[person.reason],
  };
}

export const partyKind = (input: string) => {
  const r = parsePartyId(input);
  return r.ok ? r.kind : null;
};

/** Zod: a person's identity number or an organisation's code, normalised. */
export const partyIdSchema = z
  .string()
  .overwrite((s) => {
    const r = parsePartyId(s);
    return r.ok ? r.value : s;
  })
  .superRefine((s, ctx) => {
    const r = parsePartyId(s);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message, input: s });
  });

/** Zod: an organisation's unified social credit code, normalised. */
export const usccSchema = z
  .string()
  .overwrite(normalise)
  .superRefine((s, ctx) => {
    const r = parseUscc(s);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: USCC_MESSAGES_ZH[r.reason], input: s });
  });
