import type { CDPSession, Page } from 'playwright-core';

/** One stop of the keyboard on the page, and what is wrong with it. */
export interface Stop {
  control: string;
  name: string;
  problems: string[];
}

/**
 * What is wrong with the focused control, given its name as the browser gives it to screen
 * readers: no name; no visible focus (an outline or a ring on it or on the antd wrapper drawn
 * around it); a name in the other language — English words in Chinese mode, and in English mode
 * Chinese in a name the app gives (aria-label, placeholder, title) but for data it names (a
 * plate, an outlet) beside English words: names and outlets are Chinese in both languages.
 */
const STOP = (language: string, name: string) => `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const name = ${JSON.stringify(name)};
  const problems = [];
  if (!name) problems.push('no name');
  let visible = false;
  for (let node = el, up = 0; node && up < 4; node = node.parentElement, up++) {
    const s = getComputedStyle(node);
    if ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none') {
      visible = true;
      break;
    }
  }
  if (!visible) problems.push('no visible focus');
  const own = [el.getAttribute('aria-label'), el.getAttribute('placeholder'), el.getAttribute('title')]
    .filter(Boolean).join(' ');
  const words = ${language === 'en' ? `own.match(/[\\u4e00-\\u9fff]+/g)` : `name.match(/\\b[A-Za-z]{4,}\\b/g)`};
  if (words && ${language === 'en' ? `!el.closest('[lang="zh-CN"]') && !/[A-Za-z]/.test(own)` : 'true'})
    problems.push('other language: ' + words.join(' '));
  const control = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.getAttribute('role') ? '[role=' + el.getAttribute('role') + ']' : '');
  return { control, name, problems };
})()`;

/** The focused element's name in Chromium's accessibility tree, what a screen reader reads. */
async function focusedName(cdp: CDPSession): Promise<string> {
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'document.activeElement' });
  if (!result.objectId) return '';
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', {
    objectId: result.objectId,
    fetchRelatives: false,
  });
  return String(nodes[0]?.name?.value ?? '').trim();
}

/**
 * Walks the page with Tab from where the focus is until it comes round again (or `max` stops),
 * and returns every stop; the stops with problems are what a keyboard user could not use.
 */
export async function walk(page: Page, language: string, max = 120): Promise<Stop[]> {
  const cdp = await page.context().newCDPSession(page);
  const stops: Stop[] = [];
  const id = (s: Stop) => `${s.control} ${s.name}`;
  try {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate<Stop | null>(STOP(language, await focusedName(cdp)));
      if (!stop) continue;
      if (stops[0] && id(stops[0]) === id(stop)) break;
      stops.push(stop);
    }
  } finally {
    await cdp.detach();
  }
  return stops;
}

/** The stops that have problems, one line each. */
export const problemsOf = (stops: Stop[]) =>
  stops.filter((s) => s.problems.length).map((s) => `${s.control} "${s.name}": ${s.problems}`);
