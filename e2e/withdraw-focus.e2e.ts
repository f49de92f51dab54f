import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectErrors, launchBrowser, login, newPage } from './support/browser.ts';
import { ownerOf, submitPlateReissue } from './support/workstation.ts';

/** Where the focus is: the element's tag, test id, name and text, and whether it is seen. */
const FOCUS = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    testId: el.getAttribute('data-testid'),
    text: (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 60),
    visible: el.checkVisibility() && r.width > 0 && r.height > 0,
  };
})()`;
type Focus = { tag: string; testId: string | null; text: string; visible: boolean } | null;
const focusOf = (page: Page) => page.evaluate<Focus>(FOCUS);

/**
 * The confirmations of a withdrawal: an application's (its event buttons go, with their heading)
 * and an outlet's grant (the row's button turns into the grant's). The focus, left nowhere, is
 * given to a control or heading near where the button was (lib/focusSuccessor.ts), seen on the
 * page, so that a keyboard user goes on from there and not from the top of the page.
 */
describe.each(['zh-CN', 'en'] as const)('focus after a withdrawal, in %s', (language) => {
  let browser: Browser;
  let errors: string[] = [];
  const zh = language === 'zh-CN';
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(): Promise<Page> {
    const page = await newPage(browser);
    await page.addInitScript(`localStorage.setItem('cheguan.lang', '${language}')`);
    errors = collectErrors(page);
    return page;
  }

  it('of an application', async () => {
    const page = await open();
    await login(page, 'clerk.city');
    const plate = zh ? '贵CA0041' : '贵CA0042';
    await submitPlateReissue(page, plate, await ownerOf(plate));
    await page.getByTestId('open-application').click();
    const withdraw = page.getByTestId('event-withdraw');
    await withdraw.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog
      .getByRole('button', { name: zh ? '撤回申请' : 'Withdraw the application' })
      .focus();
    await page.keyboard.press('Enter');
    await withdraw.waitFor({ state: 'detached' });
    // The actions went with their heading: the focus is on the title of the card they were in.
    await expect
      .poll(() => focusOf(page))
      .toEqual({
        tag: 'div',
        testId: null,
        text: zh ? '办理进度' : 'Progress',
        visible: true,
      });
    expect(await page.evaluate('!!document.activeElement.closest("[data-testid=lifecycle]")')).toBe(
      true,
    );
    expect(errors).toEqual([]);
  });

  it('of a grant to an outlet', async () => {
    const page = await open();
    await login(page, 'admin');
    await page.goto('/admin/network');
    const outlet = zh ? '520303-DL-003' : '520303-DL-004';
    const search = page.getByPlaceholder(zh ? '按名称或编码搜索' : 'Search by name or code');
    await search.fill(outlet);
    await search.press('Enter');
    await page.getByTestId('outlet-table').locator(`tr[data-row-key="${outlet}"]`).click();
    const drawer = page.getByTestId('outlet-drawer');
    const row = drawer.locator('tr[data-row-key="vehicle.register"]');
    const button = row.getByRole('button', { name: zh ? '撤销' : 'Withdraw' });
    await button.focus();
    await page.keyboard.press('Enter');
    // The confirmation takes the focus to its OK button once it has opened (KeyboardPopconfirm),
    // and keeps it there in the drawer.
    const ok = page.getByRole('tooltip').getByRole('button', { name: zh ? '确定' : 'OK' });
    await expect.poll(() => ok.evaluate((b) => b === b.ownerDocument.activeElement)).toBe(true);
    await page.waitForTimeout(300);
    expect(await ok.evaluate((b) => b === b.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    // The row's button now grants it again, and has the focus.
    const grant = row.getByRole('button', { name: zh ? '授权' : 'Grant' });
    await grant.waitFor();
    await expect.poll(() => grant.evaluate((b) => b === b.ownerDocument.activeElement)).toBe(true);
    expect(await focusOf(page)).toMatchObject({ tag: 'button', visible: true });
    expect(errors).toEqual([]);
  });
});
