/**
 * Vehicle identification number (车辆识别代号), GB 16735-2019 / ISO 3779.
 *
 *   1-3   WMI, world manufacturer identifier
 *   4-8   VDS, vehicle descriptor section
 *   9     check digit — optional in ISO 3779 but mandatory in GB 16735-2019, so
 *         a VIN without a correct check digit is rejected here
 *   10    model-year code
 *   11-17 rest of the VIS (plant code, serial number)
 *
 * Alphabet: digits and Latin capitals except I, O and Q (too easily confused with 1 and 0).
 */
import { z } from 'zod';
import { foldInput } from './fold.ts';

export type VinError = 'length' | 'forbidden-letter' | 'format' | 'check-digit';

export interface VinInfo {
  /** Canonical uppercase VIN. */
  vin: string;
  /** World manufacturer identifier, positions 1-3. */
  wmi: string;
  /** Position 9: '0'-'9' or 'X'. */
  checkDigit: string;
  /** Position 10 (GB 16735-2019 model-year code); returned as-is, not decoded. */
  modelYearCode: string;
}

export type VinResult = { ok: true; value: VinInfo } | { ok: false; reason: VinError };

export const VIN_MESSAGES_ZH: Readonly<Record<VinError, string>> = {
  length: '车辆识别代号应为17位',
  'forbidden-letter': '车辆识别代号不能包含字母I、O、Q',
  format: '车辆识别代号只能包含数字和大写字母',
  'check-digit': '车辆识别代号校验位错误',
};

export const VIN_MESSAGES_EN: Readonly<Record<VinError, string>> = {
  length: 'VIN must be 17 characters',
  'forbidden-letter': 'VIN must not contain the letters I, O or Q',
  format: 'VIN may contain only digits and capital letters',
  'check-digit': 'VIN check digit is wrong',
};

/** Letter transliteration values (GB 16735-2019 / ISO 3779); digits keep their value. */
// prettier-ignore
const TRANSLITERATION: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};

/** Position weights; position 9 (the check digit itself) weighs 0. */
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;

const VIN_PATTERN = /^[0-9A-HJ-NPR-Z]{17}$/;

/** Trim, fold full-width characters (IME input) to ASCII via NFKC, upper-case. */
const normalise = foldInput;

/**
 * Each character's value in the check sum, by its code: a digit its own, a letter its
 * transliteration, -1 outside the alphabet.
 */
const VALUES = (() => {
  const values = new Int8Array(128).fill(-1);
  for (let d = 0; d < 10; d++) values[48 + d] = d;
  for (const [letter, value] of Object.entries(TRANSLITERATION)) {
    values[letter.charCodeAt(0)] = value;
  }
  return values;
})();

/**
 * The check digit of 17 characters already normalised, position 9 ignored; null when there are
 * not 17 or another is outside the VIN alphabet. Read by character codes, not by a pattern and
 * a keyed look-up: the generator computes one for every row that names a vehicle.
 */
function checkDigitOf(s: string): string | null {
  if (s.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    if (i === 8) continue;
    const code = s.charCodeAt(i);
    const value = code < 128 ? VALUES[code]! : -1;
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

const NOT_A_VIN = 'computeVinCheckDigit expects 17 characters of the VIN alphabet';

/**
 * Computes the check digit for a 17-character VIN (the character currently at
 * position 9 is ignored, so any placeholder may be used there). Case-insensitive.
 * @returns '0'-'9', or 'X' when the remainder is 10.
 * @throws RangeError if the input is not 17 characters of the VIN alphabet.
 */
export function computeVinCheckDigit(vin17: string): string {
  const digit = checkDigitOf(normalise(vin17));
  if (digit === null) throw new RangeError(NOT_A_VIN);
  return digit;
}

/**
 * Returns the (uppercase) VIN with position 9 replaced by the correct check digit.
 * Intended for test factories and demo data.
 * @throws RangeError like computeVinCheckDigit.
 */
export function withVinCheckDigit(vin17: string): string {
  const s = normalise(vin17);
  const digit = checkDigitOf(s);
  if (digit === null) throw new RangeError(NOT_A_VIN);
  return s.slice(0, 8) + digit + s.slice(9);
}

/** Parses and validates a VIN; lowercase input is accepted and returned uppercased. */
export function parseVin(input: string): VinResult {
  const s = normalise(input);
  if (s.length !== 17) return { ok: false, reason: 'length' };
  // Reported separately because I/O/Q are the mistake users actually make (reading 0 as O).
  if (/[IOQ]/.test(s)) return { ok: false, reason: 'forbidden-letter' };
  if (!VIN_PATTERN.test(s)) return { ok: false, reason: 'format' };
  const checkDigit = s[8]!;
  if (checkDigitOf(s) !== checkDigit) return { ok: false, reason: 'check-digit' };
  return {
    ok: true,
    value: { vin: s, wmi: s.slice(0, 3), checkDigit, modelYearCode: s[9]! },
  };
}

export function isValidVin(input: string): boolean {
  return parseVin(input).ok;
}

/**
 * Zod schema: validates and normalises to uppercase. overwrite() keeps it a plain
 * ZodString (JSON-Schema representable); `params.reason` carries the machine reason.
 */
export const vinSchema = z
  .string()
  .overwrite(normalise)
  .superRefine((s, ctx) => {
    const result = parseVin(s);
    if (!result.ok) {
      ctx.addIssue({
        code: 'custom',
        message: VIN_MESSAGES_ZH[result.reason],
        params: { reason: result.reason },
        input: s,
      });
    }
  });
