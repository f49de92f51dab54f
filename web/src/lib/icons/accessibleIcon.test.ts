import { createInstance } from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { zhCN } from '../../i18n/zh-CN.ts';
import AntdIconLight from './AntdIconLight.tsx';

const i18n = createInstance();
await i18n
  .use(initReactI18next)
  .init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: zhCN } } });

const svg = (name: string) => ({
  name,
  theme: 'outlined' as const,
  icon: { tag: 'svg', attrs: { viewBox: '0 0 1024 1024' }, children: [] },
});
const html = (props: { icon: ReturnType<typeof svg>; 'aria-label'?: string }) =>
  renderToStaticMarkup(
    createElement(I18nextProvider, { i18n }, createElement(AntdIconLight, props)),
  );

describe('antd icons as a screen reader hears them', () => {
  it('hides a decorative icon instead of announcing its English file name', () => {
    const out = html({ icon: svg('printer') });
    // (antd hides the <svg> inside anyway; the outer <span> carried the name.)
    expect(out).toMatch(/^<span[^>]*aria-hidden="true"/);
    expect(out).not.toContain('aria-label');
    expect(out).not.toContain('role="img"');
  });

  it('keeps a name the app gives', () => {
    const out = html({ icon: svg('eye'), 'aria-label': '隐藏密码' });
    expect(out).toContain('aria-label="隐藏密码"');
    expect(out).not.toMatch(/^<span[^>]*aria-hidden/);
  });

  it('names in the current language an icon that is a control’s only content', () => {
    expect(html({ icon: svg('left') })).toContain('aria-label="上一页"');
  });

  it('hides the close-circle of an error alert or message, which named it "清除"', () => {
    // (A field's clear button, where antd draws it too, is named by lib/clearable.tsx.)
    expect(html({ icon: svg('close-circle') })).toMatch(/^<span[^>]*aria-hidden="true"/);
    expect(html({ icon: svg('close-circle') })).not.toContain('aria-label');
  });
});
