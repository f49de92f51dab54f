import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, codeText, freeText, jsonProblem, nameText } from './text.ts';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, v: string) =>
  schema.safeParse(v).success;

describe('names', () => {
  const name = nameText();
  it('takes names of every script, with the middle dot and hyphens', () => {
    for (const v of [
      '张三',
      '敖先生',
      '买买提·艾力',
      'Anne-Marie O\u2019Neil'.replace('\u2019', "'"),
      '欧阳 娜娜',
      'José',
    ]) {
      expect(ok(name, v), v).toBe(true);
    }
  });
  it('normalises to NFC and trims', () => {
    expect(name.parse('  Jose\u0301 ')).toBe('José');
  });
  it('refuses NUL, controls, bidi overrides, zero-width characters and lone surrogates', () => {
    for (const v of [
      '张\u0000三',
      '张\u0007三',
      '张\u0085三',
      '张\u202E三',
      '张\u200B三',
      '张\uFEFF三',
      '张\uD800三',
      '\uDC00',
      '张\n三',
      '<script>',
    ]) {
      expect(ok(name, v), JSON.stringify(v)).toBe(false);
    }
  });
  it('refuses empty and over-long names', () => {
    expect(ok(name, '   ')).toBe(false);
    expect(ok(nameText(4), '一二三四五')).toBe(false);
  });
});

describe('free text', () => {
  const text = freeText(20);
  it('takes line breaks and punctuation, but no invisible characters', () => {
    expect(ok(text, '临牌核发数据异常，\n停业整改！')).toBe(true);
    expect(ok(text, '停业\u202E整改')).toBe(false);
    expect(ok(text, '停业\u0000')).toBe(false);
  });
});

describe('codes', () => {
  it('keep to their alphabet', () => {
    expect(ok(codeText(), 'DY2024-000123')).toBe(true);
    expect(ok(codeText(), 'DY 2024')).toBe(false);
    expect(ok(codeText(), 'DY\u0000')).toBe(false);
    expect(ok(codeText(8), '123456789')).toBe(false);
  });
});

describe('jsonProblem', () => {
  it('finds nothing in a clean body', () => {
    expect(jsonProblem({ a: 'x', b: [1, 'y', { c: null }], d: { e: true } })).toBeNull();
    expect(jsonProblem('text')).toBeNull();
    expect(jsonProblem(null)).toBeNull();
  });

  it('names the path of a bad string, through objects and arrays', () => {
    expect(jsonProblem({ applicant: { name: 'a\u0000b' } })?.path).toBe('applicant.name');
    expect(jsonProblem({ data: { items: ['ok', { note: 'x\u0007' }] } })?.path).toBe(
      'data.items.1.note',
    );
    expect(jsonProblem('\u0000')?.path).toBe('(root)');
  });

  it('names the path of a bad key, with the key', () => {
    const found = jsonProblem({ data: { ['k\u0001']: 1 } });
    expect(found?.path).toBe('data.k\u0001');
    expect(found?.message.startsWith('字段名')).toBe(true);
  });

  it('stops a nesting deeper than the limit where it begins', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < MAX_JSON_DEPTH + 5; i++) deep = { n: deep };
    const found = jsonProblem(deep);
    expect(found?.path).toBe(Array.from({ length: MAX_JSON_DEPTH }, () => 'n').join('.'));
    expect(found?.message).toContain(String(MAX_JSON_DEPTH));
    expect(jsonProblem([[[]]])).toBeNull();
  });
});
