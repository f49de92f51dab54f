import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  beijingDate,
  chooseOption,
  confirmIn,
  launchBrowser,
  login,
  newPage,
  screenshot,
} from './support/browser.ts';

describe('admin: delegation and policy values; supervisors read only', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('grants and withdraws a business type for a whole category after confirming', async () => {
    const page = await newPage(browser);
    await login(page, 'admin');
    await page.goto('/admin/delegation');
    const cell = page.getByRole('checkbox', { name: '汽车销售企业服务站 – 核发检验合格标志' });
    await cell.waitFor();
    expect(await cell.isChecked()).toBe(false);

    await cell.click();
    const confirm = page.getByRole('dialog');
    expect(await confirm.textContent()).toContain(
      '授权所有“汽车销售企业服务站”受理“核发检验合格标志”',
    );
    await confirmIn(confirm);
    await expect.poll(() => cell.isChecked()).toBe(true);

    await cell.click();
    const withdraw = page.getByRole('dialog').filter({ hasText: '撤销所有“汽车销售企业服务站”' });
    await confirmIn(withdraw);
    await expect.poll(() => cell.isChecked()).toBe(false);
  });

  it('withdraws a business type from one outlet as an override', async () => {
    const page = await newPage(browser);
    await login(page, 'admin');
    await page.goto('/admin/network');
    const search = page.getByPlaceholder('按名称或编码搜索');
    await search.fill('520303-DL-002');
    await search.press('Enter');
    await page.getByTestId('outlet-table').locator('tr[data-row-key="520303-DL-002"]').click();
    const drawer = page.getByTestId('outlet-drawer');
    const row = drawer.locator('tr[data-row-key="vehicle.register"]');
    await expect.poll(() => row.textContent()).toContain('类别授权');
    await row.getByRole('button', { name: '撤销' }).click();
    await confirmIn(page.getByRole('tooltip'));
    await expect.poll(() => row.textContent()).toContain('单独撤销');

    await page.goto('/admin/delegation');
    const overrides = page.getByTestId('override-table');
    await expect.poll(() => overrides.textContent()).toContain('520303-DL-002');
    expect(await overrides.textContent()).toContain('单独撤销');
  });

  it('adds a policy version that takes effect later, leaving today’s value in force', async () => {
    const page = await newPage(browser);
    await login(page, 'admin');
    await page.goto('/admin/policies');
    await page.getByRole('button', { name: '新增版本' }).click();
    const dialog = page.getByRole('dialog');
    await chooseOption(page, dialog.locator('#key'), '临时号牌（出口）单次最长有效天数');
    await dialog.locator('#value').fill('20');
    const date = dialog.locator('#effectiveFrom');
    await date.click();
    await date.fill(beijingDate(30));
    await date.press('Tab');
    // The picker commits a typed date only once its popup has closed; clicking OK before that
    // submits the form without it (CI caught this once under load).
    await expect.poll(() => date.inputValue()).toBe(beijingDate(30));
    await page
      .locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)')
      .waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const card = page.locator('.ant-card').filter({ hasText: '临时号牌（出口）单次最长有效天数' });
    await expect.poll(() => card.textContent()).toContain(beijingDate(30));
    expect(await card.locator('tr.row-in-force').textContent()).toContain('2018-01-01');
    expect(await card.textContent()).toContain('待生效');
    await screenshot(page, 'policies');
  });

  it('lets a county supervisor read its scope without changing anything', async () => {
    const page = await newPage(browser);
    await login(page, 'sup.county');
    expect(new URL(page.url()).pathname).toBe('/supervision');
    await expect.poll(() => page.getByTestId('user-outlet').textContent()).toContain('桐梓县');
    // The supervision centre is the landing page; the network is one menu entry away.
    await page.goto('/admin/network');
    const outlets = page.getByTestId('outlet-table');
    await outlets.locator('tr[data-row-key="520322-KO-001"]').waitFor();
    await page.goto('/admin/delegation');
    // Marks, not checkboxes: nothing there looks as if it could be changed.
    const cell = page.getByTestId('cell-vehicle.temp-plate-dealer');
    await cell.waitFor();
    expect(await cell.getAttribute('aria-label')).toBe(
      '汽车销售企业服务站 – 核发临时行驶车号牌：已授权',
    );
    expect(await page.getByTestId('delegation-matrix').getByRole('checkbox').count()).toBe(0);
  });

  it('counts the agreements by kind over all of them, and lists them 20 at a time with one pager', async () => {
    const page = await newPage(browser);
    await login(page, 'admin');
    await page.goto('/admin/agreements');
    const bank = page.locator('.stat-card').filter({ hasText: '警银' });
    await expect.poll(() => bank.locator('.ant-statistic-content').textContent()).toBe('20');
    const hospital = page.locator('.stat-card').filter({ hasText: '警医' });
    expect(await hospital.locator('.ant-statistic-content').textContent()).toBe('4');
    // The demo's 75 agreements in server pages of 20, in code order, with one pager.
    const rows = page.locator('tbody tr.ant-table-row');
    const codes = () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')));
    await expect.poll(async () => (await codes()).length).toBe(20);
    const first = await codes();
    expect(first).toEqual([...first].sort());
    expect(await page.locator('.ant-pagination').count()).toBe(0);
    const seen = [...first];
    for (let n = 2; n <= 4; n += 1) {
      await page.getByTestId('page-next').click();
      await expect.poll(async () => (await codes())[0] !== seen.at(-20)).toBe(true);
      seen.push(...(await codes()));
    }
    expect(seen).toHaveLength(75);
    expect(new Set(seen).size).toBe(75);
    expect(seen).toEqual([...seen].sort());
    expect(await page.getByTestId('page-next').isDisabled()).toBe(true);
    await page.getByTestId('page-previous').click();
    await expect.poll(async () => (await codes())[0]).toBe(seen[40]);
  });

  it('sends the user back to login when the session is no longer valid', async () => {
    const page = await newPage(browser);
    await login(page, 'admin');
    await page.evaluate("sessionStorage.setItem('cheguan.token', 'expired')");
    await page.goto('/admin/agreements');
    await page.waitForURL((url) => url.pathname === '/login');
  });
});
