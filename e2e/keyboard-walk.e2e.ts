import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPlate } from '#shared/validators/index.ts';
import { beijingDate, collectErrors, launchBrowser, login, newPage } from './support/browser.ts';
import { freePlate, freeVin, importRecords, personId } from './support/driver.ts';
import { focused, tabTo } from './support/keyboard.ts';
import { problemsOf, walk } from './support/walk.ts';

const PHONE = { width: 390, height: 800 };

/**
 * The keyboard alone, in both languages: the citizen pages on a phone and the desks of a
 * hospital, an exam site and an inspection station. Every control the Tab key reaches is named,
 * shows its focus, and speaks the page's language (support/walk.ts).
 */
describe.each(['zh-CN', 'en'] as const)('keyboard only, in %s', (language) => {
  let browser: Browser;
  let errors: string[] = [];
  const zh = language === 'zh-CN';
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(viewport?: { width: number; height: number }): Promise<Page> {
    const page = await newPage(browser, viewport);
    await page.addInitScript(`localStorage.setItem('cheguan.lang', '${language}')`);
    errors = collectErrors(page);
    return page;
  }

  it('a citizen registers, binds a vehicle, books, does a business and rates it', async () => {
    const idNumber = personId('19930404');
    const name = '键盘用户';
    const plate = freePlate();
    const other = freePlate();
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
    const car = (p: string, owner: { idNumber: string; name: string }) => ({
      vin: freeVin(),
      plate: p,
      vehicleType: 'small-car',
      useNature: 'non-operating',
      seats: 5,
      owner,
      registeredOn: '2020-05-01',
      manufacturedOn: '2020-01-01',
      inspectionValidUntil: beijingDate(300),
    });
    await importRecords('vehicles', [
      car(plate, { idNumber, name }),
      car(other, { idNumber: personId('19700101'), name: '亲属' }),
    ]);
    const page = await open(PHONE);
    await page.goto('/citizen/register');
    await page.locator('#idNumber').waitFor();
    expect(problemsOf(await walk(page, language)), 'register').toEqual([]);

    // Registration, by the keyboard alone.
    await page.locator('#idNumber').focus();
    await page.keyboard.type(idNumber);
    await tabTo(page, '#name');
    await page.keyboard.type(name);
    await tabTo(page, '#phone');
    await page.keyboard.type(`136${String(Date.now()).slice(-8)}`);
    await tabTo(page, 'button', 2); // past the code's field to its button
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#smsCode').inputValue()).toMatch(/^\d{6}$/);
    await tabTo(page, '#password');
    await page.keyboard.type('keyboard-password-1');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/citizen');
    await page.getByTestId('cycle-points').waitFor();
    expect(problemsOf(await walk(page, language)), 'my page').toEqual([]);

    // Bind a relative's vehicle, and unbind it: the focus stays in the list of vehicles.
    const plateField = page.getByRole('textbox', { name: zh ? '号牌号码' : 'Plate number' });
    await plateField.focus();
    await page.keyboard.type(other);
    await page.keyboard.press('Enter');
    const unbind = page.getByRole('button', {
      name: zh ? `解除绑定 ${formatPlate(other)}` : `Unbind ${formatPlate(other)}`,
    });
    await unbind.waitFor();
    await unbind.focus();
    await page.keyboard.press('Enter');
    await unbind.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate('document.activeElement?.tagName')).not.toBe('BODY');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe(
      zh ? '我的机动车' : 'My vehicles',
    );

    const openList = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    // Book a window: the outlet found by typing its name, a slot, then cancelled again.
    await page.locator('#appointment-outlet').focus();
    await page.keyboard.type('车辆管理所');
    await openList.locator('.ant-select-item-option').first().waitFor();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#appointment-outlet').getAttribute('aria-expanded'))
      .toBe('false');
    await tabTo(page, 'button:not([disabled])', 6); // past the date's fields
    await page.keyboard.press('Enter');
    const slot = page.getByRole('button', { name: zh ? /^预约 / : /^Book / }).first();
    await slot.waitFor();
    await slot.focus();
    await page.keyboard.press('Enter');
    const cancel = page.getByRole('button', { name: zh ? /^取消预约/ : /^Cancel the appointment/ });
    await cancel.waitFor();
    expect(problemsOf(await walk(page, language)), 'my page with an appointment').toEqual([]);
    await cancel.focus();
    await page.keyboard.press('Enter');
    await cancel.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate('document.activeElement?.tagName')).not.toBe('BODY');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe(
      zh ? '预约办理' : 'Book an appointment',
    );

    // A business online for the own car, then its rating: the stars by the arrow keys.
    await page.locator('#business-plate').focus();
    await page.keyboard.press('Enter');
    await openList.locator('.ant-select-item-option').first().waitFor();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#business-plate').getAttribute('aria-expanded'))
      .toBe('false');
    await tabTo(page, 'button');
    await page.keyboard.press('Enter');
    const star = page.getByRole('radio', { name: zh ? '5 分（共 5 分）' : '5 of 5' });
    await star.waitFor();
    expect(problemsOf(await walk(page, language)), 'my page with an application').toEqual([]);
    await star.focus();
    await page.keyboard.press('ArrowLeft');
    await expect
      .poll(() => page.getByRole('radio', { name: zh ? '4 分（共 5 分）' : '4 of 5' }).isChecked())
      .toBe(true);
    await tabTo(page, 'button');
    await page.keyboard.press('Enter');
    await page.getByText(zh ? '感谢您的评价' : 'Thank you for your rating').waitFor();
    expect(errors).toEqual([]);
  });

  it('a citizen’s violations on a phone: handled and paid by the keyboard alone', async () => {
    const idNumber = personId('19880808');
    const name = '违法键盘';
    const plate = freePlate();
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
    const stamp = `${Date.now()}`.slice(-9);
    await importRecords('violations', [
      {
        id: `KBV${stamp}A`,
        plate,
        code: '1625',
        occurredAt: `${beijingDate(-3)}T08:15:00+08:00`,
        points: 6,
        fine: 200,
      },
      {
        id: `KBV${stamp}B`,
        plate,
        code: '1625',
        occurredAt: `${beijingDate(-2)}T09:30:00+08:00`,
        points: 6,
        fine: 200,
      },
    ]);
    const page = await open(PHONE);
    await page.goto('/citizen/register');
    await page.locator('#idNumber').fill(idNumber);
    await page.locator('#name').fill(name);
    await page.locator('#phone').fill(`137${String(Date.now()).slice(-8)}`);
    await page.getByRole('button', { name: zh ? '获取验证码' : 'Get code' }).click();
    await expect.poll(() => page.locator('#smsCode').inputValue()).toMatch(/^\d{6}$/);
    await page.locator('#password').fill('keyboard-password-2');
    await page.locator('#password').press('Enter');
    await page.waitForURL('**/citizen');
    const card = page.getByTestId('citizen-violations');
    const handle = card.getByRole('button', { name: zh ? /^网上处理/ : /^Handle online/ });
    await expect.poll(() => handle.count()).toBe(2);
    expect(problemsOf(await walk(page, language)), 'my violations').toEqual([]);

    // The earlier one handled: confirmed in the dialog, whose stops are walked too.
    const first = handle.first();
    await first.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('confirm-handling').waitFor();
    expect(problemsOf(await walk(page, language)), 'the confirmation').toEqual([]);
    await dialog.getByRole('button', { name: zh ? '确认处理' : 'Confirm and handle' }).focus();
    await page.keyboard.press('Enter');
    // The handled record's button is now its fine's: the focus is on it, not lost.
    const pay = card.getByRole('button', { name: zh ? /^缴纳罚款/ : /^Pay the fine/ });
    await pay.waitFor();
    await expect.poll(() => pay.evaluate((b) => b === b.ownerDocument.activeElement)).toBe(true);
    expect(problemsOf(await walk(page, language)), 'a violation handled').toEqual([]);

    // Its fine paid: the record keeps no button, the focus goes to the other record's.
    await pay.focus();
    await page.keyboard.press('Enter');
    await pay.waitFor({ state: 'detached' });
    await expect
      .poll(() => handle.first().evaluate((b) => b === b.ownerDocument.activeElement))
      .toBe(true);
    expect(problemsOf(await walk(page, language)), 'a violation paid').toEqual([]);
    expect(errors).toEqual([]);
  });

  it.each([
    ['clerk.hospital', '/hospital'],
    ['clerk.exam', '/exam-site'],
    ['clerk.station', '/inspections'],
  ])('%s: the form at %s, empty and refused for what is missing', async (account, path) => {
    const page = await open();
    await login(page, account);
    await page.goto(path);
    await page.locator('form button[type=submit]').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(problemsOf(await walk(page, language)), `${path} empty`).toEqual([]);
    await page.locator('form button[type=submit]').first().focus();
    await page.keyboard.press('Enter');
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    expect(problemsOf(await walk(page, language)), `${path} with errors`).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('the tabs on a phone: each one in view and reached by the arrow keys, none behind a "more" menu', async () => {
    const page = await open(PHONE);
    await login(page, 'sup.city');
    await page.goto('/supervision');
    const tabs = page.getByRole('tab');
    await tabs.first().waitFor();
    // The tabs wrap onto more lines instead of hiding some behind a menu of their own.
    expect(
      await page.getByRole('button', { name: zh ? '更多' : 'More', exact: true }).count(),
    ).toBe(0);
    const boxes = await tabs.evaluateAll((all) =>
      all.map((tab) => {
        const r = tab.getBoundingClientRect();
        return (
          r.width > 0 && r.left >= 0 && r.right <= (tab.ownerDocument.defaultView?.innerWidth ?? 0)
        );
      }),
    );
    expect(boxes.length).toBeGreaterThan(1);
    expect(boxes.every(Boolean)).toBe(true);
    await tabs.first().focus();
    await page.keyboard.press('ArrowRight');
    expect(await tabs.nth(1).evaluate((t) => t === t.ownerDocument.activeElement)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('a number field: stepped by the arrow keys, its mouse-only arrows not announced', async () => {
    const page = await open();
    await login(page, 'clerk.exam');
    await page.goto('/exam-site');
    const score = page.locator('#score');
    await score.waitFor();
    expect(await page.getByRole('button', { name: /Increase Value|Decrease Value/ }).count()).toBe(
      0,
    );
    expect(
      await page
        .locator('.ant-input-number-action')
        .evaluateAll((arrows) => arrows.map((a) => a.getAttribute('aria-hidden'))),
    ).toEqual(['true', 'true']);
    await score.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await score.inputValue()).toBe('2');
    expect(await score.getAttribute('aria-valuenow')).toBe('2');
    expect(await focused(page, '#score')).toBe(true);
    expect(errors).toEqual([]);
  });
});
