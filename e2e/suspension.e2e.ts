import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withVinCheckDigit } from '#shared/validators/index.ts';
import {
  beijingDate,
  launchBrowser,
  login,
  newPage,
  screenshot,
  settled,
} from './support/browser.ts';
import { chooseBusiness, fillApplicant, fillTempPlate, submit } from './support/workstation.ts';

const DEALER = '520303-DL-001';
const REASON = '暗访发现违规收费，责令整改';

async function openDealer(page: Page) {
  await page.goto('/admin/network');
  const search = page.getByPlaceholder('按名称或编码搜索');
  await search.fill(DEALER);
  await search.press('Enter');
  await page.getByTestId('outlet-table').locator(`tr[data-row-key="${DEALER}"]`).click();
  const drawer = page.getByTestId('outlet-drawer');
  await drawer.waitFor();
  return drawer;
}

describe('suspension of an outlet', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('refuses the next application of a suspended outlet, with the reason, until restored', async () => {
    // The clerk has a temp plate ready to submit when the outlet is suspended.
    const clerk = await newPage(browser);
    await login(clerk, 'clerk.dealer');
    await chooseBusiness(clerk, 'vehicle.temp-plate');
    await fillApplicant(clerk);
    await fillTempPlate(clerk, {
      vin: withVinCheckDigit('LSJA24U60JG100001'),
      days: 30,
      insuranceValidUntil: beijingDate(365),
    });

    const admin = await newPage(browser);
    await login(admin, 'admin');
    let drawer = await openDealer(admin);

    // A reason is required.
    await drawer.getByTestId('suspend-outlet').click();
    const dialog = admin.getByRole('dialog', { name: '暂停网点受理业务' });
    await settled(dialog);
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => dialog.textContent()).toContain('请填写暂停原因');
    await dialog.getByTestId('suspension-text').fill(REASON);
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => drawer.textContent()).toContain(`暂停原因：${REASON}`);
    await drawer.getByTestId('restore-outlet').waitFor();

    await submit(clerk);
    const items = clerk.getByTestId('refusal-items').locator('tbody tr');
    await items.first().waitFor();
    expect(await items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('暂停受理');
    expect(await items.first().textContent()).toContain(REASON);
    await screenshot(clerk, 'suspended-refusal');

    // From now on the workstation offers the business no more, and says why.
    const later = await newPage(browser);
    await login(later, 'clerk.dealer');
    const option = later.getByTestId('type-vehicle.temp-plate');
    await expect.poll(() => option.isDisabled()).toBe(true);
    expect(await later.getByRole('radiogroup', { name: '选择业务' }).textContent()).toContain(
      REASON,
    );
    await later.getByTestId('no-business').waitFor();

    // Restore; the history keeps both steps.
    await drawer.getByTestId('restore-outlet').click();
    const restore = admin.getByRole('dialog', { name: '恢复网点受理业务' });
    await restore.getByTestId('suspension-text').fill('整改完成');
    await restore.getByRole('button', { name: '确定' }).click();
    await drawer.getByTestId('suspend-outlet').waitFor();
    drawer = await openDealer(admin);
    await expect.poll(() => drawer.textContent()).toContain('整改完成');
    expect(await drawer.textContent()).toContain(REASON);

    // The same form sent again is a new application, and now it completes.
    await clerk.getByTestId('edit-again').click();
    await submit(clerk);
    await clerk.getByTestId('temp-plate').waitFor();
  });
});
