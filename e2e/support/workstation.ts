import type { Page } from 'playwright-core';

export const STORY = { plate: '贵CA8830', idNumber: '520302198505120110', name: '敖先生' };

/** Chooses a business type of the picker (a radio button) by its code. */
export async function chooseBusiness(page: Page, code: string) {
  await page.getByTestId(`type-${code}`).check();
  await page.getByTestId('application-form').waitFor();
}

export async function fillApplicant(page: Page, person = STORY) {
  await page.locator('#applicant_idNumber').fill(person.idNumber);
  await page.locator('#applicant_name').fill(person.name);
}

/** Types a date into an antd DatePicker; leaving the field keeps it (Enter would submit). */
export async function fillDate(page: Page, selector: string, day: string) {
  const input = page.locator(selector);
  await input.click();
  await input.fill(day);
  await input.press('Tab');
}

export async function fillTempPlate(
  page: Page,
  data: { vin: string; days: number; insuranceValidUntil: string },
) {
  await page.locator('#data_vin').fill(data.vin);
  await page.locator('#data_days').fill(String(data.days));
  await fillDate(page, '#data_insuranceValidUntil', data.insuranceValidUntil);
}

export async function submit(page: Page) {
  await page.getByTestId('submit').click();
}
