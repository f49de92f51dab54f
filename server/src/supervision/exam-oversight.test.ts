import { describe, expect, it } from 'vitest';
import type { ExamFact } from './exam-port.ts';
import { assignmentTests, identityAssociations } from './exam-oversight.ts';

let serial = 0;
function exam(over: Partial<ExamFact>): ExamFact {
  serial += 1;
  const started = new Date('2026-11-02T09:00:00+08:00');
  return {
    id: `E${serial}`,
    idNumber: `P${serial}`,
    subject: 2,
    examSiteCode: 'SITE-1',
    examinerId: 'K1',
    passed: true,
    faceMatch: 'pass',
    startedAt: started,
    finishedAt: new Date(started.getTime() + 15 * 60_000),
    recordingRef: null,
    ...over,
  };
}

describe('identity associations', () => {
  it('finds one phone behind many candidates, overrides per examiner, and schools', () => {
    const exams = [
      ...['A', 'B', 'C', 'D'].map((p) => exam({ idNumber: p, phone: '13800000001' })),
      exam({ idNumber: 'E', phone: '13800000002' }),
      ...['F', 'G', 'H'].map((p) =>
        exam({ idNumber: p, examinerId: 'K9', faceMatch: 'manual', passed: true }),
      ),
      // A failed face match that was not passed is no override.
      exam({ idNumber: 'I', examinerId: 'K9', faceMatch: 'fail', passed: false }),
      ...['J', 'K', 'L'].map((p) => exam({ idNumber: p, schoolCode: 'SCH-1', examinerId: 'K2' })),
    ];
    const found = identityAssociations(exams, { minCandidates: 3 });
    expect(found.map((a) => `${a.kind}:${a.key}:${a.candidates.length}`)).toEqual([
      'phone:13800000001:4',
      'face-override:K9:3',
      'school:SCH-1:3',
    ]);
    expect(found[0]!.candidates).toEqual(['A', 'B', 'C', 'D']);
    expect(found[2]).toMatchObject({ examiners: [{ id: 'K2', exams: 3 }], topExaminerShare: 1 });
  });
});

describe('examiner assignment', () => {
  /** Exams of a site from a table: rows examiners K1…, columns schools S1…. */
  const fromTable = (site: string, table: number[][]) =>
    table.flatMap((row, i) =>
      row.flatMap((n, j) =>
        Array.from({ length: n }, () =>
          exam({ examSiteCode: site, examinerId: `K${i + 1}`, schoolCode: `S${j + 1}` }),
        ),
      ),
    );

  it('flags the site whose examiner gets one school, not the one in proportion', () => {
    // The 3 × 3 worked example of stats/chi-square.test.ts: X² = 46 on 4 df.
    const rigged = fromTable('RIGGED', [
      [24, 1, 5],
      [2, 14, 14],
      [4, 15, 11],
    ]);
    const fair = fromTable('FAIR', [
      [10, 11, 9],
      [9, 10, 11],
      [11, 9, 10],
    ]);
    const tests = assignmentTests([...rigged, ...fair], { q: 0.05, minExams: 30 });
    expect(tests.map((t) => [t.examSiteCode, t.flagged])).toEqual([
      ['RIGGED', true],
      ['FAIR', false],
    ]);
    expect(tests[0]!.statistic).toBeCloseTo(46, 10);
    expect(tests[0]!.excess[0]).toEqual({
      examinerId: 'K1',
      schoolCode: 'S1',
      observed: 24,
      expected: 10,
    });
    // FAIR: deviations ±1 in six cells, 0 in three: X² = 6/10 = 0.6 on 4 df, p = 0.963.
    expect(tests[1]!.statistic).toBeCloseTo(0.6, 10);
    expect(tests[1]!.p).toBeCloseTo(Math.exp(-0.3) * 1.3, 8);
  });

  it('tests nothing without schools or with too few exams', () => {
    const noSchool = Array.from({ length: 50 }, (_, i) => exam({ examinerId: `K${i % 3}` }));
    expect(assignmentTests(noSchool, { q: 0.05, minExams: 30 })).toEqual([]);
    const few = fromTable('FEW', [
      [3, 1],
      [1, 3],
    ]);
    expect(assignmentTests(few, { q: 0.05, minExams: 30 })).toEqual([]);
  });
});
