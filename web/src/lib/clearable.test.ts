import { Input, Select } from 'antd';
import { createInstance } from 'i18next';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.ts';
import { zhCN } from '../i18n/zh-CN.ts';
import { useClearable } from './clearable.tsx';

async function render(lng: 'zh-CN' | 'en', field: (clearable: object) => ReactNode) {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({
    lng,
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  });
  const Field = () => field(useClearable());
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(Field)));
}

/** The clear button antd draws in the field, as a string of HTML. */
const clearButton = (html: string) => /<button[^>]*-clear[^>]*>.*?<\/button>/.exec(html)?.[0];

describe('a field’s clear button', () => {
  it('of a select is named in Chinese, not antd’s English "Clear"', async () => {
    const html = await render('zh-CN', (allowClear) =>
      createElement(Select, { value: 'a', options: [{ value: 'a', label: '甲' }], allowClear }),
    );
    expect(clearButton(html)).toMatch(/^<button[^>]*aria-label="清除"/);
  });

  it('of a text field is named by its icon, in the current language', async () => {
    const html = await render('en', (allowClear) =>
      createElement(Input, { value: 'x', readOnly: false, onChange: () => {}, allowClear }),
    );
    expect(clearButton(html)).toContain('aria-label="Clear"');
  });
});
