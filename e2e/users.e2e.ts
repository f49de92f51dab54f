import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/a11y.ts';
import {
  chooseOption,
  collectErrors,
  confirmIn,
  launchBrowser,
  login,
  newPage,
  screenshot,
} from './support/browser.ts';
import { apiAs } from './support/workstation.ts';

describe('admin: staff and roles', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates a clerk with the keyboard-reachable form, who can then log in', async () => {
    const page = await newPage(browser);
    await login(page, 'admin');
    await page.getByRole('menuitem', { name: '人员管理' }).click();
    await page.waitForURL('**/admin/users');
    await page.getByRole('button', { name: '新建人员' }).click();
    const dialog = page.getByRole('dialog');
    // Every field is found by its visible label: the labels are linked to their inputs.
    await dialog.getByLabel('用户名').fill('e2e.clerk');
    await dialog.getByLabel('姓名').fill('端到端窗口');
    const outlet = dialog.getByLabel('所在网点');
    await outlet.click();
    await outlet.fill('520302-CO-001');
    // The search runs on the server; its answer becomes the active option, which Enter picks.
    await page.getByTitle(/520302-CO-001/).waitFor();
    await outlet.press('Enter');
    await dialog.getByLabel('初始密码').fill('e2e-clerk-password');
    await dialog.getByLabel('再次输入密码').fill('e2e-clerk-password');
    await dialog.getByLabel('再次输入密码').press('Enter');
    await dialog.getByRole('button', { name: '确定' }).click();
    const table = page.getByTestId('user-table');
    await page.getByRole('searchbox', { name: '按用户名或姓名搜索' }).fill('e2e');
    await page.getByRole('searchbox', { name: '按用户名或姓名搜索' }).press('Enter');
    await expect.poll(() => table.textContent()).toContain('端到端窗口');
    expect(await table.textContent()).toContain('520302-CO-001');
    await screenshot(page, 'users');

    const clerk = await newPage(browser);
    await login(clerk, 'e2e.clerk', 'e2e-clerk-password');
    expect(new URL(clerk.url()).pathname).toBe('/workstation');
  });

  it('new-user dialog: errors at the fields, only the levels the roles allow, focus back on close', async () => {
    const page = await newPage(browser);
    const errors = collectErrors(page);
    await login(page, 'admin');
    await page.goto('/admin/users');
    const add = page.getByRole('button', { name: '新建人员' });
    await add.focus();
    await add.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').waitFor();
    await expectAccessible(page, 'new-user dialog');
    // Submitted empty: the errors at the fields, and no uncaught rejection.
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.getByText('请输入用户名').waitFor();
    await expectAccessible(page, 'new-user dialog with errors');
    // A clerk works at an outlet; an administrator in the city only; both at once nowhere.
    const levels = dialog.getByRole('radio');
    expect(await levels.count()).toBe(1);
    await dialog.getByRole('checkbox', { name: '管理员' }).check();
    await dialog.getByText('所选角色不能使用同一级数据权限', { exact: false }).waitFor();
    expect(await levels.count()).toBe(0);
    await dialog.getByRole('checkbox', { name: '窗口人员' }).uncheck();
    await expect.poll(() => levels.count()).toBe(1);
    expect(await dialog.getByRole('radio', { name: '网点' }).count()).toBe(0);
    expect(await dialog.getByRole('radio', { name: '全市' }).isChecked()).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => add.evaluate((b) => b === b.ownerDocument.activeElement)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('shows a taken username next to the field, for a supervisor placed in a county', async () => {
    const page = await newPage(browser);
    await login(page, 'admin');
    await page.goto('/admin/users');
    await page.getByRole('button', { name: '新建人员' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('clerk.city');
    await dialog.getByLabel('姓名').fill('重名');
    await dialog.getByRole('checkbox', { name: '窗口人员' }).uncheck();
    await dialog.getByRole('checkbox', { name: '监管人员' }).check();
    await dialog.getByRole('radio', { name: '区县' }).check();
    await chooseOption(page, dialog.getByLabel('负责区县'), '桐梓县');
    await dialog.getByLabel('初始密码').fill('twelve-chars-at-least');
    await dialog.getByLabel('再次输入密码').fill('twelve-chars-at-least');
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.getByText('该用户名已被使用').waitFor();
    expect(await dialog.getByLabel('用户名').getAttribute('aria-invalid')).toBe('true');
  });

  it('deactivates and reactivates a user after confirming, and resets a password', async () => {
    // A clerk of its own: a demo account's new password would lock the suite's other files out
    // of it, in whatever order they run.
    await apiAs('admin', '/users', {
      method: 'POST',
      body: {
        username: 'e2e.reset',
        displayName: '端到端重置',
        roles: ['clerk'],
        scope: { level: 'outlet', code: '520302-CO-001' },
        password: 'e2e-reset-password',
      },
    });
    const page = await newPage(browser);
    await login(page, 'admin');
    await page.goto('/admin/users');
    await page.getByRole('searchbox', { name: '按用户名或姓名搜索' }).fill('e2e.reset');
    await page.getByRole('searchbox', { name: '按用户名或姓名搜索' }).press('Enter');
    const row = page.getByTestId('user-table').locator('tr[data-row-key="e2e.reset"]');
    await row.getByRole('button', { name: '停用' }).click();
    await confirmIn(page.getByRole('tooltip').filter({ hasText: '停用' }));
    await expect.poll(() => row.textContent()).toContain('已停用');
    await row.getByRole('button', { name: '启用' }).click();
    await confirmIn(page.getByRole('tooltip').filter({ hasText: '启用' }));
    await expect.poll(() => row.textContent()).toContain('在用');

    await row.getByRole('button', { name: '重置密码' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('新密码').fill('e2e-reset-new-pass');
    await dialog.getByLabel('再次输入密码').fill('e2e-reset-new-pass');
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('已重置');
    const clerk = await newPage(browser);
    await login(clerk, 'e2e.reset', 'e2e-reset-new-pass');
  });

  it('is not offered to supervisors', async () => {
    const page = await newPage(browser);
    await login(page, 'sup.city');
    expect(await page.getByRole('menuitem', { name: '人员管理' }).count()).toBe(0);
    await page.goto('/admin/users');
    await page.waitForURL((url) => !url.pathname.startsWith('/admin/users'));
  });
});
