import { describe, expect, it } from 'vitest';
import {
  PLATE_MESSAGES_EN,
  PLATE_MESSAGES_ZH,
  PROVINCE_ABBREVIATIONS,
  formatPlate,
  isValidPlate,
  plateHasPrefix,
  parsePlate,
  plateSchema,
} from './plate.ts';

describe('parsePlate', () => {
  it('accepts an ordinary plate with or without the separator', () => {
    const expected = {
      ok: true,
      value: {
        plate: '贵CA1234',
        province: '贵',
        authorityCode: 'C',
        serial: 'A1234',
        kind: 'ordinary',
      },
    };
    expect(parsePlate('贵C·A1234')).toEqual(expected);
    expect(parsePlate('贵CA1234')).toEqual(expected);
    expect(parsePlate('贵C•A1234')).toEqual(expected);
    expect(parsePlate('贵C A1234')).toEqual(expected);
    expect(parsePlate(' 贵c·a1234 ')).toEqual(expected);
  });

  it('accepts all-digit and letter-heavy ordinary serials', () => {
    expect(parsePlate('京A12345')).toMatchObject({ ok: true, value: { kind: 'ordinary' } });
    expect(parsePlate('沪AB12CD')).toMatchObject({ ok: true, value: { kind: 'ordinary' } });
  });

  it('allows O as the authority code but not in the serial', () => {
    expect(parsePlate('贵O12345')).toMatchObject({ ok: true, value: { authorityCode: 'O' } });
  });

  it('accepts a small new-energy plate (贵C·D12345)', () => {
    expect(parsePlate('贵C·D12345')).toEqual({
      ok: true,
      value: {
        plate: '贵CD12345',
        province: '贵',
        authorityCode: 'C',
        serial: 'D12345',
        kind: 'new-energy-small',
      },
    });
    expect(parsePlate('粤BDF1234')).toMatchObject({
      ok: true,
      value: { kind: 'new-energy-small' },
    });
    expect(parsePlate('粤BK91234')).toMatchObject({
      ok: true,
      value: { kind: 'new-energy-small' },
    });
  });

  it('accepts a large new-energy plate (贵C·12345D)', () => {
    expect(parsePlate('贵C·12345D')).toMatchObject({
      ok: true,
      value: { plate: '贵C12345D', serial: '12345D', kind: 'new-energy-large' },
    });
  });

  it.each([
    ['贵C·1234挂', 'trailer'],
    ['贵C·1234学', 'coach'],
    ['贵C·A123警', 'police'],
    ['沪A·1234领', 'consulate'],
    ['粤Z·1234港', 'hk'],
    ['粤Z·A123澳', 'macau'],
  ])('accepts %s as %s', (input, kind) => {
    const result = parsePlate(input);
    expect(result).toMatchObject({ ok: true, value: { kind, plate: input.replace('·', '') } });
    expect(result.ok && result.value.serial).toHaveLength(5);
  });

  it('accepts an embassy plate (使014578) with no province or authority code', () => {
    const expected = {
      ok: true,
      value: {
        plate: '使014578',
        province: null,
        authorityCode: null,
        serial: '014578',
        kind: 'embassy',
      },
    };
    expect(parsePlate('使014578')).toEqual(expected);
    expect(parsePlate('使014·578')).toEqual(expected);
    expect(parsePlate('使·014578')).toEqual(expected);
  });

  it('rejects I or O in the serial (贵CA1O34)', () => {
    expect(parsePlate('贵CA1O34')).toEqual({ ok: false, reason: 'forbidden-letter' });
    expect(parsePlate('贵C·I1234')).toEqual({ ok: false, reason: 'forbidden-letter' });
    expect(parsePlate('贵CD1I234')).toEqual({ ok: false, reason: 'forbidden-letter' });
  });

  it('rejects an unknown province (外C12345)', () => {
    expect(parsePlate('外C12345')).toEqual({ ok: false, reason: 'province' });
    expect(parsePlate('AC12345')).toEqual({ ok: false, reason: 'province' });
  });

  it('rejects a missing or non-letter authority code', () => {
    expect(parsePlate('贵112345')).toEqual({ ok: false, reason: 'authority-code' });
    expect(parsePlate('贵·C12345')).toEqual({ ok: false, reason: 'authority-code' });
  });

  it('rejects plates that are too short or too long', () => {
    for (const input of ['', '贵', '贵C1234', '贵C·1234', '贵CA123456', '贵C·D123456']) {
      expect(parsePlate(input)).toEqual({ ok: false, reason: 'length' });
    }
  });

  it('rejects a new-energy serial with a bad first character (贵CL12345)', () => {
    // Eight characters, so not ordinary; L is not a new-energy letter.
    expect(parsePlate('贵CL12345')).toEqual({ ok: false, reason: 'format' });
    // Large new-energy suffix must be A-H, J or K.
    expect(parsePlate('贵C12345L')).toEqual({ ok: false, reason: 'format' });
    // Small new-energy plates end in four digits.
    expect(parsePlate('贵CD1234A')).toEqual({ ok: false, reason: 'format' });
  });

  it('rejects HK/Macau suffixes outside 粤Z and malformed special plates', () => {
    expect(parsePlate('粤B1234港')).toEqual({ ok: false, reason: 'format' });
    expect(parsePlate('京Z1234澳')).toEqual({ ok: false, reason: 'format' });
    expect(parsePlate('贵C12挂34')).toEqual({ ok: false, reason: 'format' });
    expect(parsePlate('使01457A')).toEqual({ ok: false, reason: 'format' });
  });

  it('accepts every listed province', () => {
    expect(PROVINCE_ABBREVIATIONS).toHaveLength(31);
    for (const province of PROVINCE_ABBREVIATIONS) {
      expect(isValidPlate(`${province}A12345`)).toBe(true);
    }
  });
});

