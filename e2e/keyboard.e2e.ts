import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, PASSWORD } from './support/browser.ts';
import { focused, tabTo } from './support/keyboard.ts';
import { STORY } from './support/workstation.ts';

describe('keyboard only', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reissues the story vehicle licence from login to the result without a mouse', async () => {
    const page = await newPage(browser);
    await page.goto('/login');
    await page.locator('#username').waitFor();
    expect(await focused(page, '#username')).toBe(true);
    await page.keyboard.type('clerk.city');
    await tabTo(page, '#password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/workstation');

    // Past the menu and the header into the business types: a radio group, where the arrow
    // keys move between the types and choose one.
    await page.getByTestId('type-vehicle.licence-reissue').waitFor();
    await tabTo(page, 'input[name=business-type]', 20);
    const outline = `getComputedStyle(document.querySelector('.type-option:has(input:focus-visible)'))
      .outlineStyle`;
    expect(await page.evaluate(outline)).toBe('solid');
    const reissue = '[data-testid="type-vehicle.licence-reissue"]';
    // An office offers every vehicle business: the reissue is the seventh of them.
    for (let presses = 0; presses < 12 && !(await focused(page, reissue)); presses++) {
      await page.keyboard.press('ArrowDown');
    }
    expect(await page.locator(reissue).isChecked()).toBe(true);

    await tabTo(page, '#applicant_idNumber');
    await page.keyboard.type(STORY.idNumber);
    await tabTo(page, '#applicant_name');
    await page.keyboard.type(STORY.name);
    await tabTo(page, '#data_plate', 3); // past the phone and the agent switch
    await page.keyboard.type(STORY.plate);
    await tabTo(page, '[data-testid=lookup-vehicle]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('vehicle-card').textContent()).toContain(STORY.name);

    await tabTo(page, '[data-testid=submit]', 10);
    await page.keyboard.press('Enter');
    const documents = page.getByTestId('documents');
    await documents.waitFor();
    expect(await documents.textContent()).toContain('机动车行驶证');
    expect(await page.getByTestId('application-result').textContent()).toMatch(
      /补领机动车行驶证 · XS\d+/,
    );
  });
});
