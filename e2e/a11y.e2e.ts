import type { Browser, Page } from 'playwright-core';
import { withVinCheckDigit } from '#shared/validators/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/a11y.ts';
import { beijingDate, collectErrors, launchBrowser, login, newPage } from './support/browser.ts';
import {
  chooseBusiness,
  fillApplicant,
  fillTempPlate,
  ownerOf,
  STORY,
  submit,
  submitPlateReissue,
} from './support/workstation.ts';

/**
 * Every screen, in both languages, as its users reach it: axe-core finds nothing serious or
 * critical (support/a11y.ts), and the page reports no error on its console.
 */
describe.each(['zh-CN', 'en'])('accessibility of every screen in %s', (language) => {
  let browser: Browser;
  let errors: string[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A page in the language under test, whose errors the test checks at its end. */
  async function open(viewport?: { width: number; height: number }): Promise<Page> {
    const page = await newPage(browser, viewport);
    await page.addInitScript(`localStorage.setItem('cheguan.lang', '${language}')`);
    errors = collectErrors(page);
    return page;
  }

  it('login', async () => {
    const page = await open();
    await page.goto('/login');
    await page.locator('#username').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe(language);
    await expectAccessible(page, 'login');
    await page.locator('#username').fill('admin');
    await page.locator('#password').fill('not-the-password');
    await page.locator('button[type=submit]').click();
    await page.getByRole('alert').waitFor();
    await expectAccessible(page, 'login refused');
    expect(errors).toEqual([]);
  });

  it('workstation: picker, form with errors, vehicle, result, application page', async () => {
    const page = await open();
    await login(page, 'clerk.city');
    await page.getByTestId('type-vehicle.licence-reissue').waitFor();
    await expectAccessible(page, 'workstation');
    await chooseBusiness(page, 'vehicle.licence-reissue');
    await submit(page);
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    await expectAccessible(page, 'form with errors');
    await fillApplicant(page);
    await page.locator('#data_plate').fill(STORY.plate);
    await page.getByTestId('lookup-vehicle').click();
    await page.getByTestId('vehicle-card').waitFor();
    await expectAccessible(page, 'vehicle look-up');
    await submit(page);
    await page.getByTestId('documents').waitFor();
    await expectAccessible(page, 'result');
    const verifyHref = await page.getByTestId('verify-link').getAttribute('href');
    await page.getByTestId('recent-applications').getByRole('link').first().click();
    await page.waitForURL((url) => url.pathname.startsWith('/applications/'));
    await page.getByTestId('application-result').waitFor();
    await expectAccessible(page, 'application page');
    await page.goto(verifyHref!);
    await page.locator('[data-testid=verify-result][data-status=valid]').waitFor();
    await expectAccessible(page, 'verification of a genuine document');
    expect(errors).toEqual([]);
  });

  it('workstation: refusal notice', async () => {
    const page = await open();
    await login(page, 'clerk.dealer');
    await chooseBusiness(page, 'vehicle.temp-plate');
    await fillApplicant(page);
    await fillTempPlate(page, {
      vin: withVinCheckDigit(language === 'en' ? 'LSJA24U60JG300001' : 'LSJA24U60JG300002'),
      days: 45,
      insuranceValidUntil: beijingDate(365),
    });
    await submit(page);
    await page.getByTestId('refusal-notice').waitFor();
    await expectAccessible(page, 'refusal notice');
    expect(errors).toEqual([]);
  });

  it('lifecycle: receipt, progress, event dialogs, a refused step, its history', async () => {
    const page = await open();
    await login(page, 'clerk.city');
    // A vehicle of its own per language: a reissue in progress would refuse the second one.
    const plate = language === 'en' ? '贵CA0002' : '贵CA0001';
    await submitPlateReissue(page, plate, await ownerOf(plate));
    await expectAccessible(page, 'acceptance receipt');
    await page.getByTestId('open-application').click();
    await page.getByTestId('event-withdraw').waitFor();
    await expectAccessible(page, 'application in progress');
    const dialog = page.getByRole('dialog');
    await page.getByTestId('event-withdraw').click();
    await dialog.waitFor();
    await expectAccessible(page, 'withdrawal confirmation');
    await dialog.getByRole('button', { name: language === 'en' ? 'Cancel' : '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('event-plate-produced').click();
    await dialog.waitFor();
    await expectAccessible(page, 'event dialog');
    await page.locator('#data_batchNo').press('Enter');
    await page.getByTestId('event-plate-handed-over').click();
    await page.locator('#data_collectorIdNumber').press('Enter');
    await dialog.locator('.ant-form-item-explain-error').waitFor();
    await expectAccessible(page, 'event dialog with errors');
    await page.locator('#data_collectorIdNumber').fill('520302199003070015');
    await page.locator('#data_collectorIdNumber').press('Enter');
    await page.getByTestId('refusal-notice').waitFor();
    await expectAccessible(page, 'refused step notice');
    await page.getByTestId('back-to-application').click();
    await page.getByTestId('history').getByRole('button').waitFor();
    await expectAccessible(page, 'history with a refused step');
    expect(errors).toEqual([]);
  });

  it('workstation of an outlet that may accept nothing', async () => {
    const page = await open();
    // Exam sites take no application at their own window (banks now have mortgage forms).
    await login(page, 'clerk.exam');
    await page.getByTestId('no-business').waitFor();
    await expectAccessible(page, 'workstation without business');
    expect(errors).toEqual([]);
  });

  it('admin: network, outlet, agreements, delegation, policies', async () => {
    const page = await open();
    await login(page, 'admin');
    await page.getByTestId('category-counts').locator('tbody tr').first().waitFor();
    await page.getByTestId('outlet-table').locator('tbody tr[data-row-key]').first().waitFor();
    await expectAccessible(page, 'network');
    await page.getByTestId('outlet-table').getByRole('button').first().click();
    await page.getByTestId('outlet-drawer').waitFor();
    await expectAccessible(page, 'outlet drawer');

    await page.goto('/admin/agreements');
    await page.locator('.ant-table-tbody tr[data-row-key]').first().waitFor();
    await expectAccessible(page, 'agreements');

    await page.goto('/admin/delegation');
    await page.getByTestId('delegation-matrix').getByRole('checkbox').first().waitFor();
    await expectAccessible(page, 'delegation matrix');

    await page.goto('/admin/policies');
    await page.getByTestId('add-policy-version').click();
    await page.getByRole('dialog').waitFor();
    await expectAccessible(page, 'policy form');
    // Confirming the empty form shows what is missing, and nothing breaks.
    await page.getByRole('dialog').locator('button.ant-btn-primary').click();
    await page.getByRole('dialog').locator('.ant-form-item-explain-error').first().waitFor();
    await expectAccessible(page, 'policy form with errors');
    expect(errors).toEqual([]);
  });

  it('supervisor: supervision and the read-only matrix', async () => {
    const page = await open();
    await login(page, 'sup.county');
    await page.getByTestId('tab-alerts').waitFor();
    await expectAccessible(page, 'supervision');
    await page.goto('/admin/network');
    await page.getByTestId('outlet-table').locator('tbody tr[data-row-key]').first().waitFor();
    await expectAccessible(page, 'network of a county supervisor');
    await page.goto('/admin/delegation');
    await page.getByTestId('cell-vehicle.temp-plate-dealer').waitFor();
    await expectAccessible(page, 'read-only delegation matrix');
    expect(errors).toEqual([]);
  });

  it('the menu on a phone', async () => {
    const page = await open({ width: 390, height: 800 });
    await login(page, 'admin');
    const toggle = page.getByTestId('menu-toggle');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem').first().waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await expectAccessible(page, 'menu on a phone');
    expect(errors).toEqual([]);
  });

  it('public verification page, on a phone', async () => {
    const page = await open({ width: 390, height: 800 });
    await page.goto('/verify/forged-token');
    await page.locator('[data-testid=verify-result][data-status=invalid]').waitFor();
    await expectAccessible(page, 'verification of a forged token');
    expect(errors).toEqual([]);
  });
});
