/**
 * Exam oversight (issue 10 item 5), pure: identity associations among candidates, and whether
 * exam sites assign examiners at random. Both read exam results as the port gives them.
 */
import type { ExamFact } from './exam-port.ts';
import { benjaminiHochberg } from './stats/fdr.ts';
import { independenceTest, type IndependenceTest } from './stats/chi-square.ts';

export type AssociationKind = 'phone' | 'face-override' | 'school';

/**
 * One thing that links several candidates: a phone number many of them gave, an examiner who
 * passed several despite a failed or manual face match, or a driving school with the examiners
 * its candidates sat before (the candidate–school–examiner links).
 */
export interface Association {
  kind: AssociationKind;
  key: string;
  candidates: string[];
  examiners: { id: string; exams: number }[];
  sites: string[];
  exams: number;
  passed: number;
  /** The top examiner's share of the exams (for a school: how concentrated its candidates are). */
  topExaminerShare: number;
}

function associate(kind: AssociationKind, key: string, exams: readonly ExamFact[]): Association {
  const examiners = new Map<string, number>();
  for (const e of exams) examiners.set(e.examinerId, (examiners.get(e.examinerId) ?? 0) + 1);
  const ranked = [...examiners]
    .map(([id, n]) => ({ id, exams: n }))
    .sort((a, b) => b.exams - a.exams || a.id.localeCompare(b.id));
  return {
    kind,
    key,
    candidates: [...new Set(exams.map((e) => e.idNumber))].sort(),
    examiners: ranked,
    sites: [...new Set(exams.map((e) => e.examSiteCode))].sort(),
    exams: exams.length,
    passed: exams.filter((e) => e.passed).length,
    topExaminerShare: exams.length ? ranked[0]!.exams / exams.length : 0,
  };
}

function groupBy(exams: readonly ExamFact[], key: (e: ExamFact) => string | null | undefined) {
  const groups = new Map<string, ExamFact[]>();
  for (const e of exams) {
    const k = key(e);
    if (!k) continue;
    const list = groups.get(k);
    if (list) list.push(e);
    else groups.set(k, [e]);
  }
  return groups;
}

/**
 * Associations that link at least `minCandidates` distinct candidates, most candidates first:
 * shared phones, face-match overrides per examiner, and driving schools.
 */
export function identityAssociations(
  exams: readonly ExamFact[],
  { minCandidates }: { minCandidates: number },
): Association[] {
  const found: Association[] = [];
  const add = (kind: AssociationKind, groups: Map<string, ExamFact[]>) => {
    for (const [key, list] of groups) {
      const a = associate(kind, key, list);
      if (a.candidates.length >= minCandidates) found.push(a);
    }
  };
  add(
    'phone',
    groupBy(exams, (e) => e.phone),
  );
  add(
    'face-override',
    groupBy(
      exams.filter((e) => e.passed && e.faceMatch !== 'pass'),
      (e) => e.examinerId,
    ),
  );
  add(
    'school',
    groupBy(exams, (e) => e.schoolCode),
  );
  return found.sort(
    (a, b) =>
      b.candidates.length - a.candidates.length ||
      a.kind.localeCompare(b.kind) ||
      a.key.localeCompare(b.key),
  );
}

export interface AssignmentTest extends IndependenceTest {
  examSiteCode: string;
  subject: number;
  /** Benjamini–Hochberg q-value across the sites and subjects tested together. */
  q: number;
  flagged: boolean;
  /** The cells furthest above what random assignment expects: who got whose candidates. */
  excess: { examinerId: string; schoolCode: string; observed: number; expected: number }[];
}

/**
 * Is examiner assignment random? For each exam site and subject, a chi-square test of
 * independence of examiner × candidate's driving school (only exams whose school is known);
 * q-values by Benjamini–Hochberg over every site and subject tested, flagged at q ≤ `q`.
 * A table with too few exams (`minExams`) is not tested.
 */
export function assignmentTests(
  exams: readonly ExamFact[],
  params: { q: number; minExams: number },
): AssignmentTest[] {
  const tests: Omit<AssignmentTest, 'q' | 'flagged'>[] = [];
  const bySite = groupBy(
    exams.filter((e) => e.schoolCode),
    (e) => `${e.examSiteCode}|${e.subject}`,
  );
  for (const [key, list] of bySite) {
    if (list.length < params.minExams) continue;
    const [examSiteCode, subject] = key.split('|') as [string, string];
    const examiners = [...new Set(list.map((e) => e.examinerId))].sort();
    const schools = [...new Set(list.map((e) => e.schoolCode!))].sort();
    const table = examiners.map(() => schools.map(() => 0));
    for (const e of list) {
      table[examiners.indexOf(e.examinerId)]![schools.indexOf(e.schoolCode!)]! += 1;
    }
    const test = independenceTest(table);
    if (test.df === 0) continue;
    const rowSums = table.map((r) => r.reduce((s, x) => s + x, 0));
    const colSums = schools.map((_, j) => table.reduce((s, r) => s + r[j]!, 0));
    const excess = examiners
      .flatMap((examinerId, i) =>
        schools.map((schoolCode, j) => ({
          examinerId,
          schoolCode,
          observed: table[i]![j]!,
          expected: (rowSums[i]! * colSums[j]!) / list.length,
        })),
      )
      .filter((c) => c.observed > c.expected)
      .sort(
        (a, b) =>
          (b.observed - b.expected) / Math.sqrt(b.expected) -
          (a.observed - a.expected) / Math.sqrt(a.expected),
      )
      .slice(0, 3);
    tests.push({ ...test, examSiteCode, subject: Number(subject), excess });
  }
  const bh = benjaminiHochberg(
    tests.map((t) => t.p),
    params.q,
  );
  return tests
    .map((t, i) => ({ ...t, q: bh.adjusted[i]!, flagged: bh.flagged[i]! }))
    .sort((a, b) => a.p - b.p || a.examSiteCode.localeCompare(b.examSiteCode));
}
