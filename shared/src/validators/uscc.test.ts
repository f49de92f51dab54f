import { describe, expect, it } from 'vitest';
import {
  computeUsccCheckCharacter,
  isValidUscc,
  parsePartyId,
  parseUscc,
  partyIdSchema,
} from './uscc.ts';

describe('unified social credit code (GB 32100-2015)', () => {
  it("accepts the standard's worked examples", () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('91110000600037341L')).toBe(true);
  });

  it('computes the check character with weights 3^(i-1) mod 31', () => {
    expect(computeUsccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(computeUsccCheckCharacter('91110000600037341')).toBe('L');
  });

  it('normalises lowercase and full-width input', () => {
    expect(parseUscc('91350100m000100y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
    expect(parseUscc('９１１１００００６０００３７３４１Ｌ')).toEqual({
      ok: true,
      value: '91110000600037341L',
    });
  });

  it('names what is wrong', () => {
    expect(parseUscc('91350100M000100Y4')).toEqual({ ok: false, reason: 'length' });
    expect(parseUscc('91350100M000100Y44')).toEqual({ ok: false, reason: 'check-character' });
    expect(parseUscc('91350100M0001O0Y43')).toEqual({ ok: false, reason: 'format' });
    expect(parseUscc('913501Z0M000100Y43')).toEqual({ ok: false, reason: 'format' });
    expect(parseUscc('91AB0100M000100Y43')).toEqual({ ok: false, reason: 'region' });
  });
});

describe('a party: a person or an organisation', () => {
  it('tells people from organisations', () => {
    expect(parsePartyId('520302199003070015')).toMatchObject({ ok: true, kind: 'person' });
    expect(parsePartyId('91350100M000100Y43')).toMatchObject({ ok: true, kind: 'organisation' });
  });

  it('reports the error of the kind the input looks like', () => {
    expect(parsePartyId('91350100M000100Y44')).toEqual({
      ok: false,
      message: '统一社会信用代码校验位错误',
    });
    expect(parsePartyId('520302199003070014')).toEqual({
      ok: false,
      message: '公民身份号码校验位错误',
    });
  });

  it('validates and normalises as a schema', () => {
    expect(partyIdSchema.parse('91350100m000100y43')).toBe('91350100M000100Y43');
    expect(partyIdSchema.safeParse('91350100M000100Y44').success).toBe(false);
  });
});