describe('formatPlate', () => {
  it('inserts the middle dot after the prefix', () => {
    expect(formatPlate('贵CA1234')).toBe('贵C·A1234');
    expect(formatPlate('贵c a1234')).toBe('贵C·A1234');
    expect(formatPlate('贵CD12345')).toBe('贵C·D12345');
    expect(formatPlate('粤Z1234港')).toBe('粤Z·1234港');
  });

  it('leaves embassy plates in canonical form and invalid input unchanged', () => {
    expect(formatPlate('使014·578')).toBe('使014578');
    expect(formatPlate(' 外C12345 ')).toBe('外C12345');
  });
});

describe('plateHasPrefix', () => {
  it('is true only for valid plates of the given prefixes', () => {
    expect(plateHasPrefix('贵C·A1234', ['贵C'])).toBe(true);
    expect(plateHasPrefix('贵CD12345', ['贵C'])).toBe(true);
    expect(plateHasPrefix('贵A·A1234', ['贵C'])).toBe(false);
    expect(plateHasPrefix('贵A·A1234', ['贵C', '贵A'])).toBe(true);
    expect(plateHasPrefix('京C·A1234', ['贵C'])).toBe(false);
    expect(plateHasPrefix('贵CA1O34', ['贵C'])).toBe(false);
  });
});

describe('plateSchema', () => {
  it('normalises to the canonical form', () => {
    expect(plateSchema.parse('贵c·d12345')).toBe('贵CD12345');
  });

  it('reports failures with the Chinese message and the machine reason', () => {
    const result = plateSchema.safeParse('外C12345');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      code: 'custom',
      message: '号牌号码省份简称无效',
      params: { reason: 'province' },
    });
  });

  it('message maps cover the same reasons', () => {
    expect(Object.keys(PLATE_MESSAGES_ZH).sort()).toEqual(Object.keys(PLATE_MESSAGES_EN).sort());
  });
});
