import type { PolicyKey } from '../catalog/policy-keys.ts';
import {
  EXAMPLES,
  refusalUnits,
  type ExamLoad,
  type RunFacts,
  type SourceId,
  type UnitStats,
} from './facts.ts';
import { rateOutliers, type RateParams } from './peer-outliers.ts';
import type { AlertEvidence, AlertSubjectKind, Severity } from '#shared/schemas/supervision.ts';

/** What a rule found about one subject; the run turns it into an alert. */
export interface Candidate {
  subject: { kind: AlertSubjectKind; id: string; name?: string };
  /** The outlet a sanction would act on, if any. */
  outletCode: string | null;
  countyCode: string;
  severity: Severity;
  evidence: AlertEvidence;
}

type Values = Record<PolicyKey, number>;

/**
 * An anomaly rule as data: what it is about, which policy values parameterise it, how serious
 * it is and to whom it goes (`county`: the subject's brigade unless serious; `detachment`:
 * always the city). `detect` is its detector over the facts a run accumulated.
 */
export interface RuleDefinition {
  id: string;
  nameZh: string;
  nameEn: string;
  subjectKind: AlertSubjectKind;
  severity: Severity;
  routing: 'county' | 'detachment';
  legalBasis: string;
  params: readonly PolicyKey[];
  /** For rate rules: the units its peer comparison is over (the dashboard's funnel plot). */
  units?: (facts: RunFacts) => Map<string, UnitStats>;
  /** The sources `units` is computed from: a funnel plot reads these and no others. */
  unitSources?: readonly SourceId[];
  detect(facts: RunFacts, values: Values): { examined: number; candidates: Candidate[] };
}

const RATE_KEYS = [
  'supervision.fdr-q',
  'supervision.min-unit-size',
  'supervision.cusum.odds-ratio',
  'supervision.cusum.threshold',
] as const satisfies readonly PolicyKey[];

const rateParams = (v: Values): RateParams => ({
  q: v['supervision.fdr-q'],
  minUnitSize: v['supervision.min-unit-size'],
  cusumOddsRatio: v['supervision.cusum.odds-ratio'],
  cusumThreshold: v['supervision.cusum.threshold'],
});

const nameOf = (facts: RunFacts, code: string | null) =>
  code ? facts.outlets.get(code)?.name : undefined;

/**
 * Examiners or exam sites with any day over the cap (R162 §54: an exam site arranges exams
 * within what its examiners and routes can take): the days over it, busiest first.
 */
function loadCandidates(
  facts: RunFacts,
  loads: Map<string, ExamLoad>,
  kind: 'examiner' | 'exam-site',
  cap: number,
) {
  const candidates: Candidate[] = [];
  for (const [id, l] of loads) {
    const over = [...l.days]
      .filter(([, n]) => n > cap)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    if (!over.length) continue;
    const name = kind === 'exam-site' ? nameOf(facts, id) : undefined;
    candidates.push({
      subject: { kind, id, ...(name ? { name } : {}) },
      outletCode: l.outletCode,
      countyCode: l.countyCode,
      severity: 'medium',
      evidence: {
        cap,
        count: over.length,
        examples: over.slice(0, EXAMPLES).map(([day, n]) => ({ day, n })),
      },
    });
  }
  return { examined: loads.size, candidates };
}

/**
 * The subject of an alert is the examiner or exam site itself, by the id the exam results give
 * (CONTRACT.md `subject.id`); its figures are per exam subject, which the evidence names.
 */
const examSubjectOf = (u: UnitStats) =>
  u.examSubject === undefined ? {} : { examSubject: u.examSubject };

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { low: 0, medium: 1, high: 2 };

/**
 * One alert per rule, subject and period: an examiner or exam site found in several exam
 * subjects is one candidate, at its most serious, whose evidence keeps each subject's figures
 * (`bySubject`); a subject found once keeps its evidence as it is.
 */
function onePerSubject(candidates: Candidate[]): Candidate[] {
  const bySubject = new Map<string, Candidate[]>();
  for (const c of candidates) {
    bySubject.set(c.subject.id, [...(bySubject.get(c.subject.id) ?? []), c]);
  }
  return [...bySubject.values()].map((found) => {
    if (found.length === 1) return found[0]!;
    const worst = found.reduce((a, c) =>
      SEVERITY_RANK[c.severity] > SEVERITY_RANK[a.severity] ? c : a,
    );
    return { ...worst, evidence: { bySubject: found.map((c) => c.evidence) } };
  });
}

