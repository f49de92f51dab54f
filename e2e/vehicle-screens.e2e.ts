import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/a11y.ts';
import {
  collectErrors,
  launchBrowser,
  login,
  newPage,
  screenshot,
  settled,
} from './support/browser.ts';
import { apiAs, registryVehicle } from './support/workstation.ts';

/**
 * The vehicle screens beyond the window desk, in both languages: the vehicle file with the
 * police flags, an inspection station's result form, the lane page of a supervisor, and the
 * public check of a document by its number. Each is used as its users use it, and axe-core finds
 * nothing serious or critical on any of them.
 */
describe.each(['zh-CN', 'en'] as const)('vehicle screens in %s', (language) => {
  let browser: Browser;
  let errors: string[] = [];
  const zh = language === 'zh-CN';
  // Each language works on vehicles of its own (normal demo vehicles, server/src/demo).
  const plate = zh ? '贵CA0031' : '贵CA0032';
  const inspected = zh ? '贵CA0033' : '贵CA0034';
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

  it('vehicle file: police seize a vehicle and lift the seizure', async () => {
    const page = await open();
    await login(page, 'clerk.police');
    await page.getByRole('menuitem', { name: zh ? '车辆档案' : 'Vehicle files' }).click();
    await page.getByTestId('vehicle-query').fill(plate);
    await page.getByTestId('vehicle-open').click();
    await page.getByTestId('vehicle-file').waitFor();
    await page.getByTestId('vehicle-history').locator('tbody tr').first().waitFor();
    await expectAccessible(page, 'vehicle file');

    await page.getByTestId('flag-set').click();
    const dialog = page.getByRole('dialog');
    await settled(dialog);
    await dialog.locator('.ant-btn-primary').click();
    await dialog.locator('.ant-form-item-explain-error').first().waitFor();
    await expectAccessible(page, 'set-flag dialog with errors');
    await dialog.getByTestId('flag-reason').fill('涉案车辆，依法查封');
    await dialog.getByTestId('flag-authority').fill('遵义市红花岗区人民法院');
    await dialog.locator('.ant-btn-primary').click();
    await dialog.waitFor({ state: 'detached' });
    const flags = page.getByTestId('vehicle-flags');
    await expect.poll(() => flags.getByTestId('flag-kind').count()).toBe(1);
    await expect
      .poll(() => page.getByTestId('vehicle-card').textContent())
      .toContain(zh ? '查封' : 'Seized');
    await screenshot(page, `vehicle-file-seized-${language}`);

    // By the keyboard: the lifted flag's row goes, with the button that opened the dialog.
    await page.getByTestId('flag-lift-seized').focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await expectAccessible(page, 'lift-flag dialog');
    await settled(dialog);
    await dialog.locator('.ant-btn-primary').focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => flags.getByTestId('flag-kind').count()).toBe(0);
    // The focus is not lost to the page's body: it is on the title of the flags.
    await expect
      .poll(() => page.evaluate('document.activeElement?.textContent'))
      .toBe(zh ? '查封与被盗抢骗标记' : 'Seizure and stolen flags');
    const history = await page.getByTestId('vehicle-history').textContent();
    expect(history).toContain(zh ? '解除查封' : 'Seizure lifted');
    await expectAccessible(page, 'vehicle file after the flag was lifted');

    // A plate found nowhere, then text that is no plate: each closes the file shown before.
    for (const query of ['贵Z99999', 'abc']) {
      await page.getByTestId('vehicle-open').click();
      await page.getByTestId('vehicle-file').waitFor();
      await page.getByTestId('vehicle-query').fill(query);
      await page.getByTestId('vehicle-open').click();
      await page.getByTestId('vehicle-file').waitFor({ state: 'detached' });
      await page.getByRole('alert').first().waitFor();
      await page.getByTestId('vehicle-query').fill(plate);
    }
    expect(errors).toEqual([]);
  });

  it('inspection station: records an inspection and gets its report number', async () => {
    const page = await open();
    await login(page, 'clerk.station');
    await page.getByRole('menuitem', { name: zh ? '检验结果录入' : 'Inspection results' }).click();
    await page.getByTestId('inspection-form').waitFor();
    await page.getByTestId('inspection-submit').click();
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    await expectAccessible(page, 'inspection form with errors');

    await page.getByTestId('inspection-plate').fill(inspected);
    for (const [field, time] of [
      ['#data_startedAt', '2026-11-30 09:00'],
      ['#data_finishedAt', '2026-11-30 09:25'],
    ]) {
      await page.locator(field!).click();
      await page.locator(field!).fill(time!);
      await page.locator(field!).press('Enter');
    }
    await page.getByTestId('inspection-inspector').fill('赵检验');
    await page.getByTestId('inspection-submit').click();
    const recorded = page.getByTestId('inspection-recorded');
    await recorded.waitFor();
    const shown = await page.getByTestId('inspection-report-no').textContent();
    expect(shown).toMatch(/\d{6,}/);
    const reportNo = shown!.match(/[A-Z0-9]{10,}/)![0];
    await expectAccessible(page, 'inspection recorded');
    expect(errors).toEqual([]);

    // The report is in the vehicle's file, named in the page's language.
    const police = await open();
    await login(police, 'clerk.police');
    await police.getByRole('menuitem', { name: zh ? '车辆档案' : 'Vehicle files' }).click();
    await police.getByTestId('vehicle-query').fill(inspected);
    await police.getByTestId('vehicle-open').click();
    const entry = police.getByTestId('vehicle-history').locator('tr[data-kind="inspection"]');
    await expect.poll(() => entry.count()).toBe(1);
    const text = await entry.textContent();
    expect(text).toContain(reportNo);
    expect(text).toContain(zh ? '机动车安全技术检验报告' : 'Safety inspection report');
    expect(text).toContain(zh ? '检验合格' : 'Passed');
    expect(errors).toEqual([]);
  });

  it('registration lane: a supervisor chooses the office to watch', async () => {
    const page = await open();
    await login(page, 'sup.city');
    await page.getByRole('menuitem', { name: zh ? '登记通道' : 'Registration lane' }).click();
    await page.locator('#lane-office').waitFor();
    await expectAccessible(page, 'lane page of a supervisor');
    expect(errors).toEqual([]);
  });

  it('public verification: a document checked by its printed number names its office', async () => {
    const reissue = await apiAs<{ result: { documents: { number: string }[] } }>(
      'clerk.city',
      '/applications',
      {
        method: 'POST',
        body: {
          businessType: 'vehicle.licence-reissue',
          applicant: (await registryVehicle(plate)).owner,
          data: { plate },
        },
      },
    );
    const number = reissue.result.documents[0]!.number;

    const page = await open();
    await page.goto('/verify');
    await page.getByTestId('verify-check').click();
    await page.locator('.ant-form-item-explain-error').waitFor();
    await expectAccessible(page, 'verification by number, empty');
    await page.getByTestId('verify-number-input').fill(number);
    await page.getByTestId('verify-check').click();
    const verdict = page.getByTestId('verify-result');
    await expect.poll(() => verdict.getAttribute('data-status')).toBe('valid');
    expect(await page.getByTestId('verify-number').textContent()).toBe(number);
    expect(await page.getByTestId('verify-issuer').textContent()).toContain('车辆管理所');
    expect(new URL(page.url()).searchParams.get('number')).toBe(number);
    // Its links stay public: nothing leads to the staff login.
    const links = await page
      .locator('a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links.filter((href) => href === '/' || href?.startsWith('/login'))).toEqual([]);
    await expectAccessible(page, 'verification by number');
    await screenshot(page, `verify-by-number-${language}`);
    expect(errors).toEqual([]);
  });
});
