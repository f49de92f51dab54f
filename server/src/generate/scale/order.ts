/**
 * Indexes 0 … n−1 ordered by an integer rank, and by index among equal ranks.
 *
 * Why: a table written in the order of one of its indexes lets that index's build skip its sort
 * (PostgreSQL's sort first checks whether its input is already in order), so the generator
 * writes some tables in such an order (applications.ts, registry.ts).
 *
 * Each index becomes one number, (rank − least rank) · n + index, and a typed array of those is
 * sorted as numbers, without a comparison function: exact while the numbers stay below 2^53.
 */
export function orderedBy(n: number, rank: (i: number) => number): Float64Array {
  const order = new Float64Array(n);
  let least = Infinity;
  let most = -Infinity;
  for (let i = 0; i < n; i++) {
    const r = rank(i);
    if (!Number.isSafeInteger(r)) throw new RangeError(`rank of ${i} is not an integer: ${r}`);
    order[i] = r;
    if (r < least) least = r;
    if (r > most) most = r;
  }
  if ((most - least + 1) * n > Number.MAX_SAFE_INTEGER) {
    throw new RangeError(`${n} indexes over ${most - least + 1} ranks do not fit a double`);
  }
  for (let i = 0; i < n; i++) order[i] = (order[i]! - least) * n + i;
  order.sort();
  for (let k = 0; k < n; k++) order[k] = order[k]! % n;
  return order;
}
