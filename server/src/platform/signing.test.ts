import { describe, expect, it } from 'vitest';
import { canonicalJson } from './signing.ts';

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code units at every depth and leaves out undefined values', () => {
    expect(
      canonicalJson({
        b: 1,
        a: { z: [3, { y: null, x: 'x' }], 车: true, Z: 'upper', é: 'e' },
        skipped: undefined,
        '': 0,
      }),
    ).toBe('{"":0,"a":{"Z":"upper","z":[3,{"x":"x","y":null}],"é":"e","车":true},"b":1}');
  });

  it('gives equal text for equal values whatever order their keys came in', () => {
    const one = {
      applicant: { name: '张三', idNumber: '520302198505120110' },
      data: { plate: '贵CA8830' },
    };
    const two = {
      data: { plate: '贵CA8830' },
      applicant: { idNumber: '520302198505120110', name: '张三' },
    };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('writes what is not a plain value as JSON does, undefined in an array as null', () => {
    expect(canonicalJson('引号"和\\')).toBe('"引号\\"和\\\\"');
    expect(canonicalJson([1, undefined, 'a'])).toBe('[1,null,"a"]');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({ a: undefined })).toBe('{}');
  });
});
