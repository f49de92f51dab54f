import type { Browser, Page } from 'playwright-core';
import { withVinCheckDigit } from '#shared/validators/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/a11y.ts';
import { focused } from './support/keyboard.ts';
import {
  beijingDate,
  chooseOption,
  collectErrors,
  launchBrowser,
  login,
  newPage,
} from './support/browser.ts';
import {
  chooseBusiness,
  fillApplicant,
  fillTempPlate,
  ownerOf,
  STORY,
  submit,
  submitPlateReissue,
} from './support/workstation.ts';

/** Each account's landing page and each screen of its menu not checked with its story below. */
const SCREENS: [account: string, path: string][] = [
  ['clerk.city', '/vehicles'],
  ['clerk.city', '/drivers'],
  ['clerk.city', '/exam-sessions'],
  ['clerk.city', '/service'],
  ['clerk.city', '/lane'],
  ['clerk.county', '/workstation'],
  ['clerk.police', '/workstation'],
  ['clerk.market', '/workstation'],
  ['clerk.bank', '/workstation'],
  ['clerk.insurer', '/workstation'],
  ['clerk.post', '/workstation'],
  ['clerk.hospital', '/hospital'],
  ['clerk.station', '/inspections'],
  ['clerk.exam', '/exam-site'],
  ['sup.city', '/antifraud'],
  ['sup.city', '/antifraud?tab=cases'],
  ['sup.city', '/drivers'],
  ['admin', '/service'],
  ...['dashboard', 'exams', 'reviews', 'stations', 'draws', 'bulletins', 'network'].map(
    (tab): [string, string] => ['sup.city', `/supervision?tab=${tab}`],
  ),
];

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
    // 中文 is read in Chinese on an English page, EN in English on a Chinese one.
    const other = language === 'en' ? 'zh-CN' : 'en';
    const shown = page.getByTestId(other === 'en' ? 'lang-en' : 'lang-zh').locator('[lang]');
    expect(await shown.getAttribute('lang')).toBe(other);
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
    // The dialog is unmounted when it closes: the focus is given back to its button all the same.
    await expect.poll(() => focused(page, '[data-testid=event-withdraw]')).toBe(true);
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

  it.each(SCREENS)('%s at %s', async (account, path) => {
    const page = await open();
    await login(page, account);
    await page.goto(path);
    await page.locator('h3').first().waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, `${path} of ${account}`);
    expect(errors).toEqual([]);
  });

  it('files not found, nothing asked yet, an unknown application', async () => {
    const page = await open();
    await login(page, 'clerk.city');
    await page.goto('/vehicles');
    await page.getByTestId('vehicle-query').waitFor();
    await expectAccessible(page, 'vehicle file, nothing asked yet');
    await page.goto(`/vehicles/${withVinCheckDigit('LSJA24U60JG399990')}`);
    await page.locator('.ant-alert').waitFor();
    await expectAccessible(page, 'vehicle not on file');
    await page.goto('/drivers/110101199003070017');
    await page.locator('.ant-alert').waitFor();
    await expectAccessible(page, 'driver not on file');
    await page.goto('/applications/00000000-0000-4000-8000-000000000000');
    await page.locator('.ant-alert').waitFor();
    await expectAccessible(page, 'unknown application');
    expect(errors).toEqual([]);
  });

  it('admin: users, a search, the password dialog, the focus back', async () => {
    const page = await open();
    await login(page, 'admin');
    await page.goto('/admin/users');
    const table = page.getByTestId('user-table');
    await table.locator('tbody tr[data-row-key]').first().waitFor();
    await expectAccessible(page, 'users');
    const search = page.locator('.ant-input-search input');
    await search.fill('clerk');
    await search.press('Enter');
    // The field's clear button, named in the language of the page (its icon alone is hidden).
    const clear = language === 'en' ? 'Clear' : '清除';
    await page.getByRole('button', { name: clear, exact: true }).waitFor();
    await table.locator('tbody tr[data-row-key="clerk.city"]').waitFor();
    await expectAccessible(page, 'users found');
    const resetLabel = language === 'en' ? 'Reset password' : '重置密码';
    const reset = table
      .locator('tbody tr[data-row-key="clerk.city"]')
      .getByRole('button', { name: resetLabel });
    await reset.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expectAccessible(page, 'password dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    const focus =
      "document.activeElement?.closest('tr')?.dataset.rowKey + ' ' + document.activeElement?.textContent";
    await expect.poll(() => page.evaluate(focus)).toBe(`clerk.city ${resetLabel}`);
    // The deactivation's confirmation takes the focus on its button, and gives it back.
    const deactivate = language === 'en' ? 'Deactivate' : '停用';
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(focus)).toBe(`clerk.city ${deactivate}`);
    await page.keyboard.press('Enter');
    const inConfirmation =
      "document.activeElement?.closest('.ant-popover') && document.activeElement.textContent";
    await expect.poll(() => page.evaluate(inConfirmation)).toBe(language === 'en' ? 'OK' : '确定');
    await expectAccessible(page, 'deactivation confirmation');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter'); // cancel
    await page.getByRole('tooltip').waitFor({ state: 'hidden' });
    await expect.poll(() => page.evaluate(focus)).toBe(`clerk.city ${deactivate}`);
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
    await page.keyboard.press('Escape');
    await chooseOption(
      page,
      page.getByRole('combobox', { name: language === 'en' ? 'Category' : '网点类别' }),
      language === 'en' ? 'Dealer station' : '汽车销售企业服务站',
    );
    // antd names a select's clear button "Clear" whatever the language.
    expect(await page.locator('.filters .ant-select-clear').getAttribute('aria-label')).toBe(
      language === 'en' ? 'Clear' : '清除',
    );
    await expectAccessible(page, 'network filtered');

    await page.goto('/admin/agreements');
    await page.locator('.ant-table-tbody tr[data-row-key]').first().waitFor();
    await expectAccessible(page, 'agreements');

    await page.goto('/admin/delegation');
    await page.getByTestId('delegation-matrix').getByRole('checkbox').first().waitFor();
    await expectAccessible(page, 'delegation matrix');

    await page.goto('/admin/policies');
    // The legal basis of a version in the page's language (the server cites it in Chinese).
    const basis =
      language === 'en'
        ? 'Provisions on Motor Vehicle Registration Art. 47'
        : '机动车登记规定 第四十七条';
    await page.getByRole('cell', { name: basis, exact: true }).first().waitFor();
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
