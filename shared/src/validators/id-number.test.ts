import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ID_NUMBER_MESSAGES_EN,
  ID_NUMBER_MESSAGES_ZH,
  computeIdNumberCheckCharacter,
  idNumberCheckCharacterOfSum,
  idNumberSchema,
  idNumberWeightedSum,
  isValidIdNumber,
  maskIdNumber,
  parseIdNumber,
  upgradeLegacyIdNumber,
} from './id-number.ts';

/** Builds a number with a correct check character so only the field under test is wrong. */
function withCheck(first17: string): string {
  return first17 + computeIdNumberCheckCharacter(first17);
}

const TODAY = new Date('2024-06-15T04:00:00Z');

describe('parseIdNumber', () => {
  it('accepts the GB 11643-1999 worked example 11010519491231002X (female)', () => {
    expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      value: {
        idNumber: '11010519491231002X',
        regionCode: '110105',
        birthDate: '1949-12-31',
        sex: 'female',
      },
    });
  });

  it('accepts 520302199003070015 (male, born 1990-03-07)', () => {
    expect(parseIdNumber('520302199003070015', TODAY)).toEqual({
      ok: true,
      value: {
        idNumber: '520302199003070015',
        regionCode: '520302',
        birthDate: '1990-03-07',
        sex: 'male',
      },
    });
  });

  it('accepts a leap-day birth date 2000-02-29', () => {
    const result = parseIdNumber('520302200002291233', TODAY);
    expect(result.ok && result.value.birthDate).toBe('2000-02-29');
    expect(result.ok && result.value.sex).toBe('male');
  });

  it('rejects an impossible calendar date (1990-02-30) even with a correct check character', () => {
    // Check character for 52030219900230001 is '8' (computed like the examples below).
    expect(computeIdNumberCheckCharacter('52030219900230001')).toBe('8');
    expect(parseIdNumber('520302199002300018', TODAY)).toEqual({ ok: false, reason: 'birth-date' });
  });

  it('rejects 1900-02-29 (1900 is not a leap year), month 13 and day 00', () => {
    for (const date of ['19000229', '19901301', '19900100']) {
      expect(parseIdNumber(withCheck(`520302${date}001`), TODAY)).toEqual({
        ok: false,
        reason: 'birth-date',
      });
    }
  });

  it('rejects births before 1900-01-01 and accepts 1900-01-01', () => {
    expect(parseIdNumber(withCheck('52030218991231001'), TODAY)).toEqual({
      ok: false,
      reason: 'birth-date',
    });
    expect(parseIdNumber(withCheck('52030219000101001'), TODAY).ok).toBe(true);
  });

  it('rejects a birth date after today but accepts one equal to today', () => {
    expect(parseIdNumber(withCheck('52030220240616001'), TODAY)).toEqual({
      ok: false,
      reason: 'future-birth-date',
    });
    expect(parseIdNumber(withCheck('52030220240615001'), TODAY).ok).toBe(true);
  });

  it('reads "today" as the calendar date in China (UTC+8)', () => {
    // 16:30 UTC on 1 Jan is already 00:30 on 2 Jan in Beijing.
    const lateUtc = new Date('2024-01-01T16:30:00Z');
    expect(parseIdNumber(withCheck('52030220240102001'), lateUtc).ok).toBe(true);
    expect(parseIdNumber(withCheck('52030220240103001'), lateUtc)).toEqual({
      ok: false,
      reason: 'future-birth-date',
    });
  });

  it('rejects a wrong check character (520302199003070014)', () => {
    expect(parseIdNumber('520302199003070014', TODAY)).toEqual({
      ok: false,
      reason: 'check-character',
    });
  });

  it('accepts a lowercase x check character and normalises it to X', () => {
    const result = parseIdNumber('11010519491231002x', TODAY);
    expect(result.ok && result.value.idNumber).toBe('11010519491231002X');
  });

  it('trims surrounding whitespace and folds full-width digits', () => {
    expect(parseIdNumber('  520302199003070015\n', TODAY).ok).toBe(true);
    const fullWidth = parseIdNumber('５２０３０２１９９００３０７００１５', TODAY);
    expect(fullWidth.ok && fullWidth.value.idNumber).toBe('520302199003070015');
  });

  it('rejects wrong lengths', () => {
    for (const input of ['', '52030219900307001', '5203021990030700155', '5203021990030']) {
      expect(parseIdNumber(input, TODAY)).toEqual({ ok: false, reason: 'length' });
    }
  });

  it('rejects letters in the body and X anywhere but the last position', () => {
    for (const input of ['5203021990A3070015', '520302199X03070015', 'X20302199003070015']) {
      expect(parseIdNumber(input, TODAY)).toEqual({ ok: false, reason: 'format' });
    }
    // 15-digit numbers have no check character, so no X at all.
    expect(parseIdNumber('11010549123100X', TODAY)).toEqual({ ok: false, reason: 'format' });
  });

  it('rejects an unknown province-level region code', () => {
    expect(parseIdNumber(withCheck('00000019900307001'), TODAY)).toEqual({
      ok: false,
      reason: 'region',
    });
    expect(parseIdNumber(withCheck('99030219900307001'), TODAY)).toEqual({
      ok: false,
      reason: 'region',
    });
  });

  it('accepts Hong Kong, Macau and Taiwan residence permits (810000/820000/830000)', () => {
    for (const region of ['810000', '820000', '830000']) {
      const result = parseIdNumber(withCheck(`${region}19900307002`), TODAY);
      expect(result).toEqual({
        ok: true,
        value: {
          idNumber: withCheck(`${region}19900307002`),
          regionCode: region,
          birthDate: '1990-03-07',
          sex: 'female',
        },
      });
    }
  });

  it('accepts a legacy 15-digit number and returns the upgraded 18-character form', () => {
    expect(parseIdNumber('110105491231002', TODAY)).toEqual({
      ok: true,
      value: {
        idNumber: '11010519491231002X',
        regionCode: '110105',
        birthDate: '1949-12-31',
        sex: 'female',
      },
    });
    // Odd sequence 001 → male.
    const male = parseIdNumber('520302900307001', TODAY);
    expect(male.ok && male.value).toMatchObject({ idNumber: '520302199003070015', sex: 'male' });
  });

  it('rejects a legacy 15-digit number with an impossible date', () => {
    expect(parseIdNumber('520302900230001', TODAY)).toEqual({ ok: false, reason: 'birth-date' });
  });

  it('defaults "today" to the current date', () => {
    expect(parseIdNumber('520302199003070015').ok).toBe(true);
    const nextYear = String(new Date().getUTCFullYear() + 1);
    expect(parseIdNumber(withCheck(`520302${nextYear}0101001`))).toEqual({
      ok: false,
      reason: 'future-birth-date',
    });
  });
});

