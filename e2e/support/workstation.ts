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

/** A call of the API as a demo account, outside the browser (to set up or look up). */
export async function apiAs<T>(
  username: string,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const call = async <R>(p: string, req: RequestInit): Promise<R> => {
    const response = await fetch(`${baseUrl()}/api/v1${p}`, req);
    if (!response.ok) throw new Error(`${p}: ${response.status} ${await response.text()}`);
    return (await response.json()) as R;
  };
  const json = { 'Content-Type': 'application/json' };
  const { token } = await call<{ token: string }>('/auth/login', {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  return await call<T>(path, {
    method: init.method ?? 'GET',
    headers: { ...json, Authorization: `Bearer ${token}` },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

/** A demo vehicle as the registry answers a clerk of the city office. */
export const registryVehicle = (plate: string) =>
  apiAs<{ vin: string; owner: { idNumber: string; name: string } }>(
    'clerk.city',
    `/vehicles/by-plate/${encodeURIComponent(plate)}`,
  );

/** The registered owner of a demo vehicle. */
export const ownerOf = async (plate: string) => (await registryVehicle(plate)).owner;

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