/** Peer outliers of some units as candidates, `high` when the evidence is overwhelming. */
function rateCandidates(
  facts: RunFacts,
  units: Map<string, UnitStats>,
  v: Values,
  kind: AlertSubjectKind,
  base: Severity,
) {
  const { examined, outliers } = rateOutliers([...units.values()], rateParams(v), 'two-sided');
  return {
    examined,
    candidates: onePerSubject(
      outliers.map((o): Candidate => {
        const u = units.get(o.key)!;
        const name = kind === 'examiner' ? undefined : nameOf(facts, u.id);
        return {
          subject: { kind, id: u.id, ...(name ? { name } : {}) },
          outletCode: u.outletCode,
          countyCode: u.countyCode,
          severity: o.evidence.q < 0.001 ? 'high' : base,
          evidence: { ...o.evidence, outlet: u.outletCode, ...examSubjectOf(u) },
        };
      }),
    ),
  };
}

/** Units whose count of something passes a limit. */
function countCandidates(
  facts: RunFacts,
  units: Map<string, UnitStats>,
  kind: AlertSubjectKind,
  severity: Severity,
  pick: (u: UnitStats) => { count: number; examples: string[] } | null,
) {
  const candidates: Candidate[] = [];
  for (const u of units.values()) {
    const found = pick(u);
    if (!found) continue;
    const name = kind === 'examiner' ? undefined : nameOf(facts, u.id);
    candidates.push({
      subject: { kind, id: u.id, ...(name ? { name } : {}) },
      outletCode: u.outletCode,
      countyCode: u.countyCode,
      severity,
      evidence: {
        n: u.n,
        count: found.count,
        examples: found.examples,
        outlet: u.outletCode,
        ...examSubjectOf(u),
      },
    });
  }
  return { examined: units.size, candidates: onePerSubject(candidates) };
}

const EXAM_BASIS = '机动车驾驶证申领和使用规定 第五十五条';
const INSPECTION_BASIS = '机动车登记规定 第六十七条';
const LOAD_BASIS = '机动车驾驶证申领和使用规定 第五十四条';
const VEHICLE_BASIS = '机动车登记规定 第七十四条第（五）项';

