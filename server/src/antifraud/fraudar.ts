/**
 * Dense-subgraph detection of the FRAUDAR family (Hooi et al., "FRAUDAR: Bounding Graph Fraud in
 * the Face of Camouflage", KDD 2016) on a bipartite graph of rows (drivers) and columns (vehicles,
 * phones, devices).
 *
 * The density of a block S is g(S) = f(S) / |S|, where f sums the weight of every edge inside S
 * and an edge's weight is its column's: 1 / ln(degree + c). A column many rows touch (an outlet's
 * public phone, a busy terminal) weighs little, so popular nodes do not make a block dense; and
 * because weights sit on columns, a ring's camouflage (members' honest edges to other columns)
 * cannot lower the density of the ring's own block. Greedy peeling removes, one at a time, the
 * node whose removal loses the least weight and keeps the densest prefix: a 2-approximation of
 * the densest block.
 */

export interface BipartiteEdge {
  row: string;
  col: string;
}

export interface DenseBlock {
  rows: string[];
  cols: string[];
  /** g(S): the block's weighted density. */
  density: number;
}

/** The column weight of FRAUDAR: 1 / ln(degree + c). */
export const columnWeight = (degree: number, c: number) => 1 / Math.log(degree + c);

/** A binary min-heap of (priority, key) with lazy deletion (stale entries are skipped). */
class MinHeap {
  private items: { p: number; k: number }[] = [];
  push(p: number, k: number) {
    const a = this.items;
    a.push({ p, k });
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent]!.p <= a[i]!.p) break;
      [a[parent], a[i]] = [a[i]!, a[parent]!];
      i = parent;
    }
  }
  pop(): { p: number; k: number } | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]!.p < a[m]!.p) m = l;
        if (r < a.length && a[r]!.p < a[m]!.p) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * The densest block of one graph by greedy peeling. `degree` gives each column's degree for its
 * weight (the caller may count it over a larger graph than the edges given, e.g. every handling
 * and not only the suspicious ones). Ties are broken by key order, so the result is reproducible.
 */
export function densestBlock(
  edges: readonly BipartiteEdge[],
  degree: (col: string) => number,
  c: number,
): DenseBlock {
  const keys: string[] = [];
  const index = new Map<string, number>();
  const node = (key: string) => {
    let i = index.get(key);
    if (i === undefined) {
      i = keys.length;
      keys.push(key);
      index.set(key, i);
    }
    return i;
  };
  const seen = new Set<string>();
  const adj: number[][] = [];
  const weight: number[] = [];
  const isRow: boolean[] = [];
  for (const e of [...edges].sort((a, b) =>
    a.row === b.row ? a.col.localeCompare(b.col) : a.row.localeCompare(b.row),
  )) {
    const id = `${e.row}\u0000${e.col}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const r = node(`r:${e.row}`);
    const k = node(`c:${e.col}`);
    for (const i of [r, k]) adj[i] ??= [];
    isRow[r] = true;
    isRow[k] = false;
    weight[k] = columnWeight(Math.max(degree(e.col), 1), c);
    adj[r]!.push(k);
    adj[k]!.push(r);
  }
  const n = keys.length;
  if (!n) return { rows: [], cols: [], density: 0 };
  const edgeWeight = (a: number, b: number) => (isRow[a] ? weight[b]! : weight[a]!);
  const contribution = new Array<number>(n).fill(0);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (const j of adj[i]!) {
      contribution[i]! += edgeWeight(i, j);
      if (isRow[i]) total += edgeWeight(i, j);
    }
  }
  const heap = new MinHeap();
  for (let i = 0; i < n; i++) heap.push(contribution[i]!, i);
  const removed = new Array<boolean>(n).fill(false);
  const order: number[] = [];
  let size = n;
  let best = total / size;
  let bestStep = 0;
  while (size > 0) {
    const top = heap.pop();
    if (!top) break;
    if (removed[top.k] || top.p !== contribution[top.k]) continue;
    removed[top.k] = true;
    order.push(top.k);
    total -= contribution[top.k]!;
    size -= 1;
    for (const j of adj[top.k]!) {
      if (removed[j]) continue;
      contribution[j]! -= edgeWeight(top.k, j);
      heap.push(contribution[j]!, j);
    }
    // Rounding must not let an empty tail look denser than a real block.
    if (size > 0 && total / size > best + 1e-12) {
      best = total / size;
      bestStep = order.length;
    }
  }
  const peeled = new Set(order.slice(0, bestStep));
  const rows: string[] = [];
  const cols: string[] = [];
  for (let i = 0; i < n; i++) {
    if (peeled.has(i)) continue;
    const key = keys[i]!.slice(2);
    (isRow[i] ? rows : cols).push(key);
  }
  return { rows: rows.sort(), cols: cols.sort(), density: best };
}

/** The connected components of a bipartite edge list (each a list of its edges). */
export function components(edges: readonly BipartiteEdge[]): BipartiteEdge[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    let cur = x;
    while (cur !== root) {
      const next = parent.get(cur)!;
      parent.set(cur, root);
      cur = next;
    }
    return root;
  };
  for (const e of edges) {
    for (const k of [`r:${e.row}`, `c:${e.col}`]) if (!parent.has(k)) parent.set(k, k);
    const a = find(`r:${e.row}`);
    const b = find(`c:${e.col}`);
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  }
  const groups = new Map<string, BipartiteEdge[]>();
  for (const e of edges) {
    const root = find(`r:${e.row}`);
    const list = groups.get(root) ?? [];
    list.push(e);
    groups.set(root, list);
  }
  return [...groups.keys()].sort().map((k) => groups.get(k)!);
}

/**
 * Every dense block of a graph: per connected component, the densest block, then the densest
 * of what is left once its rows are taken out, while `minRows` rows are left; blocks with fewer
 * rows are not reported. Peeling is a 2-approximation (no block of what is left is more than
 * twice as dense as the one found), so a component stops once what is left cannot reach
 * `minDensity`: a large honest component is peeled once, not once per driver.
 */
export function denseBlocks(
  edges: readonly BipartiteEdge[],
  degree: (col: string) => number,
  opts: { c: number; minRows: number; minDensity: number },
): DenseBlock[] {
  const found: DenseBlock[] = [];
  for (const component of components(edges)) {
    let left = component;
    while (new Set(left.map((e) => e.row)).size >= opts.minRows) {
      const block = densestBlock(left, degree, opts.c);
      if (!block.rows.length || 2 * block.density < opts.minDensity) break;
      // Equally dense rings joined by a peeled-off column come out as one block: each of its
      // own connected parts is a block. A part too small to be a ring still leaves the
      // component: the rest is examined alone.
      const rows = new Set(block.rows);
      const cols = new Set(block.cols);
      const inside = left.filter((e) => rows.has(e.row) && cols.has(e.col));
      for (const part of components(inside)) {
        const partRows = new Set(part.map((e) => e.row));
        if (partRows.size < opts.minRows) continue;
        const partCols = new Set(part.map((e) => e.col));
        const weight = [...partCols].reduce(
          (sum, col) =>
            sum +
            columnWeight(Math.max(degree(col), 1), opts.c) *
              new Set(part.filter((e) => e.col === col).map((e) => e.row)).size,
          0,
        );
        found.push({
          rows: [...partRows].sort(),
          cols: [...partCols].sort(),
          density: weight / (partRows.size + partCols.size),
        });
      }
      const taken = new Set(block.rows);
      left = left.filter((e) => !taken.has(e.row));
    }
  }
  return found;
}
