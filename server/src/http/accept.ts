/**
 * Content negotiation by the `Accept` header (RFC 9110 §12.5.1) for the routes that answer in
 * more than one media type: the offered type the client weighs highest, `null` when it accepts
 * none of them. A client that sends no `Accept` takes the first offer. Matching a type exactly
 * beats `type/*`, which beats `*\/*`, whatever their order in the header; a weight of 0 refuses.
 */
export function preferredType(
  accept: string | undefined,
  offers: readonly [string, ...string[]],
): string | null {
  if (accept === undefined || accept.trim() === '') return offers[0];
  const ranges = accept.split(',').flatMap((part) => {
    const [range, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!range || !/^[^/\s]+\/[^/\s]+$/.test(range)) return [];
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    return Number.isFinite(weight) && weight >= 0 && weight <= 1 ? [{ range, weight }] : [];
  });
  let best: { type: string; weight: number } | null = null;
  for (const type of offers) {
    const weight = weightOf(type.toLowerCase(), ranges);
    // Ties keep the earlier offer: the route's own order of preference.
    if (weight > 0 && (best === null || weight > best.weight)) best = { type, weight };
  }
  return best?.type ?? null;
}

/** The weight of the most specific range that covers the type; 0 when none does. */
function weightOf(type: string, ranges: { range: string; weight: number }[]): number {
  const major = type.split('/')[0];
  const specificity = (range: string) =>
    range === type ? 3 : range === `${major}/*` ? 2 : range === '*/*' ? 1 : 0;
  let found = { specificity: 0, weight: 0 };
  for (const { range, weight } of ranges) {
    const s = specificity(range);
    if (s > found.specificity) found = { specificity: s, weight };
  }
  return found.weight;
}
