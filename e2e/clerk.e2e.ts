import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate, launchBrowser, login, newPage, screenshot } from './support/browser.ts';
import {
  chooseBusiness,
  fillApplicant,
  fillTempPlate,
  STORY,
  submit,
} from './support/workstation.ts';

describe('clerk workstation', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reissues the story vehicle licence and the new licence verifies as valid', async () => {
    const page = await newPage(browser);
    await login(page, 'clerk.city');
    expect(new URL(page.url()).pathname).toBe('/workstation');
    await chooseBusiness(page, 'vehicle.licence-reissue');
    await fillApplicant(page);
    await page.locator('#data_plate').fill(STORY.plate);
    await page.getByRole('button', { name: '查询车辆' }).click();
    await expect.poll(() => page.getByTestId('vehicle-card').textContent()).toContain(STORY.name);
    await submit(page);

    const documents = page.getByTestId('documents');
    await documents.waitFor();
    expect(await documents.textContent()).toContain('机动车行驶证');
    const number = await documents.locator('tbody tr td').nth(1).textContent();
    expect(number).toMatch(/^XS\d+/);
    await screenshot(page, 'licence-reissue-result');
    const href = await page.getByTestId('verify-link').getAttribute('href');
    expect(href).toMatch(/^\/verify\//);

    // The recent list has it, by its number; its page is named by business and number.
    const recent = page.getByTestId('recent-applications');
    await recent.getByRole('link', { name: number! }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/applications/'));
    const id = new URL(page.url()).pathname.split('/').pop()!;
    await expect.poll(() => page.title()).toBe(`补领机动车行驶证 ${number} - 车驾管业务平台`);
    expect(await page.getByTestId('application-result').textContent()).not.toContain(id);

    // The public verification page needs no login.
    const visitor = await newPage(browser, { width: 390, height: 800 });
    await visitor.goto(href!);
    const verdict = visitor.getByTestId('verify-result');
    await expect.poll(() => verdict.getAttribute('data-status')).toBe('valid');
    expect(await verdict.textContent()).toContain('真实有效');
    expect(await visitor.getByTestId('verify-number').textContent()).toBe(number);
    await screenshot(visitor, 'verify-mobile');

    await visitor.goto('/verify/forged-token');
    await expect.poll(() => verdict.getAttribute('data-status')).toBe('invalid');
  });

  it('refuses a temp plate with a printable one-time notice, then issues a correct one', async () => {
    const page = await newPage(browser);
    await login(page, 'clerk.dealer');
    await chooseBusiness(page, 'vehicle.temp-plate');
    await fillApplicant(page);
    await fillTempPlate(page, {
      vin: 'LSJA24U62JG269225',
      days: 45,
      insuranceValidUntil: beijingDate(10),
    });
    await submit(page);

    const notice = page.getByTestId('refusal-notice');
    await notice.waitFor();
    const items = page.getByTestId('refusal-items').locator('tbody tr');
    await expect.poll(() => items.count()).toBe(2);
    const text = await notice.textContent();
    expect(text).toContain('一次性告知书');
    expect(text).toContain('520302********0110');
    expect(text).toContain('遵义宝誉丰田汽车销售服务有限公司');
    expect(await items.nth(0).textContent()).toContain('45 天超过规定上限 30 天');
    expect(await items.nth(1).textContent()).toContain('交强险有效期');
    for (const i of [0, 1]) {
      expect(await items.nth(i).textContent()).toContain('机动车登记规定 第四十七条');
    }
    expect(await page.getByTestId('notice-verify-link').textContent()).toMatch(/\/verify\//);
    await screenshot(page, 'temp-plate-refusal');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'temp-plate-refusal-print');
    expect(await page.locator('.app-chrome').first().isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    // Back to the same form, correct it, and submit again.
    await page.getByTestId('edit-again').click();
    await page.locator('#data_days').fill('30');
    // Enter in a date field confirms the date and files nothing (only 提交 does).
    const filed: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/applications')) filed.push(r.url());
    });
    const date = page.locator('#data_insuranceValidUntil');
    await date.click();
    await date.fill(beijingDate(365));
    await date.press('Enter');
    await expect.poll(() => date.inputValue()).toBe(beijingDate(365));
    await page.waitForTimeout(500);
    expect(filed).toEqual([]);
    await submit(page);
    const plate = page.getByTestId('temp-plate');
    await plate.waitFor();
    expect(await plate.textContent()).toMatch(/^贵C临\d+/);
    await screenshot(page, 'temp-plate-completed');
  });

  it('shows the schema issues under their fields before sending anything, until corrected', async () => {
    const page = await newPage(browser);
    await login(page, 'clerk.dealer');
    await chooseBusiness(page, 'vehicle.temp-plate');
    await page.locator('#applicant_idNumber').fill('520302198505120111');
    await page.locator('#data_vin').fill('LSJA24U62JG26922O');
    await submit(page);
    const form = page.getByTestId('application-form');
    await expect.poll(() => form.textContent()).toContain('公民身份号码校验位错误');
    expect(await form.textContent()).toContain('车辆识别代号不能包含字母I、O、Q');
    expect(await form.textContent()).toContain('此项为必填项'); // the empty name

    // A corrected field loses its message at once; the others keep theirs until fixed.
    await page.locator('#applicant_idNumber').fill(STORY.idNumber);
    await expect.poll(() => form.textContent()).not.toContain('公民身份号码校验位错误');
    expect(await form.textContent()).toContain('车辆识别代号不能包含字母I、O、Q');
  });
});
