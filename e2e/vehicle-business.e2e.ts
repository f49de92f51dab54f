import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/a11y.ts';
import {
  baseUrl,
  collectErrors,
  launchBrowser,
  login,
  newPage,
  screenshot,
} from './support/browser.ts';
import { tabTo } from './support/keyboard.ts';
import { buyer, fillRegistration, fireEvent, newVin } from './support/vehicles.ts';
import { chooseBusiness, fillApplicant, registryVehicle, submit } from './support/workstation.ts';

/** A demo vehicle under a mortgage to the demo bank (seeded by server/src/demo). */
const MORTGAGED = { plate: '贵CA0014', mortgagee: '520302-BK-001' };

const stage = (page: Page) => page.getByTestId('application-stage').textContent();
const documentRow = (page: Page, kind: RegExp) =>
  page.getByTestId('documents').locator('tr', { hasText: kind }).locator('td').nth(1);

/** The paper has the office over its title, the clerk, and a QR code of a public link. */
async function expectPrintedPaper(page: Page, testId: string) {
  const paper = page.getByTestId(testId);
  expect(await paper.getByTestId('notice-office').textContent()).toContain('车辆管理所');
  expect(await paper.getByTestId('notice-clerk').textContent()).not.toBe('—');
  const qr = paper.getByTestId('qr-code').first();
  expect(await qr.getAttribute('data-value')).toMatch(new RegExp(`^${baseUrl()}/verify/`));
}

