/**
 * Chinese citizen identity number (公民身份号码), GB 11643-1999.
 *
 * Layout of the 18-character number:
 *   1-6   address code (GB/T 2260 administrative division of the first registration)
 *   7-14  birth date YYYYMMDD
 *   15-17 sequence code; its parity (i.e. the 17th digit) encodes sex: odd = male
 *   18    check character, ISO 7064:1983 MOD 11-2 ('0'-'9' or 'X')
 *
 * Legacy 15-digit numbers (issued before GB 11643-1999) have a two-digit year and no
 * check character; they are upgraded to 18 characters by inserting "19" and appending
 * the check character. Residence permits for Hong Kong, Macau and Taiwan residents
 * use the address codes 810000 / 820000 / 830000 with the same algorithm.
 *
 * Pure: the zod schema at the bottom and the calendar arithmetic (dates.ts) are its only imports.
 */
import { z } from 'zod';
import { BEIJING_OFFSET_MS, beijingDate, DAY_MS, daysInMonth, digitsAt } from '../dates.ts';
import { foldInput } from './fold.ts';

export type IdNumberError =
  'length' | 'format' | 'region' | 'birth-date' | 'future-birth-date' | 'check-character';

export type Sex = 'male' | 'female';

export interface IdNumberInfo {
  /** Canonical 18-character form, uppercase 'X'. */
  idNumber: string;
  /** Six-digit address code (positions 1-6). */
  regionCode: string;
  /** Birth date as YYYY-MM-DD. */
  birthDate: string;
  sex: Sex;
}

export type IdNumberResult =
  { ok: true; value: IdNumberInfo } | { ok: false; reason: IdNumberError };

export const ID_NUMBER_MESSAGES_ZH: Readonly<Record<IdNumberError, string>> = {
  length: '公民身份号码应为18位（或15位旧号码）',
  format: '公民身份号码只能包含数字，末位可为X',
  region: '公民身份号码地址码无效',
  'birth-date': '公民身份号码中的出生日期无效',
  'future-birth-date': '公民身份号码中的出生日期晚于今天',
  'check-character': '公民身份号码校验位错误',
};

export const ID_NUMBER_MESSAGES_EN: Readonly<Record<IdNumberError, string>> = {
  length: 'Identity number must be 18 characters (or a legacy 15-digit number)',
  format: 'Identity number may contain only digits, with an optional final X',
  region: 'Identity number has an invalid region code',
  'birth-date': 'Identity number contains an invalid birth date',
  'future-birth-date': 'Identity number contains a birth date in the future',
  'check-character': 'Identity number check character is wrong',
};

/** ISO 7064 MOD 11-2 weights for positions 1-17 (2^(18-i) mod 11), GB 11643-1999. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character indexed by (weighted sum mod 11). */
const CHECK_CHARACTERS = '10X98765432';

/**
 * Province-level prefixes of GB/T 2260 (11-65, 71 Taiwan, 81 Hong Kong, 82 Macau) plus
 * 83, which the Taiwan-resident residence permit uses (830000). Only the first two
 * digits are checked: county codes change every year and a full table would go stale,
 * while a number keeps the code under which it was first issued.
 */
// prettier-ignore
export const PROVINCE_PREFIXES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** Earliest birth date accepted; the standard's population register does not go earlier. */
const MIN_BIRTH_DATE = '1900-01-01';

/**
 * Trim, fold full-width characters (common from Chinese IMEs: "１２３") to ASCII via
 * NFKC, and upper-case so a lowercase 'x' check character is accepted.
 */
const normalise = foldInput;

/**
 * Computes the check character for the first 17 characters of an identity number.
 * @throws RangeError if the argument does not start with 17 digits.
 */
export function computeIdNumberCheckCharacter(first17: string): string {
  if (!/^\d{17}/.test(first17)) {
    throw new RangeError('computeIdNumberCheckCharacter expects at least 17 leading digits');
  }
  return idNumberCheckCharacterOfSum(idNumberWeightedSum(first17.slice(0, 17)));
}

/**
 * GB 11643's weighted sum of digits standing at positions `at`, `at + 1`, … of an identity
 * number. The sum is linear, so the parts of a number (region, birth date, sequence) may be
 * summed apart, once each, and added: what a generator of millions of numbers does.
 * Expects digits only, within the first 17 positions.
 */
export function idNumberWeightedSum(digits: string, at = 0): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    sum += (digits.charCodeAt(i) - 48) * WEIGHTS[at + i]!;
  }
  return sum;
}

/** The check character of a number whose first 17 digits have this weighted sum. */
export function idNumberCheckCharacterOfSum(sum: number): string {
  return CHECK_CHARACTERS[sum % 11]!;
}

/**
 * Converts a legacy 15-digit number to the 18-character form: the two-digit year is
 * prefixed with "19" (15-digit numbers were only issued to people born in the 1900s)
 * and the check character is appended. Does not validate the date or region.
 * @throws RangeError if the input (after trimming) is not exactly 15 digits.
 */
export function upgradeLegacyIdNumber(id15: string): string {
  const s = normalise(id15);
  if (!/^\d{15}$/.test(s)) {
    throw new RangeError('upgradeLegacyIdNumber expects exactly 15 digits');
  }
  const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
  return first17 + computeIdNumberCheckCharacter(first17);
}

