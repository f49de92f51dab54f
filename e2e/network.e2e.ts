import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, login, newPage, screenshot } from './support/browser.ts';

describe('admin: login and network overview', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('refuses a wrong password with a clear message', async () => {
    const page = await newPage(browser);
    await page.goto('/login');
    await page.locator('#username').fill('admin');
    await page.locator('#password').fill('not-the-password');
    await page.locator('button[type=submit]').click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('shows the real counts of the Zunyi network', async () => {
    const page = await newPage(browser);
    await login(page, 'admin');
    expect(new URL(page.url()).pathname).toBe('/admin/network');
    const counts = page.getByTestId('category-counts');
    const countOf = async (category: string) =>
      Number(await counts.locator(`tr[data-row-key="${category}"] td`).nth(1).textContent());
    await counts.locator('tr[data-row-key="dealer"]').waitFor();
    expect(await counts.locator('tr[data-row-key="dealer"] td').first().textContent()).toBe(
      '汽车销售企业服务站',
    );
    expect(await countOf('dealer')).toBe(31);
    expect(await countOf('inspection-station')).toBe(43);
    expect(await countOf('post')).toBeGreaterThanOrEqual(216);
    expect(await countOf('hospital')).toBe(4);
    // 14 counties and districts, each with outlets.
    await expect
      .poll(() => page.getByTestId('county-counts').locator('tbody tr[data-row-key]').count())
      .toBe(14);
    // The chart is drawn, once its lazily loaded chunk has arrived (under load, after the
    // tables: counting canvases at once failed a CI run).
    await page.locator('canvas').first().waitFor();
    await expect.poll(() => page.getByTestId('user-name').textContent()).toBe('系统管理员');

    // Search the outlet list and open one outlet.
    const search = page.getByPlaceholder('按名称或编码搜索');
    await search.fill('520303-DL-001');
    await search.press('Enter');
    const row = page.getByTestId('outlet-table').locator('tr[data-row-key="520303-DL-001"]');
    await row.click();
    const drawer = page.getByTestId('outlet-drawer');
    await drawer.waitFor();
    await expect.poll(() => drawer.textContent()).toContain('警企');
    await expect.poll(() => drawer.textContent()).toContain('核发临时行驶车号牌');
    await screenshot(page, 'network-drawer');
  });

  it('pages through the outlets by cursor, forwards and back', async () => {
    const page = await newPage(browser);
    await login(page, 'admin');
    const firstRow = () =>
      page
        .getByTestId('outlet-table')
        .locator('tbody tr[data-row-key]')
        .first()
        .getAttribute('data-row-key');
    await page.getByTestId('outlet-table').locator('tbody tr[data-row-key]').first().waitFor();
    const first = await firstRow();
    expect(await page.getByTestId('page-previous').isDisabled()).toBe(true);
    await page.getByTestId('page-next').click();
    await expect.poll(firstRow).not.toBe(first);
    expect(await page.getByRole('navigation', { name: '网点列表翻页' }).textContent()).toContain(
      '第 2 页',
    );
    await page.getByTestId('page-previous').click();
    await expect.poll(firstRow).toBe(first);
  });
});