describe('vehicle business in the browser (R164)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('registers a new car at a 4S dealer with a number chosen from the candidates', async () => {
    const page = await newPage(browser);
    const errors = collectErrors(page);
    await login(page, 'clerk.dealer');
    // A dealer is offered dealer work only: registration and temporary plates.
    await page.getByTestId('type-vehicle.register').waitFor();
    const available = await page
      .locator('input[name=business-type]:not([disabled])')
      .evaluateAll((inputs) => inputs.map((i) => i.getAttribute('data-testid')));
    expect(available.sort()).toEqual(['type-vehicle.register', 'type-vehicle.temp-plate']);

    await chooseBusiness(page, 'vehicle.register');
    await fillApplicant(page, buyer(1));
    await fillRegistration(page, newVin(1));
    // No lane at a dealer: that is an office's registration hall.
    expect(await page.locator('#data_lane').count()).toBe(0);
    await page.getByTestId('draw-candidates').click();
    const candidates = page.getByTestId('plate-candidates').locator('label');
    await candidates.nth(4).waitFor();
    const chosen = (await candidates.nth(2).textContent())!;
    expect(chosen).toMatch(/^贵C[0-9A-HJ-NP-Z]{5}$/);
    await candidates.nth(2).click();
    expect(await page.locator('#data_plate').inputValue()).toBe(chosen);
    await expectAccessible(page, 'registration with number candidates');
    await screenshot(page, 'register-dealer-form');

    await submit(page);
    const result = page.getByTestId('application-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('业务已办结');
    const documents = await page.getByTestId('documents').textContent();
    for (const kind of ['机动车登记证书', '机动车行驶证', '检验合格标志']) {
      expect(documents).toContain(kind);
    }
    expect(await documentRow(page, /^号牌/).textContent()).toBe(chosen);
    await expectPrintedPaper(page, 'application-result');
    await expectAccessible(page, 'registration result');
    await screenshot(page, 'register-dealer-result');
    expect(errors).toEqual([]);
  });

  it('takes a registration through every desk of the one-lane registration', async () => {
    const page = await newPage(browser);
    const errors = collectErrors(page);
    const vin = newVin(2);
    await login(page, 'clerk.city');
    await chooseBusiness(page, 'vehicle.register');
    await fillApplicant(page, buyer(2, '李四'));
    await fillRegistration(page, vin);
    await page.locator('#data_lane').click();
    // In the lane the number is chosen at its own desk. The form re-renders on the field's
    // watch after the click, not within it: a count read at once can still see the picker.
    await expect.poll(() => page.getByTestId('draw-candidates').count()).toBe(0);
    await submit(page);
    const receipt = page.getByTestId('acceptance-receipt');
    await receipt.waitFor();
    expect(await page.getByTestId('receipt-stage').textContent()).toBe('机动车查验');
    await expectPrintedPaper(page, 'acceptance-receipt');
    await expectAccessible(page, 'lane receipt');

    // The hall's board shows it at its first desk; its row leads to the application.
    await page.getByRole('menuitem', { name: '登记通道' }).click();
    const row = page.getByTestId('lane-board').locator('tr', { hasText: vin });
    await row.waitFor();
    expect(await row.getByTestId('lane-stage').textContent()).toBe('机动车查验');
    await expectAccessible(page, 'lane board');
    await screenshot(page, 'lane-board');
    await row.getByTestId('lane-handle').click();
    await page.waitForURL((url) => url.pathname.startsWith('/applications/'));

    await fireEvent(page, 'vehicle-checked', '查验完成', async (dialog) => {
      await dialog.locator('#data_vin').fill(vin);
    });
    await expect.poll(() => stage(page)).toBe('受理审核');
    await fireEvent(page, 'application-reviewed', '受理审核通过');
    await expect.poll(() => stage(page)).toBe('选号');

    let chosen = '';
    await fireEvent(page, 'number-selected', '号牌号码已选定', async (dialog) => {
      await dialog.getByTestId('draw-candidates').click();
      const candidates = dialog.getByTestId('plate-candidates').locator('label');
      await candidates.first().waitFor();
      chosen = (await candidates.first().textContent())!;
      await candidates.first().click();
      await expectAccessible(page, 'number desk');
    });
    await expect.poll(() => stage(page)).toBe('制证');

    // The certificates desk with the keyboard alone.
    await tabTo(page, '[data-testid=event-certificates-issued]', 40);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: '证件已制发' });
    await dialog.waitFor();
    await tabTo(page, '.ant-modal-footer .ant-btn-primary', 5);
    await page.keyboard.press('Enter');
    await expect.poll(() => stage(page)).toBe('安装号牌');

    await fireEvent(page, 'plate-fitted', '号牌已安装');
    const status = page.getByTestId('application-status');
    await expect.poll(() => status.getAttribute('data-status')).toBe('completed');
    expect(await documentRow(page, /^号牌/).textContent()).toBe(chosen);
    const steps = await page.getByTestId('history').getByTestId('history-item').allTextContents();
    expect(steps).toHaveLength(6);
    expect(steps[5]).toContain('号牌已安装');
    await expectPrintedPaper(page, 'application-result');
    await screenshot(page, 'lane-completed');

    // Off the board, and counted in the desks' times.
    await page.getByRole('menuitem', { name: '登记通道' }).click();
    await page.getByTestId('lane-timings').locator('tbody tr').first().waitFor();
    await expect
      .poll(() => page.getByTestId('lane-board').locator('tr', { hasText: vin }).count())
      .toBe(0);
    // The timings seen on the first visit are shown at once and refreshed behind them.
    const whole = page.getByTestId('lane-timings').locator('tr', { hasText: '全程' });
    await expect
      .poll(async () => Number(await whole.locator('td').nth(1).textContent()))
      .toBeGreaterThanOrEqual(1);
    await expectAccessible(page, 'lane timings');
    expect(errors).toEqual([]);
  });

  it('transfers a mortgaged car at a used-car market with the mortgagee co-applying', async () => {
    const page = await newPage(browser);
    const errors = collectErrors(page);
    const newOwner = buyer(3, '王五');
    const { vin } = await registryVehicle(MORTGAGED.plate);
    await login(page, 'clerk.market');
    await chooseBusiness(page, 'vehicle.transfer');
    await fillApplicant(page, newOwner);
    await page.locator('#data_plate').fill(MORTGAGED.plate);
    await page.getByTestId('lookup-vehicle').click();
    const note = page.getByTestId('mortgage-note');
    await note.waitFor();
    // A market is told that the car is mortgaged, not who the mortgagee is (the offices,
    // supervisors and the mortgagee's own bank are): its representative gives the code.
    expect(await note.textContent()).toContain('须由抵押权人共同申请');
    expect(await note.textContent()).not.toContain(MORTGAGED.mortgagee);
    await page.locator('#data_invoiceNo').fill('ESC20261130001');

    // Without the mortgagee: one notice says who must co-apply (R164 §26).
    await submit(page);
    const notice = page.getByTestId('refusal-notice');
    await notice.waitFor();
    // The notice does not tell the mortgagee's code (only the mortgagee proves it).
    expect(await notice.textContent()).toContain('须由抵押权人共同申请');
    expect(await notice.textContent()).not.toContain(MORTGAGED.mortgagee);
    expect(await notice.textContent()).toContain('机动车登记规定');
    await page.getByTestId('edit-again').click();

    // The mortgagee's representative attends: its code and the representative are recorded.
    await page.getByTestId('mortgagee-co-applies').click();
    await page.locator('#data_mortgageeOrgCode').fill(MORTGAGED.mortgagee);
    await page
      .locator('#data_mortgageeRepresentative_idNumber')
      .fill(buyer(4, '抵押权人代表').idNumber);
    await page.locator('#data_mortgageeRepresentative_name').fill('抵押权人代表');
    await expectAccessible(page, 'transfer with the mortgagee co-applying');
    await submit(page);
    const result = page.getByTestId('application-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('业务已办结');
    expect(await page.getByTestId('documents').textContent()).toContain('机动车行驶证');
    await expectPrintedPaper(page, 'application-result');
    await screenshot(page, 'transfer-market-result');

    // The file: the new owner, the mortgage carried over, the transfer in time order.
    await page.goto(`/vehicles/${vin}`);
    const file = page.getByTestId('vehicle-file');
    await file.waitFor();
    expect(await page.getByTestId('vehicle-card').textContent()).toContain(newOwner.name);
    const mortgage = await page.getByTestId('vehicle-mortgage').textContent();
    expect(mortgage).not.toContain(MORTGAGED.mortgagee);
    expect(mortgage).toContain('仅车管所、监管人员和抵押权人可见');
    await expect
      .poll(() => page.getByTestId('vehicle-history').textContent())
      .toContain('转让登记');
    await expectAccessible(page, 'vehicle file after the transfer');
    expect(errors).toEqual([]);
  });
});
