import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** One stop of the keyboard on the page, and what is wrong with it. */
export interface Stop {
  control: string;
  name: string;
  problems: string[];
}

/**
 * What the focused control is, as a screen reader names it (axe-core's accessible name), whether
 * its focus is visible (an outline or a ring on it or the antd wrapper drawn around it), and
 * whether its name is in the other language: English words in Chinese mode, Chinese in English
 * mode (data such as names and outlets are Chinese in both: only the page's own words count,
 * so an English page is checked for Chinese only in names the app gives, not in text).
 */
const STOP = (language: string) => `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  axe.setup(document);
  let name;
  try {
    name = axe.commons.text.accessibleText(el).trim();
  } finally {
    axe.teardown();
  }
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
  // In English mode a control may name Chinese data (a plate, an outlet) in its own label.
  if (words && ${language === 'en' ? `!el.closest('[lang="zh-CN"]') && !/[A-Za-z]/.test(own)` : 'true'})
    problems.push('other language: ' + words.join(' '));
  const control = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.getAttribute('role') ? '[role=' + el.getAttribute('role') + ']' : '');
  return { control, name, problems };
})()`;

/**
 * Walks the page with Tab from where the focus is until it comes round again (or `max` stops),
 * and returns every stop; the stops with problems are what a keyboard user could not use.
 */
export async function walk(page: Page, language: string, max = 120): Promise<Stop[]> {
  if (!(await page.evaluate("'axe' in window"))) await page.addScriptTag({ path: AXE_SCRIPT });
  const stops: Stop[] = [];
  const id = (s: Stop) => `${s.control} ${s.name}`;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate<Stop | null>(STOP(language));
    if (!stop) continue;
    if (stops[0] && id(stops[0]) === id(stop)) break;
    stops.push(stop);
  }
  return stops;
}

/** The stops that have problems, one line each. */
export const problemsOf = (stops: Stop[]) =>
  stops.filter((s) => s.problems.length).map((s) => `${s.control} "${s.name}": ${s.problems}`);
