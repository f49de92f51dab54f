import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, login, newPage, screenshot, settled } from './support/browser.ts';
import { tabTo } from './support/keyboard.ts';
import { STORY, submitPlateReissue } from './support/workstation.ts';

/** Someone with a valid identity number who neither applied nor represents the applicant. */
const STRANGER = '520302199003070015';

const stage = (page: Page) => page.getByTestId('application-stage').textContent();
const historyItems = (page: Page) => page.getByTestId('history').getByTestId('history-item');

/** Opens an event's dialog, types the collector and confirms. */
async function handOver(page: Page, collector: string) {
  await page.getByTestId('event-plate-handed-over').click();
  const dialog = page.getByRole('dialog', { name: '号牌已领取' });
  await settled(dialog);
  await dialog.locator('#data_collectorIdNumber').fill(collector);
  await dialog.getByRole('button', { name: '确认办理' }).click();
}

describe('application lifecycle: plate reissue (R164 §51)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is accepted with a receipt, made, refused to a stranger and handed over to the owner', async () => {
    const page = await newPage(browser);
    await login(page, 'clerk.city');
    await submitPlateReissue(page, STORY.plate, STORY);

    // The acceptance receipt: numbered, the stage and its date, the receipt and the temporary plate.
    const receipt = page.getByTestId('acceptance-receipt');
    expect(await receipt.textContent()).toContain('机动车业务受理通知书');
    expect(await page.getByTestId('receipt-stage').textContent()).toBe('号牌制作中');
    expect(await page.getByTestId('temp-plate').textContent()).toMatch(/^贵C临\d+/);
    const documents = receipt.getByTestId('documents');
    expect(await documents.textContent()).toContain('受理通知书');
    expect(await documents.textContent()).toContain('临时行驶车号牌');
    expect(await receipt.getByTestId('notice-verify-link').textContent()).toMatch(/\/verify\//);
    await screenshot(page, 'plate-reissue-receipt');

    await page.getByTestId('open-application').click();
    await page.waitForURL((url) => url.pathname.startsWith('/applications/'));
    await expect.poll(() => stage(page)).toBe('号牌制作中');
    expect(await page.getByTestId('application-status').getAttribute('data-status')).toBe(
      'accepted',
    );
    await page.getByTestId('event-withdraw').waitFor();

    // The plate is made: recorded with the keyboard alone, its batch number typed in the dialog.
    await tabTo(page, '[data-testid=event-plate-produced]', 40);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: '号牌制作完成' }).waitFor();
    await tabTo(page, '#data_batchNo', 5);
    await page.keyboard.type('ZP-2026-0001');
    await page.keyboard.press('Enter');
    await expect.poll(() => stage(page)).toBe('待领取号牌');
    // No withdrawal once the plate is made.
    expect(await page.getByTestId('event-withdraw').count()).toBe(0);

    // A stranger may not collect it: a printable 1331 notice, and the stage stays.
    await handOver(page, STRANGER);
    const notice = page.getByTestId('refusal-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('领取人不是该业务的申请人或其委托的代理人');
    expect(await notice.textContent()).toContain('机动车登记规定 第五十一条');
    expect(await notice.textContent()).toContain('号牌已领取');
    const noticeNumber = (await page.getByTestId('notice-number').textContent())!.replace(
      '编号：',
      '',
    );
    await screenshot(page, 'plate-reissue-refused-step');
    await page.getByTestId('back-to-application').click();
    await expect.poll(() => stage(page)).toBe('待领取号牌');
    await expect.poll(() => historyItems(page).count()).toBe(3);
    expect(await historyItems(page).nth(2).textContent()).toContain('未通过');

    // The notice can be opened again from the history.
    await page.getByRole('button', { name: `查看告知书 ${noticeNumber}` }).click();
    await notice.waitFor();
    await page.getByTestId('back-to-application').click();

    // The owner collects it: completed, with the plate document.
    await handOver(page, STORY.idNumber);
    const status = page.getByTestId('application-status');
    await expect.poll(() => status.getAttribute('data-status')).toBe('completed');
    const result = page.getByTestId('application-result');
    expect(await result.textContent()).toContain('业务已办结');
    const plate = result.getByTestId('documents').locator('tr', { hasText: /^号牌/ });
    // The plate handed over is numbered by its plate number (R164 §51, the same number).
    expect(await plate.locator('td').nth(1).textContent()).toBe(STORY.plate);
    expect(await page.locator('[data-testid^=event-]').count()).toBe(0);

    // The history has every step, the refused one with its notice.
    const items = historyItems(page);
    await expect.poll(() => items.count()).toBe(4);
    const steps = await items.allTextContents();
    expect(steps[0]).toContain('提交申请');
    expect(steps[0]).toContain('号牌制作中');
    expect(steps[1]).toContain('号牌制作完成');
    expect(steps[1]).toContain('待领取号牌');
    expect(steps[2]).toContain('号牌已领取');
    expect(steps[2]).toContain(noticeNumber);
    expect(steps[3]).toContain('号牌已领取');
    expect(steps[3]).toContain('已办结');
    await screenshot(page, 'plate-reissue-completed');
  });
});
