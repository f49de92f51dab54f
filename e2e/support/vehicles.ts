import type { Page } from 'playwright-core';
import { computeIdNumberCheckCharacter, withVinCheckDigit } from '#shared/validators/index.ts';
import { beijingDate, settled } from './browser.ts';
import { fillDate } from './workstation.ts';

/**
 * A new vehicle's VIN (GB 16735): its model-year code T (2026) fits a car made this autumn, and
 * the serial keeps each test's vehicle its own.
 */
export const newVin = (serial: number) =>
  withVinCheckDigit(`LSJA24U60TG${String(serial).padStart(6, '0')}`);

/** A buyer with a valid identity number (GB 11643) of their own, who owns nothing yet. */
export function buyer(n: number, name = '张三') {
  const first17 = `52030219850101${String(n).padStart(3, '0')}`;
  return { idNumber: first17 + computeIdNumberCheckCharacter(first17), name };
}

/** Fills the papers of a new small private car's registration (type and seats as given). */
export async function fillRegistration(page: Page, vin: string) {
  await page.locator('#data_vin').fill(vin);
  await page.locator('#data_invoiceNo').fill(`FP${vin.slice(-8)}`);
  await page.locator('#data_brand').fill('比亚迪');
  await page.locator('#data_model').fill('秦PLUS');
  await fillDate(page, '#data_manufacturedOn', beijingDate(-30));
  await fillDate(page, '#data_insuranceValidUntil', beijingDate(365));
}

/** Fires a lifecycle event from the application page: its dialog, its data, confirmed. */
export async function fireEvent(
  page: Page,
  event: string,
  name: string,
  fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void> = async () => undefined,
) {
  await page.getByTestId(`event-${event}`).click();
  const dialog = page.getByRole('dialog', { name });
  await settled(dialog);
  await fill(dialog);
  await dialog.getByRole('button', { name: '确认办理' }).click();
  await dialog.waitFor({ state: 'detached' });
}