describe('upgradeLegacyIdNumber', () => {
  it('inserts "19" and appends the MOD 11-2 check character', () => {
    // 110105491231002 → first 17 = 11010519491231002
    //   digits  1 1  0 1 0 5 1 9 4 9 1 2  3 1 0 0 2
    //   weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
    //   products 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167
    //   167 mod 11 = 2 → "10X98765432"[2] = 'X'
    expect(upgradeLegacyIdNumber('110105491231002')).toBe('11010519491231002X');
    expect(upgradeLegacyIdNumber(' 520302900307001 ')).toBe('520302199003070015');
  });

  it('throws on anything that is not 15 digits', () => {
    expect(() => upgradeLegacyIdNumber('11010549123100')).toThrow(RangeError);
    expect(() => upgradeLegacyIdNumber('11010549123100A')).toThrow(RangeError);
    expect(() => upgradeLegacyIdNumber('11010519491231002X')).toThrow(RangeError);
  });
});

describe('computeIdNumberCheckCharacter', () => {
  it('matches the worked examples', () => {
    expect(computeIdNumberCheckCharacter('11010519491231002')).toBe('X');
    expect(computeIdNumberCheckCharacter('52030219900307001')).toBe('5');
    expect(computeIdNumberCheckCharacter('52030220000229123')).toBe('3');
  });

  it('throws without 17 leading digits', () => {
    expect(() => computeIdNumberCheckCharacter('5203021990030700')).toThrow(RangeError);
  });
});

