/** How an alert's evidence figures read: pure, so the drawer and its test share them. */
import { OUTLET_CATEGORIES } from '#shared/catalog.ts';

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** A p- or q-value: two significant digits, very small ones as 3.9×10⁻¹² (never 3.914e-12). */
export function probability(x: number): string {
  if (x === 0 || x >= 0.001) return String(Number(x.toPrecision(2)));
  const [mantissa, exponent] = x.toExponential(1).split('e');
  const power = String(Number(exponent))
    .split('')
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join('');
  return `${mantissa}×10${power}`;
}

/** A rate as a percentage with one decimal (0.975 → 97.5%). */
export const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A count grouped by thousands, any other figure to three significant digits. */
export const figure = (x: number) =>
  Number.isInteger(x) ? x.toLocaleString('en-US') : String(Number(x.toPrecision(3)));

const CATEGORIES = new Set<string>(OUTLET_CATEGORIES);

/**
 * The resource key of a peer group's name: the units of a rate rule are compared within the same
 * exam subject (`subject-1`…) or outlet category (`police-window`, `inspection-station`…); any
 * other group (an outlet without a category) has a generic name, never its code.
 */
export function peerGroupKey(group: string): string {
  const subject = /^subject-(\d)$/.exec(group)?.[1];
  if (subject) return `driver.subjects.${subject}`;
  return CATEGORIES.has(group) ? `category.${group}` : 'supervision.evidenceGroupOther';
}
