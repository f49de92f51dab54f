import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';

export const PASSWORD = 'cheguan-demo';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export const baseUrl = () => inject('baseUrl');

/** A page in a fresh context (its own session and local storage), on the test server. */
export async function newPage(
  browser: Browser,
  viewport = { width: 1440, height: 900 },
): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/**
 * Collects what a page reports as broken: uncaught errors and console errors. Failed requests
 * are left out: the browser logs every 4xx answer, and the app handles those itself.
 */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
      errors.push(m.text());
    }
  });
  return errors;
}

/** Logs in through the login form and waits until the app has left the login page. */
export async function login(page: Page, username: string, password = PASSWORD) {
  await page.goto('/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** A full-page screenshot in the temporary directory, for looking at what a test saw. */
export async function screenshot(page: Page, name: string) {
  const dir = path.join(os.tmpdir(), 'cheguan-e2e-shots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Today in Beijing plus some days, 'YYYY-MM-DD' (the platform's calendar). */
export function beijingDate(plusDays = 0): string {
  const ms = Date.now() + 8 * 3600_000 + plusDays * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Picks the option titled `title` of the antd Select that `trigger` opens (the select itself or
 * its input), and waits until the select shows it. On a loaded machine a click can land while
 * the list is still being laid out and pick nothing (CI caught an empty required field), or
 * another select's list can still be open: the pick is then made again, at most three times,
 * and only in this select's own list when the trigger has an id (antd's list is `<id>_list`).
 */
export async function chooseOption(page: Page, trigger: Locator, title: string) {
  const select = trigger.locator(
    'xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  const chosen = select.locator('.ant-select-content').and(page.getByTitle(title));
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  const id = await trigger.getAttribute('id');
  const list = id ? open.filter({ has: page.locator(`[id="${id}_list"]`) }) : open;
  for (let attempt = 1; ; attempt++) {
    try {
      if ((await list.count()) === 0) await trigger.click();
      await list
        .locator('.ant-select-item-option')
        .and(page.getByTitle(title))
        .first()
        .click({ timeout: 5_000 });
      await chosen.first().waitFor({ timeout: 5_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

/**
 * Presses `button` in a confirmation (a dialog or a popconfirm, `overlay`) and waits until it
 * has gone. A confirmation that is still fading out keeps its buttons in the page: the next
 * confirmation's locator can resolve to the closing one, whose button does nothing (CI caught a
 * withdrawal that was never confirmed this way under load).
 */
export async function confirmIn(overlay: Locator, button = '确定') {
  await settled(overlay);
  await overlay.getByRole('button', { name: button }).click();
  await overlay.waitFor({ state: 'hidden' });
}

/**
 * Waits until an antd dialog has finished zooming in. A click on a button that is still moving
 * can land beside it on a loaded machine and do nothing (the browser suite run beside two busy
 * loops left an event dialog open this way).
 */
export async function settled(dialog: Locator) {
  await dialog.waitFor();
  await expect
    .poll(async () => (await dialog.getAttribute('class')) ?? '')
    .not.toMatch(/-(appear|enter)(-active)?(\s|$)/);
}
