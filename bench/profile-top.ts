/**
 * The top entries of a V8 CPU profile (`--profile`'s files, or `node --cpu-prof`'s): self time per
 * function and per group (socket writes, Kysely, pg, Fastify, zod, JSON, the application's own
 * code…), the same groups with Node core and native time charged to their caller, as Markdown
 * tables. Usage: npx tsx bench/profile-top.ts <file.cpuprofile> [rows]
 */
import fs from 'node:fs';
import { locateInSources, type CallFrame } from './profile-sources.ts';
import { BORROWED, groupOf as frameGroup, shortUrl as short } from './profile-groups.ts';
import { markdownTable, fmt } from './stats.ts';

const groupOf = (node: Node) => frameGroup(node.callFrame);

interface Node {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) {
  console.error('usage: npx tsx bench/profile-top.ts <file.cpuprofile> [rows]');
  process.exit(2);
}
const rows = Number(process.argv[3] ?? 25);
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
// The bench serves from its bundle (scripts/bench.mjs): name its frames by their sources.
locateInSources(profile.nodes.map((n) => n.callFrame));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) =>
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
);

const total = [...self.values()].reduce((a, b) => a + b, 0);
const idle = [...self.entries()]
  .filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)')
  .reduce((a, [, t]) => a + t, 0);
const busy = total - idle;

const sum = (key: (n: Node) => string) => {
  const m = new Map<string, number>();
  for (const [id, t] of self) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') continue;
    m.set(key(node), (m.get(key(node)) ?? 0) + t);
  }
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
};
/**
 * Self time charged to the nearest package or application code on the stack: Node core and
 * native frames (streams, promises, buffers) count for whoever called them, so a library's whole
 * cost shows (Kysely building a query spends much of its time in `freeze` and other natives).
 * Socket writes, the garbage collector and (program) stay apart.
 */
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
const OWN_GROUPS = new Set(['socket writes (native)', '(garbage collector)', '(program)']);
function chargedGroup(node: Node): string {
  const own = groupOf(node);
  if (OWN_GROUPS.has(own)) return own;
  for (let id: number | undefined = node.id; id !== undefined; id = parentOf.get(id)) {
    const g = groupOf(byId.get(id)!);
    if (!BORROWED.has(g)) return g;
  }
  return own;
}

const pct = (t: number) => `${fmt((t / busy) * 100)} %`;

console.log(
  `${file}: ${fmt(total / 1000, 0)} ms sampled, busy ${fmt(busy / 1000, 0)} ms (${fmt((busy / total) * 100, 0)} %); shares are of the busy time\n`,
);
console.log(
  markdownTable(
    ['group', 'self ms', 'share of busy'],
    sum(groupOf).map(([g, t]) => [g, fmt(t / 1000, 0), pct(t)]),
  ),
);
console.log('');
console.log(
  markdownTable(
    ['group, Node core and native time charged to its caller', 'ms', 'share of busy'],
    sum(chargedGroup).map(([g, t]) => [g, fmt(t / 1000, 0), pct(t)]),
  ),
);
console.log('');
console.log(
  markdownTable(
    ['function', 'where', 'self ms', 'share of busy'],
    sum(
      (n) =>
        `${n.callFrame.functionName || '(anonymous)'}\t${n.callFrame.url ? `${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}` : ''}`,
    )
      .slice(0, rows)
      .map(([k, t]) => {
        const [fn, where] = k.split('\t');
        return [fn!, where!, fmt(t / 1000, 0), pct(t)];
      }),
  ),
);
