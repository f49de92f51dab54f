import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zhErrorMap } from './zh-errors.ts';

const messages = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value, { error: zhErrorMap }).error!.issues.map((i) => i.message);

describe('zod’s messages in Chinese', () => {
  it('names what a field should be in words, never zod’s English type names', () => {
    const schema = z.strictObject({
      a: z.string(),
      b: z.number().int().min(1),
      c: z.enum(['x', 'y']),
      d: z.string().regex(/^x$/),
      e: z.iso.date(),
      f: z.array(z.string()).max(1),
      g: z.uuid(),
      h: z.boolean(),
      i: z.string().min(1),
      j: z.union([z.string(), z.number()]),
    });
    expect(
      messages(schema, {
        b: 0.5,
        c: 'z',
        d: 'y',
        e: '2020-1-1',
        f: ['a', 'b'],
        g: 'x',
        h: 'true',
        i: '',
        j: null,
        k: 1,
      }),
    ).toEqual([
      '缺少此字段',
      '应为整数，不能是数字',
      '应为以下之一："x"、"y"',
      '格式不正确',
      '不是有效的日期（YYYY-MM-DD）',
      '最多 1 项',
      '不是有效的UUID',
      '应为布尔值（true 或 false），不能是文本',
      '不能为空',
      '不符合任何一种允许的格式',
      '不认识的字段：k',
    ]);
  });

  it('calls a record (an application’s `data`) an object too', () => {
    const data = z.record(z.string(), z.unknown());
    expect(messages(data, [])).toEqual(['应为对象，不能是数组']);
    expect(messages(data, null)).toEqual(['应为对象，不能是null']);
  });

  it('leaves a schema’s own message as it is', () => {
    expect(messages(z.string({ error: '车牌号码应为文本' }), 1)).toEqual(['车牌号码应为文本']);
  });
});
