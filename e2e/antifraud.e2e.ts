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

    await page.getByTestId('open-case-button').click();
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
    expect(errors).toEqual([]);
  });
});
