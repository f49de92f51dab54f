import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/a11y.ts';
import { collectErrors, launchBrowser, login, newPage } from './support/browser.ts';

/** The phone the brief names: 390 px wide. */
const PHONE = { width: 390, height: 844 };

/** Screens whose tables or inline forms were wider than a phone in one language or both. */
const SCREENS: [account: string, path: string, ready: string][] = [
  ['clerk.city', '/vehicles', '[data-testid=vehicle-query]'],
  ['clerk.city', '/exam-sessions', '.ant-table-thead'],
  ['clerk.city', '/lane', '[data-testid=lane-board] .ant-table-thead'],
  ['clerk.exam', '/exam-site', '[data-testid=site-results] .ant-table-thead'],
  ['admin', '/admin/delegation', '[data-testid=override-table] .ant-table-thead'],
  ['admin', '/admin/policies', '.ant-card .ant-table-thead'],
];

/** How far the page is wider than the window (0 when nothing has to be scrolled sideways). */
const overflow = (page: Page) =>
  page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );

describe.each(['zh-CN', 'en'])('on a 390 px phone in %s', (language) => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(): Promise<Page> {
    const page = await newPage(browser, PHONE);
    await page.addInitScript(`localStorage.setItem('cheguan.lang', '${language}')`);
    return page;
  }

  /**
   * WCAG 1.4.10 (reflow): nothing but a table's own scrolling region is wider than the phone; a
   * wide table scrolls inside its card, where the keyboard reaches it too.
   */
  it.each(SCREENS)('%s at %s fits the width', async (account, path, ready) => {
    const page = await open();
    const errors = collectErrors(page);
    await login(page, account);
    await page.goto(path);
    await page.locator(ready).first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await overflow(page)).toBe(0);
    expect(errors).toEqual([]);
  });

  /**
   * The supervision centre's and anti-fraud tabs on a phone: the tabs that do not fit wrap
   * instead of hiding behind antd's "more" button inside the tablist (axe, critical:
   * aria-required-children), and wide tables, even empty, scroll in a region the keyboard
   * reaches (axe, serious: scrollable-region-focusable) within the phone's width.
   */
  it.each([
    ...['dashboard', 'exams', 'reviews', 'stations', 'draws', 'bulletins'].map(
      (tab) => `/supervision?tab=${tab}`,
    ),
    '/antifraud',
    '/antifraud?tab=cases',
  ])('sup.city at %s is accessible and fits the width', async (path) => {
    const page = await open();
    const errors = collectErrors(page);
    await login(page, 'sup.city');
    await page.goto(path);
    await page.locator('[role=tabpanel]').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('.ant-tabs-nav-more:visible').count()).toBe(0);
    await expectAccessible(page, `${path} on a phone`);
    expect(await overflow(page)).toBe(0);
    expect(errors).toEqual([]);
  });

  /**
   * The public pages without the app's frame have their main landmark and first heading like
   * every other page: a screen reader's user jumps to the form or the verdict by either.
   */
  it.each([
    ['/login', '#username'],
    ['/verify/forged-token', '[data-testid=verify-result]'],
  ])('%s has one main landmark and one first-level heading', async (path, ready) => {
    const page = await open();
    await page.goto(path);
    await page.locator(ready).waitFor();
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(await page.locator(`main ${ready}`).count()).toBe(1);
    expect(await overflow(page)).toBe(0);
  });
});
