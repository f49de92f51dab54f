import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFraudCity } from '../server/src/generate/fraud/generate.ts';
import { IMPORT_ORDER } from '../server/src/generate/fraud/truth.ts';
import { expectAccessible } from './support/a11y.ts';
import {
  baseUrl,
  chooseOption,
  collectErrors,
  launchBrowser,
  login,
  newPage,
  PASSWORD,
  screenshot,
  settled,
} from './support/browser.ts';

async function tokenOf(username: string) {
  const res = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  return ((await res.json()) as { token: string }).token;
}

async function call<T>(token: string, path: string, body: string, type = 'application/json') {
  const res = await fetch(`${baseUrl()}/api/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
  });
  expect(res.status, `POST ${path}: ${res.status}`).toBe(200);
  return (await res.json()) as T;
}

describe('anti-fraud', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a supervisor opens a finding of a planted ring, reads its evidence and opens a case', async () => {
    // A small generated city with planted rings, imported by the administrator; the detachment's
    // supervisor runs supervision over its period.
    const { data, truth } = generateFraudCity('small', 5);
    const admin = await tokenOf('admin');
    for (const kind of IMPORT_ORDER) {
      const lines: readonly unknown[] = data[kind];
      const answer = await call<{ imported: number; rejected: unknown[] }>(
        admin,
        `/imports/${kind}`,
        lines.map((l) => JSON.stringify(l)).join('\n'),
        'application/x-ndjson',
      );
      expect(answer.rejected, kind).toEqual([]);
    }
    const run = await call<{ findings: number }>(
      await tokenOf('sup.city'),
      '/supervision/runs',
      JSON.stringify(truth.period),
    );
    expect(run.findings).toBeGreaterThan(0);

    const page = await newPage(browser);
    const errors = collectErrors(page);
    await login(page, 'sup.city');
    await page.goto('/antifraud');
    const rows = page.getByTestId('findings').locator('tr[data-row-key]');
    await rows.first().waitFor();
    await expectAccessible(page, 'findings');

    // Only point trading: every row left is a ring of drivers.
    await chooseOption(page, page.getByTestId('finding-kind'), '买分卖分');
    await expect.poll(() => rows.first().textContent()).toContain('买分卖分');
    expect(await page.getByTestId('findings').textContent()).not.toContain('非法代办');

    await rows.first().getByTestId('open-finding').click();
    await page.waitForURL(/\/antifraud\/findings\//);
    const evidence = page.getByTestId('finding-evidence').locator('.ant-list-item');
    await evidence.first().waitFor();
    expect(await evidence.count()).toBeGreaterThan(0);
    // The finding's link works on its own (GET /findings/{id}): reloaded, the page is whole.
    const first = await evidence.first().textContent();
    await page.reload();
    await evidence.first().waitFor();
    expect(await evidence.first().textContent()).toBe(first);
    await page.getByTestId('finding-graph').locator('canvas').waitFor();
    const members = page.getByTestId('finding-members').locator('tr[data-row-key]');
    expect(await members.count()).toBeGreaterThanOrEqual(3);
    await expectAccessible(page, 'finding');

    const findingUrl = page.url();
    await page.getByTestId('open-case-button').click();
    await settled(page.getByRole('dialog'));
    await expectAccessible(page, 'open-case dialog');
    await page.getByTestId('case-title').fill('买分卖分团伙核查');
    await page.getByTestId('confirm-open-case').click();
    await page.waitForURL(/\/antifraud\/cases\//);
    await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('已立案');
    expect(await page.getByTestId('case-findings').textContent()).toContain('买分卖分');
    await page.getByTestId('step-note').fill('调取经办网点监控');
    await page.getByTestId('save-step').click();
    await expect
      .poll(() => page.getByTestId('case-steps').textContent())
      .toContain('调取经办网点监控');
    await expectAccessible(page, 'case file');
    await screenshot(page, 'antifraud-case');

    // The case's forms, the measure taken and its lifting, in both languages: what axe finds.
    const caseUrl = page.url();
    // A member of the ring, by the case's findings, with the name the registry has for them.
    const caseId = caseUrl.split('/').at(-1)!;
    const res = await fetch(`${baseUrl()}/api/v1/cases/${caseId}`, {
      headers: { authorization: `Bearer ${await tokenOf('sup.city')}` },
    });
    const idNumber = ((await res.json()) as { findings: { people: string[] }[] }).findings[0]!
      .people[0]!;
    const person = data.licences.find((l) => l.idNumber === idNumber)!;
    for (const language of ['zh-CN', 'en'] as const) {
      if (language === 'en') {
        await page.getByTestId('lang-en').click();
        await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('Open');
      }
      await page.getByTestId('save-status').click();
      await page.getByTestId('save-measure').click();
      await page.locator('.ant-form-item-explain-error').nth(2).waitFor();
      await expectAccessible(page, `case forms with errors in ${language}`);
      await chooseOption(
        page,
        page.getByTestId('measure-kind'),
        language === 'en' ? 'Review flag on an agent' : '代办人审核标记',
      );
      await page.getByTestId('measure-until').click();
      await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor();
      await expectAccessible(page, `review flag's last day in ${language}`);
      await page.keyboard.press('Escape');
    }
    // A hold on a member, taken and then lifted: the lifting dialog in English.
    await page.reload();
    await chooseOption(
      page,
      page.getByTestId('measure-kind'),
      "Hold on handling other people's points",
    );
    await page.getByTestId('measure-id-number').fill(person.idNumber);
    await page.getByTestId('measure-name').fill(person.name);
    await page.getByTestId('save-measure').click();
    await page.getByTestId('lift-measure').click();
    const lift = page.getByRole('dialog');
    await settled(lift);
    await lift.locator('.ant-btn-primary').click();
    await lift.locator('.ant-form-item-explain-error').waitFor();
    await expectAccessible(page, 'lift-measure dialog with errors in en');
    await page.keyboard.press('Escape');
    expect(page.url()).toBe(caseUrl);

    // Opening a case, in English, from another finding.
    await page.goto('/antifraud');
    await rows.nth(1).getByTestId('open-finding').click();
    await page.waitForURL((url) => url.href !== findingUrl && url.pathname.includes('/findings/'));
    await page.getByTestId('open-case-button').click();
    await settled(page.getByRole('dialog'));
    await expectAccessible(page, 'open-case dialog in en');
    expect(errors).toEqual([]);
  });
});
