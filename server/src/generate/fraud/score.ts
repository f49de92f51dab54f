/**
 * Scores findings against the generator's ground truth, ring by ring.
 *
 * Members: a ring's core is its `people` and `staff` (staff ids kept apart from identity
 * numbers); a finding's members are its `people` and `staff`.
 * - A finding **matches** a planted ring of the same kind when it covers at least 2/3 of the
 *   ring's core (coverage = |finding ∩ core| / |core|) and at least 2/3 of the finding's members
 *   belong to the ring (purity = |finding ∩ (core ∪ associates)| / |finding|; associates — the
 *   buyers of points, an agent's customers — may be listed without being counted wrong).
 * - **Recall** of a kind = planted rings matched by some finding / planted rings.
 * - **Precision** of a kind = findings matching some planted ring / findings of that kind.
 * - A **hard-negative group is flagged** when any finding, of any kind, names any of its people or
 *   staff; the false-positive rate of a kind of group = flagged groups / groups.
 */
import { NEGATIVE_KINDS, RING_KINDS, type GroundTruth, type PlantedRing } from './truth.ts';

export interface ScoredFinding {
  id: string;
  kind: string;
  people: readonly string[];
  staff: readonly string[];
}

const MATCH_THRESHOLD = 2 / 3;

const staffKey = (s: string) => `staff:${s}`;
const membersOf = (f: { people: readonly string[]; staff: readonly string[] }) =>
  new Set([...f.people, ...f.staff.map(staffKey)]);

export function matches(f: ScoredFinding, ring: PlantedRing): boolean {
  if (f.kind !== ring.kind) return false;
  const { coverage, purity } = overlap(f, ring);
  return coverage >= MATCH_THRESHOLD && purity >= MATCH_THRESHOLD;
}

export interface KindScore {
  kind: string;
  planted: number;
  /** Rings with at least one core member named by a finding of the kind (the lenient view). */
  touched: number;
  recalled: number;
  recall: number | null;
  findings: number;
  correct: number;
  precision: number | null;
}

export interface NegativeScore {
  kind: string;
  groups: number;
  flagged: number;
  rate: number | null;
}

