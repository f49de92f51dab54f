/**
 * Motor-vehicle number plates (机动车号牌), GA 36-2018.
 *
 * A plate reads: province abbreviation + issuing-authority letter (发牌机关代号) + serial,
 * printed with a separator dot after the two-character prefix ("贵C·A1234"). The
 * canonical form used for storage and comparison has no separator ("贵CA1234").
 *
 * Supported layouts (serial = everything after the prefix):
 *   ordinary          5 characters                       贵CA1234 (small and large car plates
 *                                                        differ only in colour, not text)
 *   new-energy-small  [A-HJK] + letter/digit + 4 digits  贵CD12345
 *   new-energy-large  5 digits + [A-HJK]                 贵C12345D
 *   trailer / coach / police / consulate
 *                     4 characters + 挂 / 学 / 警 / 领
 *   hk / macau        粤Z + 4 characters + 港 / 澳
 *   embassy           使 + 6 digits (no province or authority code)
 *
 * Serial positions never use I or O (confusable with 1 and 0); the authority code is
 * any capital letter.
 */
import { z } from 'zod';
import { foldInput } from './fold.ts';

// prettier-ignore
export const PROVINCE_ABBREVIATIONS = [
  '京', '津', '沪', '渝', '冀', '豫', '云', '辽', '黑', '湘', '皖', '鲁', '新', '苏', '浙', '赣',
  '鄂', '桂', '甘', '晋', '蒙', '陕', '吉', '闽', '贵', '粤', '青', '藏', '川', '宁', '琼',
] as const;

export type ProvinceAbbreviation = (typeof PROVINCE_ABBREVIATIONS)[number];

export type PlateKind =
  | 'ordinary'
  | 'new-energy-small'
  | 'new-energy-large'
  | 'trailer'
  | 'coach'
  | 'police'
  | 'hk'
  | 'macau'
  | 'embassy'
  | 'consulate';

export type PlateError = 'length' | 'province' | 'authority-code' | 'forbidden-letter' | 'format';

export interface PlateInfo {
  /** Canonical form: no separator, uppercase letters. */
  plate: string;
  /** Province abbreviation; null only for embassy plates. */
  province: ProvinceAbbreviation | null;
  /** Issuing-authority letter; null only for embassy plates. */
  authorityCode: string | null;
  /** Everything after the prefix, including any suffix character (挂, 港, …). */
  serial: string;
  kind: PlateKind;
}

export type PlateResult = { ok: true; value: PlateInfo } | { ok: false; reason: PlateError };

export const PLATE_MESSAGES_ZH: Readonly<Record<PlateError, string>> = {
  length: '号牌号码长度不正确',
  province: '号牌号码省份简称无效',
  'authority-code': '号牌号码发牌机关代号应为大写字母',
  'forbidden-letter': '号牌号码序号不能包含字母I或O',
  format: '号牌号码格式不正确',
};

export const PLATE_MESSAGES_EN: Readonly<Record<PlateError, string>> = {
  length: 'Plate number has the wrong length',
  province: 'Plate number has an unknown province abbreviation',
  'authority-code': 'Plate number authority code must be a capital letter',
  'forbidden-letter': 'Plate number serial must not contain the letters I or O',
  format: 'Plate number does not match any plate format',
};

const PROVINCES: ReadonlySet<string> = new Set(PROVINCE_ABBREVIATIONS);

/** Separators people type between prefix and serial: middle dot, bullet, space. */
const SEPARATORS: ReadonlySet<string> = new Set(['·', '•', ' ']);

/** One serial character: digit or capital letter except I and O. */
const S = '[0-9A-HJ-NP-Z]';
const ORDINARY_SERIAL = new RegExp(`^${S}{5}$`);
/** New-energy letters are A-K without I (I is never used in serials). */
const NEW_ENERGY_SMALL_SERIAL = new RegExp(`^[A-HJK]${S}\\d{4}$`);
const NEW_ENERGY_LARGE_SERIAL = /^\d{5}[A-HJK]$/;
const FOUR_SERIAL = new RegExp(`^${S}{4}$`);

/** Suffix character of the 4+1 layouts. */
const SUFFIX_KINDS: Readonly<Record<string, PlateKind>> = {
  挂: 'trailer',
  学: 'coach',
  警: 'police',
  港: 'hk',
  澳: 'macau',
  领: 'consulate',
};

const EMBASSY = '使';

