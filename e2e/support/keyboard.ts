import type { Page } from 'playwright-core';

export const focused = (page: Page, selector: string) =>
  page.evaluate<boolean>(`!!document.activeElement?.matches(${JSON.stringify(selector)})`);

/** Presses Tab until the element matching the selector has the focus, at most `max` times. */
export async function tabTo(page: Page, selector: string, max = 1) {
  for (let presses = 0; presses < max; presses++) {
    await page.keyboard.press('Tab');
    if (await focused(page, selector)) return;
  }
  throw new Error(`${max} × Tab did not reach ${selector}`);
}
