import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface Finding {
  rule: string;
  impact: string | null;
  help: string;
  targets: string[];
}

// The checks run in the page. They are strings because the e2e code is compiled without the DOM
// library (it is Node code); each is small.

/** No finite animation runs: antd fades dialogs in, and half-transparent text reads as poor contrast. */
const SETTLED = `document.getAnimations().every((a) =>
  a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)`;

/** Every rule axe-core runs by default: WCAG 2.0 and 2.1 A/AA, and best practices. */
const AXE = `axe.run(document).then(({ violations }) => violations.map((v) => ({
  rule: v.id,
  impact: v.impact,
  help: v.help,
  targets: v.nodes.map((n) => n.target.join(' ')),
})))`;

/**
 * Buttons, links and menu items whose name would start with an icon's name ("printer 打印"):
 * antd icons label themselves unless they are aria-hidden.
 */
const ICON_NAMES = `[...document.querySelectorAll('button, a, [role=button], [role=menuitem]')]
  .filter((c) => c.getClientRects().length && c.textContent.trim())
  .filter((c) => c.querySelector('.anticon[aria-label]:not([aria-hidden=true])'))
  .map((c) => ({
    rule: 'icon-name-in-control',
    impact: 'serious',
    help: 'Icons in a labelled control must be aria-hidden',
    targets: [c.outerHTML.slice(0, 160)],
  }))`;

/**
 * Icons named inside an alert, a message or a result: the icon beside the text is decorative, and
 * a name it carried was read out before the message (antd draws a field's clear icon, named
 * "清除", beside every error too).
 */
const MESSAGE_ICON_NAMES = `[...document.querySelectorAll(
  '.ant-alert, .ant-message, .ant-notification, .ant-result, .ant-modal-confirm, [role=alert]')]
  .flatMap((m) => [...m.querySelectorAll('.anticon[aria-label]:not([aria-hidden=true])')])
  .map((icon) => ({
    rule: 'icon-name-in-message',
    impact: 'serious',
    help: 'Icons beside the text of a message must be aria-hidden',
    targets: [icon.parentElement.outerHTML.slice(0, 160)],
  }))`;

async function findings(page: Page): Promise<Finding[]> {
  await page.waitForFunction(SETTLED);
  if (!(await page.evaluate("'axe' in window"))) await page.addScriptTag({ path: AXE_SCRIPT });
  const axe = await page.evaluate<Finding[]>(AXE);
  return [
    ...axe,
    ...(await page.evaluate<Finding[]>(ICON_NAMES)),
    ...(await page.evaluate<Finding[]>(MESSAGE_ICON_NAMES)),
  ];
}

/**
 * Checks the page as it is now: no axe finding of impact serious or critical, and no icon name
 * in a control's name or before a message. Soft, so that one test reports every screen that fails.
 */
export async function expectAccessible(page: Page, screen: string) {
  const serious = (await findings(page)).filter(
    (f) => f.impact === 'serious' || f.impact === 'critical',
  );
  expect.soft(serious, `accessibility of ${screen}`).toEqual([]);
}
