import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';
import { walk } from './support/walk.ts';

describe('language', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('switches the whole interface to English and keeps the choice', async () => {
    const page = await newPage(browser);
    await page.goto('/login');
    expect(await page.locator('button[type=submit]').textContent()).toBe('登录');
    // Icons a screen reader reads are named in Chinese, not by antd's English file names.
    const spoken = () =>
      page
        .locator('.anticon[aria-label]:not([aria-hidden=true])')
        .evaluateAll((icons) => icons.map((i) => i.getAttribute('aria-label')));
    expect(await spoken()).toEqual(['显示密码']);
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.locator('button[type=submit]').textContent()).toBe('Log in');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await login(page, 'admin');
    await expect.poll(() => page.locator('h3').first().textContent()).toBe('Service network');
    const counts = page.getByTestId('category-counts');
    await expect
      .poll(() => counts.locator('tr[data-row-key="dealer"] td').first().textContent())
      .toBe('Dealer station');
    // antd's own texts follow too (the close button of the outlet drawer).
    await page.getByTestId('outlet-table').getByRole('button').first().click();
    await expect
      .poll(() => page.locator('.ant-drawer-close').getAttribute('aria-label'))
      .toBe('Close');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('menu').textContent()).toContain('Delegation');

    await page.goto('/admin/delegation');
    await expect
      .poll(() => page.getByTestId('delegation-matrix').textContent())
      .toContain('Vehicle licence reissue');
    await screenshot(page, 'delegation-en');

    await page.reload();
    await expect.poll(() => page.locator('h3').first().textContent()).toBe('Delegation matrix');
    await page.getByTestId('lang-zh').click();
    await expect.poll(() => page.locator('h3').first().textContent()).toBe('业务授权矩阵');
  });

  it.each([
    ['zh-CN', 'EN 切换为英文', '中文 Switch to Chinese'],
    ['en', '中文 Switch to Chinese', 'EN 切换为英文'],
  ] as const)(
    'in %s: the switch is one Tab stop, named by what it shows and what it does',
    async (language, name, after) => {
      const page = await newPage(browser);
      await page.addInitScript(`localStorage.setItem('cheguan.lang', '${language}')`);
      await page.goto('/login');
      await page.locator('#username').waitFor();
      // The stops of the switch (before: its radio group, then the checked radio in it).
      const stops = (await walk(page, language)).filter((s) =>
        /^(中文|EN|语言|Language)(\s|$)/.test(s.name),
      );
      expect(stops.map((s) => s.name)).toEqual([name]);
      // Pressed from the keyboard, it switches and keeps the focus, now named the other way.
      const control = page.getByRole('button', { name, exact: true });
      await control.focus();
      await page.keyboard.press('Enter');
      const other = language === 'en' ? 'zh-CN' : 'en';
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(other);
      const switched = page.getByRole('button', { name: after, exact: true });
      await expect
        .poll(() => switched.evaluate((b) => b === b.ownerDocument.activeElement))
        .toBe(true);
    },
  );

  it.each([
    ['zh-CN', '显示密码', '隐藏密码'],
    ['en', 'Show password', 'Hide password'],
  ] as const)(
    'in %s: the password’s show/hide toggle says what it shows',
    async (language, show, hide) => {
      const page = await newPage(browser);
      await page.addInitScript(`localStorage.setItem('cheguan.lang', '${language}')`);
      await page.goto('/login');
      await page.locator('#password').fill('secret');
      const toggle = page.getByRole('button', { name: show, exact: true });
      expect(await toggle.getAttribute('aria-pressed')).toBe('false');
      await toggle.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#password').getAttribute('type')).toBe('text');
      const shown = page.getByRole('button', { name: hide, exact: true });
      expect(await shown.getAttribute('aria-pressed')).toBe('true');
      expect(await shown.evaluate((b) => b === b.ownerDocument.activeElement)).toBe(true);
      await page.keyboard.press('Space');
      await expect.poll(() => page.locator('#password').getAttribute('type')).toBe('password');
      expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    },
  );
});
