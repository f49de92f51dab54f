import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/a11y.ts';
import { beijingDate, collectErrors, launchBrowser, login, newPage } from './support/browser.ts';
import { freePlate, freeVin, importRecords, personId } from './support/driver.ts';

/** A phone-sized screen (CONTRACT: mobile first, 360 px wide and up). */
const PHONE = { width: 360, height: 780 };

describe('the citizen pages on a phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('registers, books a window, does a business online, rates it and logs in again', async () => {
    const idNumber = personId('19920303');
    const name = '网上用户';
    const plate = freePlate();
    const phone = `137${String(Date.now()).slice(-8)}`;
    const password = 'citizen-password-1';
    await importRecords('licences', [
      {
        idNumber,
        name,
        licenceNo: idNumber,
        classes: ['C1'],
        firstIssuedOn: '2015-03-15',
        validUntil: '2031-03-15',
      },
    ]);
    await importRecords('vehicles', [
      {
        vin: freeVin(),
        plate,
        vehicleType: 'small-car',
        useNature: 'non-operating',
        seats: 5,
        owner: { idNumber, name },
        registeredOn: '2020-05-01',
        manufacturedOn: '2020-01-01',
        inspectionValidUntil: beijingDate(300),
      },
    ]);

    const page = await newPage(browser, PHONE);
    const errors = collectErrors(page);

    // Register: the demo answers the code, which the page fills in.
    await page.goto('/login');
    await page.getByRole('link', { name: '还没有账号？实名注册' }).click();
    await page.waitForURL('**/citizen/register');
    await page.locator('#idNumber').fill(idNumber);
    await page.locator('#name').fill(name);
    await page.locator('#phone').fill(phone);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText('演示模式验证码').waitFor();
    await page.locator('#password').fill(password);
    await expectAccessible(page, 'citizen register');
    await page.getByRole('button', { name: '注册', exact: true }).click();
    await page.waitForURL('**/citizen');

    // My licence, points and vehicles.
    await page.getByTestId('cycle-points').waitFor();
    expect(await page.getByTestId('cycle-points').textContent()).toBe('0');
    await page.getByText(plate).first().waitFor();
    await expectAccessible(page, 'citizen home');

    // Book a window at the city office.
    await page.locator('#appointment-outlet').fill('520302-CO-001');
    await page.getByRole('button', { name: '查询可预约时段' }).click();
    await page
      .getByRole('button', { name: /^预约 / })
      .first()
      .click();
    await page.getByText('预约成功').waitFor();

    // Do a business online: replace the vehicle licence of the own car.
    await page.locator('#business-plate').click();
    await page.getByTitle(plate).click();
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('status').filter({ hasText: /申请/ }).first().waitFor();

    // Follow it and rate it.
    await page.getByRole('button', { name: '提交评价' }).first().click();
    await page.getByText('感谢您的评价').waitFor();
    await expectAccessible(page, 'citizen home after business');
    await page.getByTestId('lang-en').click();
    await page.getByRole('heading', { name: 'My driving licence' }).waitFor();
    await expectAccessible(page, 'citizen home in English');
    await page.getByTestId('lang-zh').click();

    // Log out and in again by phone: the citizen's home.
    await page.getByRole('button', { name: '退出登录' }).click();
    await login(page, phone, password);
    expect(new URL(page.url()).pathname).toBe('/citizen');
    expect(errors).toEqual([]);
  });
});
