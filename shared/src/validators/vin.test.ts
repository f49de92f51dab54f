import { describe, expect, it } from 'vitest';
import {
  VIN_MESSAGES_EN,
  VIN_MESSAGES_ZH,
  computeVinCheckDigit,
  isValidVin,
  parseVin,
  vinSchema,
  withVinCheckDigit,
} from './vin.ts';

const VALID_VINS = [
  'LSJA24U62JG269225',
  '1M8GDM9AXKP042788',
  'LDC613P23A1305189',
  'LBV5S3102ESJ25655',
];

describe('parseVin', () => {
  it.each(VALID_VINS)('accepts %s', (vin) => {
    expect(parseVin(vin).ok).toBe(true);
  });

  it('returns WMI, check digit and model-year code', () => {
    expect(parseVin('LSJA24U62JG269225')).toEqual({
      ok: true,
      value: { vin: 'LSJA24U62JG269225', wmi: 'LSJ', checkDigit: '2', modelYearCode: 'J' },
    });
  });

  it('accepts X as check digit when the remainder is 10 (1M8GDM9AXKP042788)', () => {
    const result = parseVin('1M8GDM9AXKP042788');
    expect(result.ok && result.value.checkDigit).toBe('X');
  });

  it.each(['LSJA24U62JG26922O', 'ISJA24U62JG269225', 'LSJA24U62JG2692Q5'])(
    'rejects %s for containing I, O or Q',
    (vin) => {
      expect(parseVin(vin)).toEqual({ ok: false, reason: 'forbidden-letter' });
    },
  );

  it('rejects a wrong check digit', () => {
    expect(parseVin('LSJA24U63JG269225')).toEqual({ ok: false, reason: 'check-digit' });
    // A letter other than X can never be a check digit.
    expect(parseVin('LSJA24U6AJG269225')).toEqual({ ok: false, reason: 'check-digit' });
  });

  it('rejects wrong lengths', () => {
    for (const vin of ['', 'LSJA24U62JG26922', 'LSJA24U62JG2692250']) {
      expect(parseVin(vin)).toEqual({ ok: false, reason: 'length' });
    }
  });

  it('rejects characters outside the VIN alphabet', () => {
    expect(parseVin('LSJA24U62JG26922-')).toEqual({ ok: false, reason: 'format' });
    expect(parseVin('LSJA24U62JG26922 5')).toEqual({ ok: false, reason: 'length' });
    expect(parseVin('LSJA24U62JG2692 5')).toEqual({ ok: false, reason: 'format' });
  });

  it('accepts lowercase and surrounding whitespace, normalising to uppercase', () => {
    const result = parseVin('  lsja24u62jg269225 ');
    expect(result.ok && result.value.vin).toBe('LSJA24U62JG269225');
  });

  it('folds full-width input', () => {
    const result = parseVin('ＬＳＪＡ２４Ｕ６２ＪＧ２６９２２５');
    expect(result.ok && result.value.vin).toBe('LSJA24U62JG269225');
  });
});

describe('computeVinCheckDigit', () => {
  it('computes the check digit ignoring position 9', () => {
    expect(computeVinCheckDigit('LSJA24U60JG269225')).toBe('2');
    expect(computeVinCheckDigit('1M8GDM9A*KP042788')).toBe('X');
    expect(computeVinCheckDigit('ldc613p2?a1305189')).toBe('3');
    expect(computeVinCheckDigit('LSJA24U6车JG269225')).toBe('2');
  });

  it('throws on input that is not 17 VIN characters', () => {
    expect(() => computeVinCheckDigit('LSJA24U62JG26922')).toThrow(RangeError);
    expect(() => computeVinCheckDigit('LSJA24U62JG26922O')).toThrow(RangeError);
    // Outside the alphabet at every position but the check digit's, ASCII or not.
    for (const bad of ['I', 'Q', '*', 'é', '车']) {
      for (const at of [0, 7, 9, 16]) {
        const vin = 'LSJA24U60JG269225';
        const changed = vin.slice(0, at) + bad + vin.slice(at + 1);
        expect(() => computeVinCheckDigit(changed), changed).toThrow(RangeError);
      }
    }
  });
});

describe('withVinCheckDigit', () => {
  it('replaces position 9 with the correct check digit', () => {
    expect(withVinCheckDigit('LSJA24U6*JG269225')).toBe('LSJA24U62JG269225');
    expect(withVinCheckDigit('1m8gdm9a0kp042788')).toBe('1M8GDM9AXKP042788');
  });

  it('produces valid VINs for arbitrary bodies', () => {
    for (const body of ['LGBH52E0#DY000001', 'LFV2A21K#B3000123', 'WDDZF4JB#KA000001']) {
      expect(isValidVin(withVinCheckDigit(body))).toBe(true);
    }
  });
});

describe('isValidVin', () => {
  it('returns a boolean verdict', () => {
    expect(isValidVin('LBV5S3102ESJ25655')).toBe(true);
    expect(isValidVin('LBV5S3103ESJ25655')).toBe(false);
  });
});

describe('vinSchema', () => {
  it('normalises to uppercase', () => {
    expect(vinSchema.parse('ldc613p23a1305189')).toBe('LDC613P23A1305189');
  });

  it('reports failures with the Chinese message and the machine reason', () => {
    const result = vinSchema.safeParse('LDC613P24A1305189');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      code: 'custom',
      message: '车辆识别代号校验位错误',
      params: { reason: 'check-digit' },
    });
  });

  it('message maps cover the same reasons', () => {
    expect(Object.keys(VIN_MESSAGES_ZH).sort()).toEqual(Object.keys(VIN_MESSAGES_EN).sort());
  });
});
