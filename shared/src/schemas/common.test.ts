import { describe, expect, it } from 'vitest';
import { dateSchema } from './common.ts';

const messages = (input: unknown) =>
  dateSchema.safeParse(input).error?.issues.map((i) => i.message) ?? [];

describe('dateSchema', () => {
  it('gives a malformed date one detail: its format', () => {
    for (const input of ['2026-1-1', '20260101', 'abc', '2026-02-30T00:00', '']) {
      expect(messages(input), input).toEqual(['日期格式应为 YYYY-MM-DD']);
    }
  });

  it('gives a well-formed date that does not exist one detail: that it does not exist', () => {
    expect(messages('2026-02-30')).toEqual(['日期不存在']);
    expect(messages('2100-13-01')).toEqual(['日期不存在']);
  });

  it('refuses an existing date outside the lawful range, and accepts one inside it', () => {
    expect(messages('1899-12-31')).toEqual(['日期应在 1900-01-01 至 2099-12-31 之间']);
    expect(messages('2028-02-29')).toEqual([]);
  });
});
