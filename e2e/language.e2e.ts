import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';

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
});
