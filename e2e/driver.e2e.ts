import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/a11y.ts';
import {
  beijingDate,
  collectErrors,
  launchBrowser,
  login,
  newPage,
  screenshot,
} from './support/browser.ts';
import { freePlate, freeVin, importRecords, personId } from './support/driver.ts';
import { chooseBusiness, submit } from './support/workstation.ts';

/** A registered car of a person, as the vehicle import takes it. */
const car = (owner: string, o: { inspectionValidUntil?: string } = {}) => ({
  vin: freeVin(),
  plate: freePlate(),
  vehicleType: 'small-car',
  useNature: 'non-operating',
  seats: 5,
  owner: { idNumber: owner, name: '驾驶人' },
  registeredOn: '2020-05-01',
  manufacturedOn: '2020-01-01',
  inspectionValidUntil: o.inspectionValidUntil ?? beijingDate(300),
});

describe('driver business in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('handles a violation at a police window: checked first, then the points are added', async () => {
    const driver = personId('19880808');
    const vehicle = car(driver);
    const violationId = `E2E${Date.now()}`;
    await importRecords('licences', [
      {
        idNumber: driver,
        name: '王驾驶',
        licenceNo: driver,
        classes: ['C1'],
        firstIssuedOn: '2015-03-15',
        validUntil: '2031-03-15',
      },
    ]);
    await importRecords('vehicles', [vehicle]);
    await importRecords('violations', [
      {
        id: violationId,
        plate: vehicle.plate,
        code: '1625',
        occurredAt: `${beijingDate(-3)}T08:15:00+08:00`,
        points: 6,
        fine: 200,
      },
    ]);

    const page = await newPage(browser);
    const errors = collectErrors(page);
    await login(page, 'clerk.police');
    await chooseBusiness(page, 'violation.handle');
    await page.locator('#applicant_idNumber').fill(driver);
    await page.locator('#applicant_name').fill('王驾驶');
    // Without a record number the check says so at the field.
    await page.getByTestId('check-handling').click();
    await page.getByText('此项为必填项').waitFor();
    await page.locator('#data_violationId').fill(violationId);
    await page.getByTestId('check-handling').click();
    const check = page.getByTestId('handling-check');
    await check.waitFor();
    expect(await page.getByTestId('check-points-after').textContent()).toBe('6');
    expect(await check.textContent()).toContain('核查通过');
    await expectAccessible(page, 'violation handling check');
    await screenshot(page, 'violation-check');

    await submit(page);
    await page.getByTestId('application-result').waitFor();
    expect(await page.getByTestId('result-points').textContent()).toBe('6');
    expect(await page.getByTestId('result-cyclePoints').textContent()).toBe('6');
    // The paper names the record handled, and promises no documents or QR code it does not have.
    const paper = (await page.getByTestId('application-result').textContent()) ?? '';
    expect(paper).toContain(violationId);
    expect(paper).toContain('违法时间');
    expect(paper).not.toMatch(/二维码|制发的证件/);
    await expectAccessible(page, 'violation handled');

    // The driver file shows the points in the cycle, the chart and the handled record.
    await page.goto(`/drivers/${driver}`);
    await page.getByTestId('licence-card').waitFor();
    expect(await page.getByTestId('licence-points').textContent()).toBe('6');
    expect(await page.getByTestId('file-violations').textContent()).toContain(violationId);
    await expectAccessible(page, 'driver file');
    await screenshot(page, 'driver-file');
    expect(errors).toEqual([]);
  });

  it('refuses a point reduction with every reason and its article', async () => {
    const driver = personId('19950505');
    // In probation (first licence 2 months ago), with points, and owning a car overdue for inspection.
    await importRecords('licences', [
      {
        idNumber: driver,
        name: '李新手',
        licenceNo: driver,
        classes: ['C1'],
        firstIssuedOn: beijingDate(-60),
        validUntil: beijingDate(6 * 365),
        points: 3,
      },
    ]);
    await importRecords('vehicles', [car(driver, { inspectionValidUntil: beijingDate(-10) })]);

    const page = await newPage(browser);
    await login(page, 'clerk.police');
    await chooseBusiness(page, 'points.reduce');
    await page.locator('#applicant_idNumber').fill(driver);
    await page.locator('#applicant_name').fill('李新手');
    await page.locator('#data_minutes').fill('30');
    await page.getByTestId('data-examPassed').click();
    await submit(page);

    const notice = page.getByTestId('refusal-notice');
    await notice.waitFor();
    const items = page.getByTestId('refusal-items').locator('tbody tr');
    await expect.poll(() => items.count()).toBe(2);
    const text = await notice.textContent();
    expect(text).toContain('实习期');
    expect(text).toContain('逾期未检验');
    expect(text).toContain('道路交通安全违法行为记分管理办法 第二十六条第三项');
    expect(text).toContain('道路交通安全违法行为记分管理办法 第二十六条第四项');
    await expectAccessible(page, 'point reduction refused');
    await screenshot(page, 'points-reduce-refused');
  });

  it('renews a licence at a hospital in one stop: the medical, then the renewal', async () => {
    const driver = personId('19700303');
    const expiry = beijingDate(30);
    await importRecords('licences', [
      {
        idNumber: driver,
        name: '张换证',
        licenceNo: driver,
        classes: ['C1'],
        firstIssuedOn: '2010-01-01',
        validUntil: expiry,
        validityTerm: '6y',
      },
    ]);
    const page = await newPage(browser);
    const errors = collectErrors(page);
    await login(page, 'clerk.hospital');
    await page.goto('/hospital');
    const form = page.getByTestId('certificate-form');
    await form.waitFor();
    await expectAccessible(page, 'hospital desk');
    await page.locator('#idNumber').fill(driver);
    await page.locator('#name').fill('张换证');
    await page.getByTestId('record-certificate').click();
    await expect.poll(() => page.getByTestId('certificate-recorded').textContent()).toContain('TJ');

    const panel = page.getByTestId('renewal-panel');
    await expect.poll(() => panel.textContent()).toContain(expiry);
    await page.getByTestId('renew-licence').click();
    await page.getByTestId('application-result').waitFor();
    const renewedTo = `${Number(expiry.slice(0, 4)) + 10}${expiry.slice(4)}`;
    expect(await page.getByTestId('result-validUntil').textContent()).toBe(renewedTo);
    expect(await page.getByTestId('documents').textContent()).toContain('机动车驾驶证');
    await expectAccessible(page, 'renewal done');
    await screenshot(page, 'hospital-renewal');
    expect(errors).toEqual([]);
  });

  it('has accessible exam-site and exam-session screens', async () => {
    const page = await newPage(browser);
    await login(page, 'clerk.exam');
    await page.goto('/exam-site');
    await page.getByTestId('exam-result-form').waitFor();
    await expectAccessible(page, 'exam site desk');
    const office = await newPage(browser);
    await login(office, 'clerk.city');
    await office.goto('/exam-sessions');
    await office.getByRole('heading', { name: '考试场次与排序' }).waitFor();
    await expectAccessible(office, 'exam sessions');
  });

  it('says at the fields of the exam session form what is missing, and what the server refused', async () => {
    const page = await newPage(browser);
    const errors = collectErrors(page);
    await login(page, 'clerk.city');
    await page.goto('/exam-sessions');
    const form = page.locator('form').filter({ has: page.locator('#examSiteCode') });
    await form.getByRole('button', { name: '新增场次' }).click();
    // Nothing is sent: the empty fields say so, each tied to its field.
    await form.getByText('此项为必填项').first().waitFor();
    expect(await page.locator('#examSiteCode').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#date').getAttribute('aria-invalid')).toBe('true');
    // A code the server refuses (400, path examSiteCode): its message under the field.
    await page.locator('#examSiteCode').fill('考场 一');
    await page.locator('#date').click();
    await page.locator('#date').fill(beijingDate(30));
    await page.locator('#date').press('Enter');
    await form.getByRole('button', { name: '新增场次' }).click();
    const explain = page.locator('#examSiteCode_help');
    await explain.getByText('只能包含字母').waitFor();
    expect(await page.locator('#examSiteCode').getAttribute('aria-describedby')).toContain(
      'examSiteCode_help',
    );
    await expectAccessible(page, 'exam session refused at its field');
    expect(errors).toEqual([]);
  });
});