export const RULES: readonly RuleDefinition[] = [
  {
    id: 'exam-pass-rate',
    nameZh: '考试合格率异常',
    nameEn: 'Abnormal exam pass rate',
    subjectKind: 'examiner',
    severity: 'medium',
    routing: 'detachment',
    legalBasis: EXAM_BASIS,
    params: RATE_KEYS,
    units: (f) => f.examiners,
    unitSources: ['exams'],
    detect: (f, v) => {
      const examiners = rateCandidates(f, f.examiners, v, 'examiner', 'medium');
      const sites = rateCandidates(f, f.examSites, v, 'exam-site', 'medium');
      return {
        examined: examiners.examined + sites.examined,
        candidates: [...examiners.candidates, ...sites.candidates],
      };
    },
  },
  {
    id: 'exam-face-mismatch',
    nameZh: '人脸比对不通过仍予考试',
    nameEn: 'Exams passed despite a failed face match',
    subjectKind: 'examiner',
    severity: 'high',
    routing: 'detachment',
    legalBasis: EXAM_BASIS,
    params: ['supervision.exam-face.max-overrides'],
    detect: (f, v) =>
      countCandidates(f, f.examiners, 'examiner', 'high', (u) =>
        u.overrides > v['supervision.exam-face.max-overrides']
          ? { count: u.overrides, examples: u.overrideExamples }
          : null,
      ),
  },
  {
    id: 'exam-duration',
    nameZh: '考试时长过短',
    nameEn: 'Exams too short',
    subjectKind: 'examiner',
    severity: 'medium',
    routing: 'detachment',
    legalBasis: EXAM_BASIS,
    params: ['supervision.exam-duration.min-minutes', 'supervision.exam-duration.max-count'],
    detect: (f, v) =>
      countCandidates(f, f.examiners, 'examiner', 'medium', (u) =>
        u.short > v['supervision.exam-duration.max-count']
          ? { count: u.short, examples: u.shortExamples }
          : null,
      ),
  },
  {
    id: 'exam-examiner-load',
    nameZh: '考试员单日考试量超限',
    nameEn: 'An examiner’s exams in a day over the cap',
    subjectKind: 'examiner',
    severity: 'medium',
    routing: 'detachment',
    legalBasis: LOAD_BASIS,
    params: ['supervision.exam-load.examiner-max'],
    detect: (f, v) =>
      loadCandidates(f, f.examLoad.examiners, 'examiner', v['supervision.exam-load.examiner-max']),
  },
  {
    id: 'exam-site-load',
    nameZh: '考场单日考试量超限',
    nameEn: 'An exam site’s exams in a day over the cap',
    subjectKind: 'exam-site',
    severity: 'medium',
    routing: 'county',
    legalBasis: LOAD_BASIS,
    params: ['supervision.exam-load.site-max'],
    detect: (f, v) =>
      loadCandidates(f, f.examLoad.sites, 'exam-site', v['supervision.exam-load.site-max']),
  },
  {
    id: 'inspection-pass-rate',
    nameZh: '检验合格率异常',
    nameEn: 'Abnormal inspection pass rate',
    subjectKind: 'inspection-station',
    severity: 'medium',
    routing: 'county',
    legalBasis: INSPECTION_BASIS,
    params: RATE_KEYS,
    units: (f) => f.stations,
    unitSources: ['inspections'],
    detect: (f, v) => rateCandidates(f, f.stations, v, 'inspection-station', 'medium'),
  },
  {
    id: 'inspection-duration',
    nameZh: '检验时长过短',
    nameEn: 'Inspections too short',
    subjectKind: 'inspection-station',
    severity: 'medium',
    routing: 'county',
    legalBasis: INSPECTION_BASIS,
    params: [
      'supervision.inspection-duration.min-minutes',
      'supervision.inspection-duration.max-share',
      'supervision.min-unit-size',
    ],
    detect: (f, v) =>
      countCandidates(f, f.stations, 'inspection-station', 'medium', (u) =>
        u.n >= v['supervision.min-unit-size'] &&
        u.short / u.n > v['supervision.inspection-duration.max-share']
          ? { count: u.short, examples: u.shortExamples }
          : null,
      ),
  },
  {
    id: 'inspection-photo-reuse',
    nameZh: '检验照片重复使用',
    nameEn: 'Inspection photos reused for another vehicle',
    subjectKind: 'inspection-station',
    severity: 'high',
    routing: 'county',
    legalBasis: INSPECTION_BASIS,
    params: [],
    detect: (f) => {
      const byStation = new Map<string, RunFacts['reusedPhotos']>();
      for (const r of f.reusedPhotos) {
        byStation.set(r.stationCode, [...(byStation.get(r.stationCode) ?? []), r]);
      }
      return {
        examined: f.stations.size,
        candidates: [...byStation].map(([code, rows]): Candidate => {
          const name = nameOf(f, code);
          return {
            subject: { kind: 'inspection-station', id: code, ...(name ? { name } : {}) },
            outletCode: code,
            countyCode: f.outlets.get(code)?.countyCode ?? '',
            severity: 'high',
            evidence: {
              count: new Set(rows.map((r) => r.reportNo)).size,
              reuses: rows.slice(0, 20),
              outlet: code,
            },
          };
        }),
      };
    },
  },
  {
    id: 'inspection-off-hours',
    nameZh: '非营业时间检验',
    nameEn: 'Inspections outside the station’s hours',
    subjectKind: 'inspection-station',
    severity: 'medium',
    routing: 'county',
    legalBasis: INSPECTION_BASIS,
    params: ['supervision.off-hours.min-count'],
    detect: (f, v) =>
      countCandidates(f, f.stations, 'inspection-station', 'medium', (u) =>
        u.offHours >= v['supervision.off-hours.min-count']
          ? { count: u.offHours, examples: u.offHoursExamples }
          : null,
      ),
  },
  {
    id: 'frequent-reissue',
    nameZh: '短期内频繁补换领',
    nameEn: 'Frequent reissues within a short period',
    subjectKind: 'vehicle',
    severity: 'medium',
    routing: 'county',
    legalBasis: `${VEHICLE_BASIS}；机动车驾驶证申领和使用规定 第八十三条第（五）项`,
    params: ['supervision.frequent-reissue.max-count', 'supervision.frequent.window-days'],
    detect: (f) => repeatCandidates(f.reissues),
  },
  {
    id: 'frequent-transfer',
    nameZh: '短期内频繁转移登记',
    nameEn: 'Frequent transfers within a short period',
    subjectKind: 'vehicle',
    severity: 'medium',
    routing: 'county',
    legalBasis: VEHICLE_BASIS,
    params: ['supervision.frequent-transfer.max-count', 'supervision.frequent.window-days'],
    detect: (f) => repeatCandidates(f.transfers),
  },
  {
    id: 'frequent-move',
    nameZh: '短期内频繁迁出迁入',
    nameEn: 'Frequent moves out and in within a short period',
    subjectKind: 'vehicle',
    severity: 'medium',
    routing: 'county',
    legalBasis: VEHICLE_BASIS,
    params: ['supervision.frequent-move.max-count', 'supervision.frequent.window-days'],
    detect: (f) => repeatCandidates(f.moves),
  },
  {
    id: 'outlet-refusal-rate',
    nameZh: '网点退办率异常',
    nameEn: 'Abnormal refusal rate of an outlet',
    subjectKind: 'outlet',
    severity: 'low',
    routing: 'county',
    legalBasis: INSPECTION_BASIS,
    params: RATE_KEYS,
    units: refusalUnits,
    unitSources: ['business-days'],
    detect: (f, v) => rateCandidates(f, refusalUnits(f), v, 'outlet', 'low'),
  },
  {
    id: 'outlet-volume-spike',
    nameZh: '网点业务量突增',
    nameEn: 'Spike in an outlet’s business',
    subjectKind: 'outlet',
    severity: 'medium',
    routing: 'county',
    legalBasis: INSPECTION_BASIS,
    params: [
      'supervision.volume-spike.ratio',
      'supervision.volume-spike.min-count',
      'supervision.volume-spike.lookback-days',
    ],
    detect: (f, v) => {
      const candidates: Candidate[] = [];
      for (const [code, b] of f.outletBusiness) {
        const usual = median([...b.baselineDays.values()]);
        const limit = Math.max(
          v['supervision.volume-spike.min-count'],
          usual * v['supervision.volume-spike.ratio'],
        );
        const spikes = [...b.days]
          .filter(([, n]) => n >= limit)
          .map(([day, n]) => ({ day, n }))
          .sort((a, c) => a.day.localeCompare(c.day));
        if (!spikes.length) continue;
        const name = nameOf(f, code);
        candidates.push({
          subject: { kind: 'outlet', id: code, ...(name ? { name } : {}) },
          outletCode: code,
          countyCode: b.countyCode,
          severity: 'medium',
          evidence: {
            usualDay: usual,
            baselineDays: b.baselineDays.size,
            limit,
            spikes,
            outlet: code,
          },
        });
      }
      return { examined: f.outletBusiness.size, candidates };
    },
  },
  {
    id: 'off-hours-business',
    nameZh: '非营业时间办理业务',
    nameEn: 'Business outside the outlet’s hours',
    subjectKind: 'outlet',
    severity: 'medium',
    routing: 'county',
    legalBasis: INSPECTION_BASIS,
    params: ['supervision.off-hours.min-count'],
    detect: (f, v) => {
      const candidates: Candidate[] = [];
      for (const [code, b] of f.outletBusiness) {
        if (b.closed < v['supervision.off-hours.min-count']) continue;
        const name = nameOf(f, code);
        candidates.push({
          subject: { kind: 'outlet', id: code, ...(name ? { name } : {}) },
          outletCode: code,
          countyCode: b.countyCode,
          severity: 'medium',
          evidence: { n: b.n, count: b.closed, examples: b.closedExamples, outlet: code },
        });
      }
      return { examined: f.outletBusiness.size, candidates };
    },
  },
];

/**
 * A repeated subject is a vehicle (a plate, or a 17-character VIN) or a person: a licence holder,
 * or an owner — a citizen or an organisation by its credit code — of plate-less legacy lines.
 */
const repeatSubjectKind = (subject: string): 'vehicle' | 'person' =>
  /^[\u4e00-\u9fff]/.test(subject) || subject.length === 17 ? 'vehicle' : 'person';

function repeatCandidates(rows: RunFacts['reissues']) {
  return {
    examined: rows.length,
    candidates: rows.map((r): Candidate => ({
      subject: { kind: repeatSubjectKind(r.subject), id: r.subject },
      outletCode: null,
      countyCode: r.countyCode,
      severity: 'medium',
      evidence: { count: r.n, applications: r.applicationIds, outlets: r.outletCodes },
    })),
  };
}

function median(values: number[]) {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const RULE_IDS = RULES.map((r) => r.id);
export const ruleById = (id: string) => RULES.find((r) => r.id === id);
