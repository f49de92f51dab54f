import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPlate } from '#shared/validators/index.ts';
import { expectAccessible } from './support/a11y.ts';
import {
  beijingDate,
  chooseOption,
  collectErrors,
  launchBrowser,
  login,
  newPage,
} from './support/browser.ts';
import { freePlate, freeVin, importRecords, personId } from './support/driver.ts';

/** A phone-sized screen (CONTRACT: mobile first, 360 px wide and up). */
const PHONE = { width: 360, height: 780 };

/** A C1 licence holder who owns a car, loaded as the migration loads the registries. */
async function driverWithCar(idNumber: string, name: string, plate: string) {
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
}

/** Real-name registration on the phone: the demo answers the code, which the page fills in. */
async function registerOnPhone(
  page: Page,
  p: { idNumber: string; name: string; phone: string; password: string },
) {
  await page.goto('/login');
  await page.getByRole('link', { name: '还没有账号？实名注册' }).click();
  await page.waitForURL('**/citizen/register');
  await page.locator('#idNumber').fill(p.idNumber);
  await page.locator('#name').fill(p.name);
  await page.locator('#phone').fill(p.phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByText('演示模式验证码').waitFor();
  await page.locator('#password').fill(p.password);
  await expectAccessible(page, 'citizen register');
  await page.getByRole('button', { name: '注册', exact: true }).click();
  await page.waitForURL('**/citizen');
}

describe('the citizen pages on a phone', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('checks the registration before sending it, as the server would', async () => {
    const page = await newPage(browser, PHONE);
    const errors = collectErrors(page);
    await page.goto('/citizen/register');
    await page.locator('#idNumber').fill('520302198505120111');
    await page.locator('#name').fill('校验用户');
    await page.locator('#phone').fill('1390000');
    await page.locator('#password').fill('abc');
    await page.locator('#smsCode').fill('123456');
    await page.getByRole('button', { name: '注册', exact: true }).click();
    await page.getByText('公民身份号码校验位错误').waitFor();
    await page.getByText('请填写11位手机号码').waitFor();
    await page.getByText('密码至少12位').waitFor();
    expect(await page.locator('#phone').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'citizen register with errors');
    expect(errors).toEqual([]);
  });

  it('registers, books a window, does a business online, rates it and logs in again', async () => {
    const idNumber = personId('19920303');
    const name = '网上用户';
    const plate = freePlate();
    const phone = `137${String(Date.now()).slice(-8)}`;
    const password = 'citizen-password-1';
    await driverWithCar(idNumber, name, plate);

    const page = await newPage(browser, PHONE);
    const errors = collectErrors(page);

    await registerOnPhone(page, { idNumber, name, phone, password });

    // My licence, points and vehicles.
    await page.getByTestId('cycle-points').waitFor();
    expect(await page.getByTestId('cycle-points').textContent()).toBe('0');
    await page.getByText(formatPlate(plate)).first().waitFor();
    await expectAccessible(page, 'citizen home');

    // A plate that is none is said so at the field, before anything is sent.
    await page.getByRole('textbox', { name: '号牌号码' }).fill('贵C12');
    await page.getByRole('button', { name: '绑定机动车' }).click();
    await page.getByRole('alert').filter({ hasText: '号牌' }).waitFor();
    expect(await page.getByRole('textbox', { name: '号牌号码' }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    await page.getByRole('textbox', { name: '号牌号码' }).fill('');

    // Book a window at the city office, found by its name (a citizen knows no outlet codes).
    await page.locator('#appointment-outlet').click();
    await page.locator('#appointment-outlet').fill('车辆管理所');
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .and(page.getByTitle(/^遵义市公安局交通警察支队车辆管理所（/))
      .click();
    await page.getByRole('button', { name: '查询可预约时段' }).click();
    await page
      .getByRole('button', { name: /^预约 / })
      .first()
      .click();
    await page.getByText('预约成功').waitFor();
    // My appointments name the outlet, not its code.
    await page.getByText('我的预约').waitFor();
    await page
      .locator('.citizen-row')
      .getByText('遵义市公安局交通警察支队车辆管理所', { exact: true })
      .waitFor();

    // Do a business online: replace the vehicle licence of the own car.
    await chooseOption(page, page.locator('#business-plate'), formatPlate(plate));
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

  it('names the button of each violation by its record, in both languages', async () => {
    const idNumber = personId('19940505');
    const name = '两条违法';
    const plate = freePlate();
    const phone = `135${String(Date.now()).slice(-8)}`;
    await driverWithCar(idNumber, name, plate);
    const serial = Date.now();
    await importRecords('violations', [
      {
        id: `E2EN${serial}1`,
        plate,
        code: '1625',
        occurredAt: `${beijingDate(-3)}T08:15:00+08:00`,
        points: 6,
        fine: 200,
      },
      {
        id: `E2EN${serial}2`,
        plate,
        code: '1625',
        occurredAt: `${beijingDate(-2)}T17:40:00+08:00`,
        points: 6,
        fine: 200,
      },
    ]);
    const page = await newPage(browser, PHONE);
    const errors = collectErrors(page);
    await registerOnPhone(page, { idNumber, name, phone, password: 'citizen-password-1' });
    const buttons = page.getByTestId('citizen-violations').getByRole('button');
    await expect.poll(() => buttons.count()).toBe(2);
    const names = async () =>
      Promise.all(
        (await buttons.all()).map(
          async (b) => (await b.getAttribute('aria-label')) ?? (await b.textContent()),
        ),
      );
    // Each name starts with what the button shows and says which record it acts on.
    const shown = formatPlate(plate);
    const zh = await names();
    expect(new Set(zh).size).toBe(2);
    expect(zh[0]).toBe(
      `网上处理（本人驾驶证记分）：${shown}，驾驶机动车违反道路交通信号灯通行的，${beijingDate(-2)} 17:40`,
    );
    expect(zh[1]).toContain(`${beijingDate(-3)} 08:15`);
    await page.getByTestId('lang-en').click();
    await page.getByRole('heading', { name: 'My traffic violations' }).waitFor();
    const en = await names();
    expect(new Set(en).size).toBe(2);
    expect(en[0]).toMatch(
      new RegExp(
        `^Handle online \\(points on my licence\\): ${shown}, .+, ${beijingDate(-2)} 17:40$`,
      ),
    );
    expect(en[1]).toContain(`${beijingDate(-3)} 08:15`);
    expect(errors).toEqual([]);
  });

  it('handles an own violation online and pays it; a bad rating reaches the call-backs', async () => {
    const idNumber = personId('19930404');
    const name = '违法处理人';
    const plate = freePlate();
    const phone = `136${String(Date.now()).slice(-8)}`;
    const password = 'citizen-password-1';
    await driverWithCar(idNumber, name, plate);
    await importRecords('violations', [
      {
        id: `E2EC${Date.now()}`,
        plate,
        code: '1625',
        occurredAt: `${beijingDate(-2)}T08:15:00+08:00`,
        points: 6,
        fine: 200,
      },
    ]);

    const page = await newPage(browser, PHONE);
    const errors = collectErrors(page);
    await registerOnPhone(page, { idNumber, name, phone, password });

    // My violations: the own record, unhandled; handled online, the points on the own licence.
    const violations = page.getByTestId('citizen-violations');
    await violations.getByText('未处理').waitFor();
    await expectAccessible(page, 'citizen violations');
    await page.getByRole('button', { name: '网上处理（本人驾驶证记分）' }).click();
    // Nothing is recorded before the citizen confirms the record, its points and its fine.
    const confirm = page.getByTestId('confirm-handling');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('记 6 分（本记分周期 0 → 6 分）');
    expect(await confirm.textContent()).toContain('罚款 200 元');
    expect(await confirm.textContent()).toContain(formatPlate(plate));
    await expectAccessible(page, 'citizen confirms handling a violation');
    expect(await violations.getByText('未处理').count()).toBe(1);
    await page.getByRole('button', { name: '确认处理' }).click();
    await violations.getByText('已处理未缴款').waitFor();
    await page.getByTestId('cycle-points').filter({ hasText: '6' }).waitFor();
    await expectAccessible(page, 'citizen violation handled, its orange tag');
    // Then the fine, paid online.
    await page.getByRole('button', { name: '缴纳罚款 200 元' }).click();
    await violations.getByText('已缴款').waitFor();
    await expectAccessible(page, 'citizen violation paid, its green tag');

    // A bad rating of the handling: one star, chosen once the payment's application has joined
    // the list (read again after the payment) and seen chosen before it is sent. Sent as it
    // stood before, it could be the default five stars: a good rating opens no call-back.
    const rateable = page.locator('.ant-list-item', {
      has: page.getByRole('button', { name: '提交评价' }),
    });
    await expect.poll(() => rateable.count()).toBe(2);
    const rated = rateable.last();
    await rated.locator('.ant-rate-star').first().click();
    await expect.poll(() => rated.locator('.ant-rate-star-full').count()).toBe(1);
    await rated.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('感谢您的评价').waitFor();
    expect(errors).toEqual([]);
    await page.getByRole('button', { name: '退出登录' }).click();

    // The call-back it opened, on the service quality page (the city's administrator, at a desk).
    const desk = await newPage(browser);
    const deskErrors = collectErrors(desk);
    await login(desk, 'admin');
    await desk.goto('/service');
    const callbacks = desk.getByTestId('callbacks');
    await callbacks.getByText('差评').first().waitFor();
    await callbacks.getByText('NET').first().waitFor();
    await desk.getByTestId('handling-times').waitFor();
    await expectAccessible(desk, 'service quality page');
    await desk.getByTestId('lang-en').click();
    await desk.getByRole('heading', { name: 'Service quality', exact: true }).waitFor();
    await desk.getByTestId('callbacks').getByText('Bad rating').first().waitFor();
    await expectAccessible(desk, 'service quality page in English');
    await desk.getByTestId('lang-zh').click();

    // The call-back made: its outcome written down, it leaves the open list. Followed by its id:
    // the list is a page of a city-wide list, which other tests' call-backs also join.
    const row = callbacks.locator('tr[data-row-key]', { has: desk.getByTestId('record-callback') });
    const id = await row.first().getAttribute('data-row-key');
    expect(id).toBeTruthy();
    await row.first().getByTestId('record-callback').click();
    await desk.getByLabel('回访记录').fill('已致电，群众对处理结果不满意，已解释');
    await expectAccessible(desk, 'call-back dialog');
    await desk.getByRole('dialog').getByRole('button', { name: '登记结果' }).click();
    await desk.getByText('回访结果已登记').waitFor();
    await expect.poll(() => callbacks.locator(`tr[data-row-key="${id}"]`).count()).toBe(0);
    expect(deskErrors).toEqual([]);
  });
});
