/**
 * The first page of web screens, timed in Chromium: each user logs in once through the login
 * form, then each of its screens is loaded (a full navigation, as a bookmark or a reload does)
 * until its last request has answered and no spinner or active skeleton is left.
 */
import { performance } from 'node:perf_hooks';
import { chromium, type Page, type Request, type Response } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/chromium.ts';

export interface ScreenCase {
  user: string;
  route: string;
  /** The user's own password, where it is not the one given to `timeScreens`. */
  password?: string;
  /** A public page, opened without logging in (`user` only names the row). */
  anonymous?: boolean;
}

export interface ScreenTiming extends ScreenCase {
  median: number;
  max: number;
  /** The API's answers of 400 or more over the loads, as `status path`: a screen that failed. */
  failed: string[];
}

const BUSY = '.ant-spin-spinning, .ant-skeleton-active, .ant-table-placeholder .ant-spin';

/**
 * Navigation start → the last response the screen waited for. `networkidle` only says so 500 ms
 * later, so that tail is not counted; a spinner still turning after it is waited for.
 */
async function loadOnce(page: Page, route: string, failed: string[]): Promise<number> {
  let lastResponse = 0;
  const onFinished = () => (lastResponse = performance.now());
  // A screen whose data did not come is quick for the wrong reason: its API failures are named.
  const onResponse = (r: Response) => {
    const url = new URL(r.url());
    if (r.status() >= 400 && url.pathname.startsWith('/api/')) {
      failed.push(`${r.status()} ${url.pathname}`);
    }
  };
  page.on('requestfinished', onFinished);
  page.on('response', onResponse);
  const started = performance.now();
  await page.goto(route, { waitUntil: 'networkidle' });
  await page.waitForFunction(`!document.querySelector(${JSON.stringify(BUSY)})`);
  page.off('requestfinished', onFinished);
  page.off('response', onResponse);
  return Math.max(lastResponse, started) - started;
}

/**
 * Waits until the page has had no request in flight for half a second (requests already sent
 * when it starts count by their ends).
 */
async function quiet(page: Page): Promise<void> {
  const inFlight = new Set<Request>();
  let lastChange = performance.now();
  const started = (r: Request) => (inFlight.add(r), (lastChange = performance.now()));
  const ended = (r: Request) => (inFlight.delete(r), (lastChange = performance.now()));
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  try {
    while (inFlight.size > 0 || performance.now() - lastChange < 500) {
      await page.waitForTimeout(50);
    }
  } finally {
    page.off('request', started);
    page.off('requestfinished', ended);
    page.off('requestfailed', ended);
  }
}

export async function timeScreens(
  base: string,
  password: string,
  screens: ScreenCase[],
  runs = 3,
): Promise<ScreenTiming[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const timings: ScreenTiming[] = [];
  try {
    for (const user of new Set(screens.map((s) => s.user))) {
      const context = await browser.newContext({
        baseURL: base,
        viewport: { width: 1440, height: 900 },
      });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      if (!screens.some((s) => s.user === user && s.anonymous)) {
        await page.goto('/login');
        await page.locator('#username').fill(user);
        const own = screens.find((s) => s.user === user && s.password !== undefined)?.password;
        await page.locator('#password').fill(own ?? password);
        await page.locator('button[type=submit]').click();
        await page.waitForURL((url) => !url.pathname.startsWith('/login'));
        // The screen the login lands on is still loading: a first timed load would share the
        // machine and the server with it.
        await quiet(page);
      }
      for (const s of screens.filter((x) => x.user === user)) {
        const ms: number[] = [];
        const failed: string[] = [];
        for (let i = 0; i < runs; i++) ms.push(await loadOnce(page, s.route, failed));
        ms.sort((a, b) => a - b);
        timings.push({
          ...s,
          median: ms[Math.floor(ms.length / 2)]!,
          max: ms[ms.length - 1]!,
          failed: [...new Set(failed)],
        });
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return timings;
}