describe('isValidIdNumber', () => {
  it('returns a boolean verdict', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('520302199003070014')).toBe(false);
    expect(isValidIdNumber(withCheck('52030220240616001'), TODAY)).toBe(false);
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskIdNumber('520302199003070015')).toBe('520302********0015');
    expect(maskIdNumber('11010519491231002x')).toBe('110105********002X');
    expect(maskIdNumber('110105491231002')).toBe('110105*****1002');
  });

  it('masks everything when nothing would otherwise be hidden', () => {
    expect(maskIdNumber('12345')).toBe('*****');
    expect(maskIdNumber('123456789')).toBe('*********');
    expect(maskIdNumber('1234567890')).toBe('**********');
    expect(maskIdNumber('')).toBe('');
  });
});

describe('idNumberSchema', () => {
  it('normalises valid input to the 18-character uppercase form', () => {
    expect(idNumberSchema.parse(' 11010519491231002x ')).toBe('11010519491231002X');
    expect(idNumberSchema.parse('110105491231002')).toBe('11010519491231002X');
  });

  it('reports failures with the Chinese message and the machine reason', () => {
    const result = z
      .object({ idNumber: idNumberSchema })
      .safeParse({ idNumber: '520302199003070014' });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]).toMatchObject({
      code: 'custom',
      path: ['idNumber'],
      message: '公民身份号码校验位错误',
      params: { reason: 'check-character' },
    });
  });

  it('rejects non-strings', () => {
    expect(idNumberSchema.safeParse(520302199003).success).toBe(false);
  });
});

describe('message maps', () => {
  it('have a Chinese and an English message for every reason', () => {
    expect(Object.keys(ID_NUMBER_MESSAGES_ZH).sort()).toEqual(
      Object.keys(ID_NUMBER_MESSAGES_EN).sort(),
    );
    expect(ID_NUMBER_MESSAGES_ZH['check-character']).toBe('公民身份号码校验位错误');
  });
});

describe('idNumberWeightedSum', () => {
  it('sums a number in parts to the check character of the whole', () => {
    // The GB 11643-1999 worked example, and numbers of every check character.
    expect(
      idNumberCheckCharacterOfSum(
        idNumberWeightedSum('110105') +
          idNumberWeightedSum('19491231', 6) +
          idNumberWeightedSum('002', 14),
      ),
    ).toBe('X');
    const seen = new Set<string>();
    for (let n = 0; n < 2000; n++) {
      const first17 = `5203${String(n % 100).padStart(2, '0')}19${String(50 + (n % 50))}0${1 + (n % 9)}1${n % 10}${String(n).padStart(3, '0').slice(-3)}`;
      const parts =
        idNumberWeightedSum(first17.slice(0, 6)) +
        idNumberWeightedSum(first17.slice(6, 14), 6) +
        idNumberWeightedSum(first17.slice(14), 14);
      expect(idNumberCheckCharacterOfSum(parts)).toBe(computeIdNumberCheckCharacter(first17));
      seen.add(computeIdNumberCheckCharacter(first17));
    }
    expect(seen.size).toBe(11);
  });
});

describe('idNumberSchema after a valid number', () => {
  it('still refuses a bad number, and the lower-case form of the last valid one is normalised', () => {
    expect(idNumberSchema.parse('11010519491231002X')).toBe('11010519491231002X');
    expect(idNumberSchema.safeParse('110105194912310021').success).toBe(false);
    expect(idNumberSchema.parse('11010519491231002x')).toBe('11010519491231002X');
    expect(idNumberSchema.safeParse('11010519491231002').success).toBe(false);
  });
});
