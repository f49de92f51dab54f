/**
 * The top entries of a V8 sampling heap profile taken with the objects the collector already took
 * (`--alloc-profile`'s files): bytes allocated per request by group (Kysely, pg, Fastify, zod, the
 * application's own code…, Node core and native allocations charged to their caller, as in
 * bench/profile-top.ts) and by function, as Markdown tables.
 * Usage: npx tsx bench/alloc-top.ts <file.heapprofile> <requests in the window> [rows]
 */
import fs from 'node:fs';
import { BORROWED, groupOf, shortUrl } from './profile-groups.ts';
import { locateInSources, type CallFrame } from './profile-sources.ts';
import { fmt, markdownTable } from './stats.ts';

export interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

export interface AllocationSummary {
  totalBytes: number;
  /** Group → bytes, Node core and native allocations charged to the nearest caller of a group. */
  byGroup: [string, number][];
  /** "function\twhere" → bytes allocated by the function itself. */
  byFunction: [string, number][];
}

/** Sums a profile's tree (its frames already named by their sources). */
export function summarise(head: HeapNode): AllocationSummary {
  const byGroup = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let totalBytes = 0;
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  // Iterative: a deep async stack must not overflow ours.
  // The root is no code: below it, what no caller of a group can take stays its own.
  const stack: { node: HeapNode; charged: string | null }[] = [{ node: head, charged: null }];
  while (stack.length) {
    const { node, charged: parentCharge } = stack.pop()!;
    const own = groupOf(node.callFrame);
    const charged = (BORROWED.has(own) && parentCharge) || own;
    if (node.selfSize > 0) {
      totalBytes += node.selfSize;
      add(byGroup, charged, node.selfSize);
      const { functionName, url, lineNumber } = node.callFrame;
      add(
        byFunction,
        `${functionName || '(anonymous)'}\t${url ? `${shortUrl(url)}:${lineNumber + 1}` : ''}`,
        node.selfSize,
      );
    }
    for (const child of node.children)
      stack.push({ node: child, charged: node === head ? null : charged });
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { totalBytes, byGroup: sorted(byGroup), byFunction: sorted(byFunction) };
}

function frames(head: HeapNode): CallFrame[] {
  const out: CallFrame[] = [];
  const stack = [head];
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n.callFrame);
    stack.push(...n.children);
  }
  return out;
}

function main() {
  const [file, requestsArg, rowsArg] = process.argv.slice(2);
  const requests = Number(requestsArg);
  if (!file || !Number.isInteger(requests) || requests < 1) {
    console.error('usage: npx tsx bench/alloc-top.ts <file.heapprofile> <requests> [rows]');
    process.exit(2);
  }
  const rows = Number(rowsArg ?? 30);
  const { head } = JSON.parse(fs.readFileSync(file, 'utf8')) as { head: HeapNode };
  locateInSources(frames(head));
  const s = summarise(head);
  const kb = (bytes: number) => fmt(bytes / requests / 1024, 2);
  const pct = (bytes: number) => `${fmt((bytes / s.totalBytes) * 100)} %`;
  console.log(
    `${file}: ${fmt(s.totalBytes / 1024 / 1024, 1)} MiB allocated by the server thread in the window, **${kb(s.totalBytes)} KiB per request** (${requests} requests)\n`,
  );
  console.log(
    markdownTable(
      ['group, Node core and native allocations charged to its caller', 'KiB / request', 'share'],
      s.byGroup.map(([g, b]) => [g, kb(b), pct(b)]),
    ),
  );
  console.log('');
  console.log(
    markdownTable(
      ['function', 'where', 'KiB / request', 'share'],
      s.byFunction.slice(0, rows).map(([k, b]) => {
        const [fn, where] = k.split('\t');
        return [fn!, where!, kb(b), pct(b)];
      }),
    ),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) main();
