import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** The API as a demo account, for setting up what the screens then show. */
async function apiAs(username: string) {
  const res = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  const { token } = (await res.json()) as { token: string };
  return async <T>(path: string, init: { method?: string; body?: string; type?: string } = {}) => {
    const r = await fetch(`${baseUrl()}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body ? { 'content-type': init.type ?? 'application/json' } : {}),
      },
      body: init.body,
    });
    expect(r.status, `${init.method ?? 'GET'} ${path}`).toBeLessThan(300);
    return (await r.json()) as T;
  };
}

/** Picks an option of an antd Select by its label. */
const choose = (page: Page, testId: string, label: string) =>
  chooseOption(page, page.getByTestId(testId), label);

const DAY = '2026-11-25';

describe('supervision centre', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a supervisor opens an alert, sees its evidence and suspends the outlet', async () => {
    // Legacy business of a dealer late at night, imported; the detachment runs the rules.
    const admin = await apiAs('admin');
    const dealers = await admin<{ items: { code: string; status: string }[] }>(
      '/outlets?category=dealer&status=active',
    );
    const dealer = dealers.items.filter((o) => o.code !== '520303-DL-001').at(-1)!.code;
    const lines = [10, 20, 30, 40].map((minute) => ({
      id: `E2E-NIGHT-${minute}`,
      businessType: 'vehicle.temp-plate',
      outletCode: dealer,
      staffId: 'S001',
      channel: 'window',
      applicant: { idNumber: '520302199003070015', name: '张三' },
      submittedAt: `${DAY}T23:${minute}:00+08:00`,
      status: 'completed',
    }));
    const imported = await admin<{ imported: number }>('/imports/applications-history', {
      method: 'POST',
      type: 'application/x-ndjson',
      body: lines.map((l) => JSON.stringify(l)).join('\n'),
    });
    expect(imported.imported).toBe(4);
    const sup = await apiAs('sup.city');
    await sup('/supervision/runs', {
      method: 'POST',
      body: JSON.stringify({ from: DAY, to: DAY }),
    });
    const alerts = await sup<{ items: { id: string; subject: { id: string } }[] }>(
      '/alerts?rule=off-hours-business&status=open',
    );
    const alert = alerts.items.find((a) => a.subject.id === dealer)!;
    expect(alert).toBeDefined();

    const page = await newPage(browser);
    const errors = collectErrors(page);
    await login(page, 'sup.city');
    await page.getByTestId('tab-alerts').click();
    const row = page.getByTestId('alerts').locator(`tr[data-row-key="${alert.id}"]`);
    await row.waitFor();
    await expectAccessible(page, 'alert inbox');
    await row.getByTestId('open-alert').click();

    const evidence = page.getByTestId('alert-evidence');
    await evidence.waitFor();
    await expect.poll(() => evidence.textContent()).toContain('次数4');
    expect(await evidence.textContent()).toContain(dealer);
    // Every key under its label, every value in words: no raw key, enum or JSON text.
    expect(await evidence.textContent()).not.toMatch(/[a-z]{2,}|[{}]/);
    await expectAccessible(page, 'alert drawer');

    await choose(page, 'disposition-action', '暂停委托');
    await page.getByText('暂停委托立即生效').waitFor();
    await page.getByTestId('disposition-note').fill('夜间违规办理临时号牌，暂停委托');
    await page.getByTestId('disposition-submit').click();
    await expect.poll(() => page.getByTestId('alert-status').textContent()).toBe('已办结');
    expect(await page.getByTestId('alert-dispositions').textContent()).toContain('暂停委托');
    await screenshot(page, 'alert-suspended');

    // The outlet is suspended, exactly as if the administrator had done it.
    const after = await admin<{ items: { code: string; status: string }[] }>(
      `/outlets?q=${encodeURIComponent(dealer)}`,
    );
    expect(after.items.find((o) => o.code === dealer)?.status).toBe('suspended');
    expect(errors).toEqual([]);
  });

  it('a draw is created, committed, revealed and shown, and anyone can redo it', async () => {
    const page = await newPage(browser);
    const errors = collectErrors(page);
    await login(page, 'sup.city');
    await page.getByTestId('tab-draws').click();
    await page.getByTestId('draw-form').waitFor();
    await expectAccessible(page, 'draws');
    await page.getByTestId('draw-create').click();

    const drawer = page.getByTestId('draw-drawer');
    const status = drawer.getByTestId('draw-status');
    await expect.poll(() => status.getAttribute('data-status')).toBe('committing');
    await expectAccessible(page, 'draw committing');
    for (const party of ['sup.city', 'witness']) {
      await drawer.getByTestId(`commit-${party}`).click();
      await drawer.getByTestId(`share-${party}`).waitFor();
    }
    // Every party has committed: now the shares may be revealed, one by one.
    for (const party of ['sup.city', 'witness']) {
      const reveal = drawer.getByTestId(`reveal-${party}`);
      await expect.poll(() => reveal.isEnabled()).toBe(true);
      await reveal.click();
      await drawer.getByTestId(`share-${party}`).waitFor({ state: 'detached' });
    }
    await expect.poll(() => status.getAttribute('data-status')).toBe('complete');
    expect(await drawer.getByTestId('draw-selected').locator('.ant-tag').count()).toBe(3);
    await expectAccessible(page, 'draw complete');
    await screenshot(page, 'draw-complete');

    // The public page, without logging in, shows the same; the draw is redone from it here.
    const href = await drawer.getByRole('link', { name: '公开页面' }).getAttribute('href');
    const visitor = await newPage(browser);
    const visitorErrors = collectErrors(visitor);
    await visitor.goto(href!);
    const shown = visitor.getByTestId('draw-selected');
    await expect.poll(() => shown.locator('.ant-tag').count()).toBe(3);
    await expectAccessible(visitor, 'public draw page');

    const res = await fetch(`${baseUrl()}/api/v1/spot-checks/draws/${href!.split('/').at(-1)}`);
    const draw = (await res.json()) as {
      frame: { code: string; weight: number }[];
      frameHash: string;
      count: number;
      commitments: { party: string; share: string }[];
      seed: string;
      selected: string[];
    };
    const sha = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');
    expect(sha(JSON.stringify(draw.frame))).toBe(draw.frameHash);
    expect(sha(draw.commitments.map((c) => c.share).join(''))).toBe(draw.seed);
    const ranked = draw.frame
      .map((u) => {
        const h = crypto.createHmac('sha256', draw.seed).update(u.code).digest('hex');
        return { code: u.code, key: parseInt(h.slice(0, 13), 16) / 16 ** 13 / u.weight };
      })
      .sort((a, b) => a.key - b.key || (a.code < b.code ? -1 : 1));
    expect([...draw.selected].sort()).toEqual(
      ranked
        .slice(0, draw.count)
        .map((u) => u.code)
        .sort(),
    );
    const shownText = (await shown.textContent()) ?? '';
    for (const code of draw.selected) expect(shownText).toContain(code);
    expect(errors).toEqual([]);
    expect(visitorErrors).toEqual([]);
  });

  it('dashboard and bulletins, for the detachment and a brigade, are accessible', async () => {
    for (const who of ['sup.city', 'sup.county']) {
      const page = await newPage(browser);
      const errors = collectErrors(page);
      await login(page, who);
      await page.getByTestId('funnel-rule').waitFor();
      await page.getByTestId('county-table').waitFor();
      await expectAccessible(page, `dashboard of ${who}`);
      await page.getByTestId('tab-bulletins').click();
      await page.getByTestId('bulletin').locator('.ant-descriptions').waitFor();
      await expectAccessible(page, `bulletins of ${who}`);
      const download = page.waitForEvent('download');
      await page.getByTestId('bulletin-xlsx').click();
      expect((await download).suggestedFilename()).toMatch(
        /^bulletin-daily-\d{4}-\d{2}-\d{2}\.xlsx$/,
      );
      if (who === 'sup.county') {
        await page.getByTestId('tab-draws').click();
        await page.getByTestId('draws').waitFor();
        expect(await page.getByTestId('draw-form').count()).toBe(0);
        await expectAccessible(page, 'draws of a brigade');
      }
      expect(errors).toEqual([]);
    }
  });

  it('exam oversight, the review queue and station risk are accessible', async () => {
    const page = await newPage(browser);
    const errors = collectErrors(page);
    await login(page, 'sup.city');
    await page.getByTestId('tab-exams').click();
    await page.getByTestId('associations').waitFor();
    await page.getByTestId('assignment').waitFor();
    await expectAccessible(page, 'exam oversight');
    await page.getByTestId('tab-reviews').click();
    await page.getByTestId('reviews').waitFor();
    await page.getByTestId('review-draw').click();
    await page.getByText('已抽取').waitFor();
    await expectAccessible(page, 'review queue');
    await page.getByTestId('tab-stations').click();
    await page.getByTestId('station-risk').locator('tr.ant-table-row').first().waitFor();
    await expectAccessible(page, 'station risk');
    expect(errors).toEqual([]);
  });
});
