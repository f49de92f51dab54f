import type { Page } from 'playwright-core';
import { baseUrl, PASSWORD } from './browser.ts';

export const STORY = { plate: '贵CA8830', idNumber: '520302198505120110', name: '敖先生' };

/** Chooses a business type of the picker (a radio button) by its code. */
export async function chooseBusiness(page: Page, code: string) {
  await page.getByTestId(`type-${code}`).check();
  await page.getByTestId('application-form').waitFor();
}

export async function fillApplicant(
  page: Page,
  person: { idNumber: string; name: string } = STORY,
) {
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

/** The registered owner of a demo vehicle, as the registry answers a clerk of the city office. */
export async function ownerOf(plate: string): Promise<{ idNumber: string; name: string }> {
  const call = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const response = await fetch(`${baseUrl()}/api/v1${path}`, init);
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return (await response.json()) as T;
  };
  const { token } = await call<{ token: string }>('/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'clerk.city', password: PASSWORD }),
  });
  const vehicle = await call<{ owner: { idNumber: string; name: string } }>(
    `/vehicles/by-plate/${encodeURIComponent(plate)}`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  return vehicle.owner;
}

/** Fills in and submits a plate reissue (号牌补领) for the owner of the plate. */
export async function submitPlateReissue(
  page: Page,
  plate: string,
  owner: { idNumber: string; name: string },
) {
  await chooseBusiness(page, 'vehicle.plate-reissue');
  await fillApplicant(page, owner);
  await page.locator('#data_plate').fill(plate);
  await submit(page);
  await page.getByTestId('acceptance-receipt').waitFor();
}