/** The character code of '0', and of the check character 'X'. */
const ZERO = 48;
const X = 88;

/** True if `s` is 18 characters, 17 digits and a digit or 'X': the canonical shape. */
function hasCanonicalShape(s: string): boolean {
  if (s.length !== 18) return false;
  for (let i = 0; i < 17; i++) {
    const c = s.charCodeAt(i) - ZERO;
    if (c < 0 || c > 9) return false;
  }
  const last = s.charCodeAt(17);
  return last === X || (last >= ZERO && last <= ZERO + 9);
}

/** Today's date in China for an instant, kept for the day it was asked on (most calls ask it). */
let todayCache = { day: Number.NaN, date: '' };
function beijingToday(ms: number): string {
  const day = Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS);
  if (day !== todayCache.day) todayCache = { day, date: beijingDate(new Date(ms)) };
  return todayCache.date;
}

/**
 * Parses and validates an identity number. Accepts 18-character numbers (lowercase 'x'
 * allowed), legacy 15-digit numbers (returned in upgraded 18-character form) and
 * HK/Macau/Taiwan residence-permit numbers.
 *
 * Every request that names a person validates a number, most of them already canonical: those
 * are read by character codes, without normalising them or building strings to test.
 *
 * @param today reference date for the "not in the future" rule, read as a calendar
 *   date in China (UTC+8); defaults to now.
 */
export function parseIdNumber(input: string, today?: Date): IdNumberResult {
  let id18 = input;
  if (!hasCanonicalShape(input)) {
    const s = normalise(input);
    if (s.length !== 18 && s.length !== 15) return { ok: false, reason: 'length' };
    if (s.length === 15) {
      if (!/^\d{15}$/.test(s)) return { ok: false, reason: 'format' };
      // The upgrade computes a correct check character, so only date/region can fail below.
      id18 = upgradeLegacyIdNumber(s);
    } else {
      if (!hasCanonicalShape(s)) return { ok: false, reason: 'format' };
      id18 = s;
    }
  }

  const regionCode = id18.slice(0, 6);
  if (!PROVINCE_PREFIXES.has(regionCode.slice(0, 2))) return { ok: false, reason: 'region' };

  // The birth date, YYYYMMDD at positions 7-14: a real proleptic-Gregorian date (not 19900230
  // nor 19000229), not before 1900, not after today.
  const year = digitsAt(id18, 6, 10);
  const month = digitsAt(id18, 10, 12);
  const day = digitsAt(id18, 12, 14);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: 'birth-date' };
  }
  const birthDate = `${id18.slice(6, 10)}-${id18.slice(10, 12)}-${id18.slice(12, 14)}`;
  // ISO dates compare correctly as strings.
  if (birthDate < MIN_BIRTH_DATE) return { ok: false, reason: 'birth-date' };
  if (birthDate > beijingToday(today ? today.getTime() : Date.now())) {
    return { ok: false, reason: 'future-birth-date' };
  }

  // Date problems are reported first because they point the user at a specific field;
  // a mistyped date digit would usually also break the check character.
  if (CHECK_CHARACTERS[idNumberWeightedSum(id18.slice(0, 17)) % 11] !== id18[17]) {
    return { ok: false, reason: 'check-character' };
  }

  const sex: Sex = (id18.charCodeAt(16) - ZERO) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value: { idNumber: id18, regionCode, birthDate, sex } };
}

export function isValidIdNumber(input: string, today?: Date): boolean {
  return parseIdNumber(input, today).ok;
}

/**
 * Masks an identity number for display (personal-information protection): keeps the
 * first 6 (region) and last 4 characters and replaces the middle with '*', e.g.
 * "520302********0015". Input is trimmed and upper-cased but not validated.
 * If the input is 10 characters or shorter nothing could be hidden by that rule, so the
 * whole string is masked instead of being returned in clear.
 */
export function maskIdNumber(input: string): string {
  const s = normalise(input);
  if (s.length <= 10) return '*'.repeat(s.length);
  return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
}

/** The canonical form of the last number `idNumberSchema` normalised, if it parsed. */
let lastCanonical: string | null = null;

/**
 * Zod schema: validates and normalises to the canonical 18-character uppercase form.
 * Uses overwrite() rather than transform() so the schema stays a plain ZodString (still
 * representable as JSON Schema for OpenAPI generation). The issue carries the machine
 * reason in `params.reason` so clients can pick ID_NUMBER_MESSAGES_EN instead.
 */
export const idNumberSchema = z
  .string()
  .overwrite((s) => {
    const result = parseIdNumber(s);
    lastCanonical = result.ok ? result.value.idNumber : null;
    return result.ok ? result.value.idNumber : s;
  })
  .superRefine((s, ctx) => {
    // What `overwrite` just made of a number that parsed is valid as it stands: not parsed again
    // (a number valid once stays valid, so even a stale match is right).
    if (s === lastCanonical) return;
    const result = parseIdNumber(s);
    if (!result.ok) {
      ctx.addIssue({
        code: 'custom',
        message: ID_NUMBER_MESSAGES_ZH[result.reason],
        params: { reason: result.reason },
        input: s,
      });
    }
  });