/**
 * Trim, fold full-width letters/digits (IME input, "贵Ｃ") to ASCII via NFKC, upper-case,
 * and drop one separator where it is printed on the plate: after the two-character
 * prefix, or for embassy plates after 使 or after the three-digit embassy code.
 */
function normalise(input: string): string {
  const s = foldInput(input);
  const separatorPositions = s.startsWith(EMBASSY) ? [1, 4] : [2];
  for (const i of separatorPositions) {
    if (SEPARATORS.has(s.charAt(i))) return s.slice(0, i) + s.slice(i + 1);
  }
  return s;
}

/** Parses and validates a plate number, returning its canonical form and layout. */
export function parsePlate(input: string): PlateResult {
  const s = normalise(input);
  // Every layout is 7 characters except the 8-character new-energy plates.
  if (s.length !== 7 && s.length !== 8) return { ok: false, reason: 'length' };

  if (s.startsWith(EMBASSY)) {
    const serial = s.slice(1);
    if (!/^\d{6}$/.test(serial)) return { ok: false, reason: 'format' };
    return {
      ok: true,
      value: { plate: s, province: null, authorityCode: null, serial, kind: 'embassy' },
    };
  }

  const province = s.charAt(0);
  if (!PROVINCES.has(province)) return { ok: false, reason: 'province' };
  const authorityCode = s.charAt(1);
  if (!/^[A-Z]$/.test(authorityCode)) return { ok: false, reason: 'authority-code' };
  const serial = s.slice(2);
  if (/[IO]/.test(serial)) return { ok: false, reason: 'forbidden-letter' };

  const kind = serialKind(province, authorityCode, serial);
  if (kind === null) return { ok: false, reason: 'format' };
  return {
    ok: true,
    value: {
      plate: s,
      province: province as ProvinceAbbreviation,
      authorityCode,
      serial,
      kind,
    },
  };
}

function serialKind(province: string, authorityCode: string, serial: string): PlateKind | null {
  if (serial.length === 6) {
    if (NEW_ENERGY_SMALL_SERIAL.test(serial)) return 'new-energy-small';
    if (NEW_ENERGY_LARGE_SERIAL.test(serial)) return 'new-energy-large';
    return null;
  }
  const suffixKind = SUFFIX_KINDS[serial.charAt(4)];
  if (suffixKind !== undefined) {
    if (!FOUR_SERIAL.test(serial.slice(0, 4))) return null;
    // Cross-border HK/Macau plates are issued only under 粤Z.
    if (
      (suffixKind === 'hk' || suffixKind === 'macau') &&
      `${province}${authorityCode}` !== '粤Z'
    ) {
      return null;
    }
    return suffixKind;
  }
  return ORDINARY_SERIAL.test(serial) ? 'ordinary' : null;
}

export function isValidPlate(input: string): boolean {
  return parsePlate(input).ok;
}

/**
 * Display form with the separator dot after the prefix, as printed: "贵C·A1234".
 * Embassy plates are returned in canonical form ("使014578"). Invalid input is returned
 * trimmed but otherwise unchanged, so this is safe to call on unvalidated display data.
 */
export function formatPlate(input: string): string {
  const result = parsePlate(input);
  if (!result.ok) return input.trim();
  const { plate, kind } = result.value;
  return kind === 'embassy' ? plate : `${plate.slice(0, 2)}·${plate.slice(2)}`;
}

/**
 * True for a valid plate issued under one of the prefixes (province + authority letter, e.g.
 * `['贵C']` for an office whose jurisdiction issues 贵C plates).
 */
export function plateHasPrefix(input: string, prefixes: readonly string[]): boolean {
  const result = parsePlate(input);
  return result.ok && prefixes.includes(`${result.value.province}${result.value.authorityCode}`);
}

/**
 * Zod schema: validates and normalises to the canonical form. overwrite() keeps it a
 * plain ZodString (JSON-Schema representable); `params.reason` carries the machine reason.
 */
export const plateSchema = z
  .string()
  .overwrite((s) => {
    const result = parsePlate(s);
    return result.ok ? result.value.plate : s;
  })
  .superRefine((s, ctx) => {
    const result = parsePlate(s);
    if (!result.ok) {
      ctx.addIssue({
        code: 'custom',
        message: PLATE_MESSAGES_ZH[result.reason],
        params: { reason: result.reason },
        input: s,
      });
    }
  });