export interface Score {
  kinds: KindScore[];
  negatives: NegativeScore[];
  /** All hard-negative groups together. */
  negativeRate: number | null;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

function kindScore(
  kind: string,
  rings: readonly PlantedRing[],
  findings: readonly ScoredFinding[],
): KindScore {
  const recalled = rings.filter((r) => findings.some((f) => matches(f, r))).length;
  const own = findings.filter((f) => f.kind === kind);
  const named = new Set(own.flatMap((f) => [...membersOf(f)]));
  const touched = rings.filter((r) => [...membersOf(r)].some((m) => named.has(m))).length;
  const correct = own.filter((f) => rings.some((r) => matches(f, r))).length;
  return {
    kind,
    planted: rings.length,
    touched,
    recalled,
    recall: ratio(recalled, rings.length),
    findings: own.length,
    correct,
    precision: ratio(correct, own.length),
  };
}

/**
 * Per ring kind (and point trading under the caps apart), then the hard negatives. Findings of
 * the point-trading kind are scored against every point-trading ring in both rows, so the
 * under-caps row's precision is that of the whole kind.
 */
export function scoreFindings(truth: GroundTruth, findings: readonly ScoredFinding[]): Score {
  const kinds = RING_KINDS.map((kind) =>
    kindScore(
      kind,
      truth.rings.filter((r) => r.kind === kind),
      findings,
    ),
  );
  const under = truth.rings.filter((r) => r.kind === 'point-trading' && r.underCaps);
  const underRow = kindScore('point-trading', under, findings);
  kinds.splice(1, 0, {
    ...underRow,
    kind: 'point-trading (under the caps)',
    findings: kinds[0]!.findings,
    correct: kinds[0]!.correct,
    precision: kinds[0]!.precision,
  });
  const named = new Set(findings.flatMap((f) => [...membersOf(f)]));
  const negatives = NEGATIVE_KINDS.map((kind) => {
    const groups = truth.negatives.filter((g) => g.kind === kind);
    const flagged = groups.filter((g) => [...membersOf(g)].some((m) => named.has(m))).length;
    return { kind, groups: groups.length, flagged, rate: ratio(flagged, groups.length) };
  });
  const total = negatives.reduce((n, g) => n + g.groups, 0);
  const flagged = negatives.reduce((n, g) => n + g.flagged, 0);
  return { kinds, negatives, negativeRate: ratio(flagged, total) };
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);

/** The score as a plain-text table (the eval command prints it; docs quote it). */
export function formatScore(title: string, s: Score): string {
  const lines = [
    title,
    '  kind                              planted  touched  recalled  recall    findings  correct  precision',
    ...s.kinds.map(
      (k) =>
        `  ${k.kind.padEnd(32)}  ${String(k.planted).padStart(7)}  ${String(k.touched).padStart(7)}  ${String(k.recalled).padStart(8)}  ${pct(k.recall).padStart(8)}  ${String(k.findings).padStart(8)}  ${String(k.correct).padStart(7)}  ${pct(k.precision).padStart(9)}`,
    ),
    '  hard negatives                    groups  flagged  false-positive rate',
    ...s.negatives.map(
      (g) =>
        `  ${g.kind.padEnd(32)}  ${String(g.groups).padStart(6)}  ${String(g.flagged).padStart(7)}  ${pct(g.rate).padStart(8)}`,
    ),
    `  ${'all hard negatives'.padEnd(32)}  ${String(s.negatives.reduce((n, g) => n + g.groups, 0)).padStart(6)}  ${String(s.negatives.reduce((n, g) => n + g.flagged, 0)).padStart(7)}  ${pct(s.negativeRate).padStart(8)}`,
  ];
  return lines.join('\n');
}

/** How much of a ring a finding covers, and how much of the finding is the ring. */
function overlap(f: ScoredFinding, ring: PlantedRing) {
  const members = membersOf(f);
  const core = membersOf(ring);
  const known = new Set([...core, ...ring.associates]);
  const covered = [...core].filter((m) => members.has(m)).length;
  const inRing = [...members].filter((m) => known.has(m)).length;
  return { coverage: covered / core.size, purity: members.size ? inRing / members.size : 0 };
}

/**
 * Why the score is what it is, for whoever tunes the detectors: each planted ring that was not
 * recalled with the finding that came closest, and each finding that matched nothing with the
 * planted groups its members belong to.
 */
export function explainScore(truth: GroundTruth, findings: readonly ScoredFinding[]): string[] {
  const lines: string[] = [];
  for (const ring of truth.rings) {
    if (findings.some((f) => matches(f, ring))) continue;
    const best = findings
      .filter((f) => f.kind === ring.kind)
      .map((f) => ({ f, ...overlap(f, ring) }))
      .sort((a, b) => b.coverage - a.coverage || b.purity - a.purity)[0];
    lines.push(
      `missed ${ring.id} (${ring.people.length} people, ${ring.staff.length} staff; ${ring.note}): ` +
        (best && best.coverage > 0
          ? `closest finding ${best.f.id} covers ${(best.coverage * 100).toFixed(0)} %, ${(best.purity * 100).toFixed(0)} % of it in the ring`
          : 'no finding names any of its members'),
    );
  }
  const groupOf = new Map<string, string>();
  for (const g of [...truth.rings, ...truth.negatives]) {
    for (const m of membersOf(g)) if (!groupOf.has(m)) groupOf.set(m, g.id);
    for (const a of 'associates' in g ? g.associates : []) {
      if (!groupOf.has(a)) groupOf.set(a, `${g.id} (associate)`);
    }
  }
  for (const f of findings) {
    if (truth.rings.some((r) => matches(f, r))) continue;
    const tally = new Map<string, number>();
    for (const m of membersOf(f)) {
      const g = groupOf.get(m) ?? 'no planted group';
      tally.set(g, (tally.get(g) ?? 0) + 1);
    }
    lines.push(
      `wrong ${f.kind} finding ${f.id} (${membersOf(f).size} members): ` +
        [...tally.entries()]
          .sort((a, b) => b[1] - a[1])
          .map(([g, n]) => `${n} × ${g}`)
          .join(', '),
    );
  }
  return lines;
}
