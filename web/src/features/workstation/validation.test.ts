import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { en } from '../../i18n/en.ts';
import { zhCN } from '../../i18n/zh-CN.ts';
import { issueMessage } from './validation.ts';

/** A time field as the shared schemas write it: its own Chinese message, about the format. */
const instant = z.object({
  startedAt: z.iso.datetime({ offset: true, message: '时间应为带时区的 ISO 8601 格式' }),
});

async function messages(language: 'zh-CN' | 'en', value: unknown) {
  const i18n = createInstance();
  await i18n.init({
    lng: language,
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  });
  const issues = instant.safeParse({ startedAt: value }).error?.issues ?? [];
  return issues.map((issue) => issueMessage(issue, language, i18n.t));
}

describe('a field’s message', () => {
  it('left empty, says it is required in Chinese as in English, not what its format is', async () => {
    expect(await messages('zh-CN', undefined)).toEqual(['此项为必填项']);
    expect(await messages('en', undefined)).toEqual(['This field is required']);
  });

  it('of a wrong value keeps the schema’s own Chinese message', async () => {
    expect(await messages('zh-CN', 'yesterday')).toEqual(['时间应为带时区的 ISO 8601 格式']);
  });
});
