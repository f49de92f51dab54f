import { z } from 'zod';
import { BUSINESS_TYPE_CODES, OUTLET_CATEGORIES } from '../catalog.ts';
import { plateSchema } from '../validators/index.ts';
import { applicantSchema, personSchema } from './applications.ts';
import { blankAsAbsent, contractPageQuery, dateSchema } from './common.ts';
import { codeText, freeText } from './text.ts';

/** CONTRACT.md Part 2 "Supervision": the vocabulary of alerts. */
export const SEVERITIES = ['low', 'medium', 'high'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

export const ALERT_SUBJECT_KINDS = [
  'outlet',
  'examiner',
  'exam-site',
  'inspection-station',
  'staff',
  'vehicle',
  'person',
] as const;
export type AlertSubjectKind = (typeof ALERT_SUBJECT_KINDS)[number];

export const ALERT_STATUSES = ['open', 'assigned', 'closed'] as const;
export const ALERT_LEVELS = ['detachment', 'brigade'] as const;

/**
 * The rules: CONTRACT.md's, then the platform's own (exam load, recording reviews). The server's
 * rule table (`supervision/rules.ts`) must name each; a test checks they agree.
 */
export const RULE_IDS = [
  'exam-pass-rate',
  'exam-face-mismatch',
  'exam-duration',
  'inspection-pass-rate',
  'inspection-duration',
  'inspection-photo-reuse',
  'inspection-off-hours',
  'frequent-reissue',
  'frequent-transfer',
  'frequent-move',
  'outlet-refusal-rate',
  'outlet-volume-spike',
  'off-hours-business',
  'exam-examiner-load',
  'exam-site-load',
  'exam-review',
] as const;

/** A period of Beijing dates, `from` ≤ `to`, at most two years long. */
export const periodSchema = z
  .object({ from: dateSchema, to: dateSchema })
  .refine((p) => p.from <= p.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
  .refine(
    (p) => Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`) <= 731 * 86_400_000,
    { message: '期间不能超过两年', path: ['to'] },
  );

export const runRequestSchema = periodSchema;
export const runResponseSchema = z.object({
  runId: z.string(),
  alerts: z.number().int(),
  findings: z.number().int(),
  newAlerts: z.number().int(),
});
export type RunResponse = z.infer<typeof runResponseSchema>;

export const DISPOSITION_ACTIONS = [
  'dismiss',
  'interview',
  'rectify',
  'suspend',
  'terminate',
] as const;
export const dispositionSchema = z.object({
  action: z.enum(DISPOSITION_ACTIONS),
  note: freeText(500),
  deadline: dateSchema.optional(),
});
export type DispositionRequest = z.infer<typeof dispositionSchema>;

export const dispositionRecordSchema = z.object({
  action: z.enum([...DISPOSITION_ACTIONS, 'reopen']),
  note: z.string(),
  deadline: z.string().nullable(),
  effect: z.record(z.string(), z.unknown()),
  /** The username it was made with ('system' for the platform's re-openings). */
  by: z.string(),
  /** Who made it as people know them (display name; 系统 for the platform). */
  byName: z.string(),
  at: z.string(),
});

/**
 * Every key the rules' detectors put in an alert's evidence, at any depth: the figures of a peer
 * comparison and its drift watch, the counts and examples of a count rule, the rows of a reused
 * photo or a busy day, a recording review's facts. The web app labels each in both languages (a
 * test checks it), and the demo's run checks that its alerts use no other.
 */
export const ALERT_EVIDENCE_KEYS = [
  // Peer comparison (supervision/peer-outliers.ts) and its CUSUM drift watch.
  'n',
  'events',
  'rate',
  'shrunkenRate',
  'peers',
  'group',
  'units',
  'centre',
  'tau',
  'limits95',
  'limits998',
  'lower',
  'upper',
  'z',
  'p',
  'q',
  'flaggedBy',
  'cusum',
  'baselineRate',
  'oddsRatio',
  'threshold',
  'signalAt',
  'max',
  // Count, load, volume and repeat rules (supervision/rules.ts).
  'outlet',
  'outlets',
  'examSubject',
  'bySubject',
  'cap',
  'count',
  'examples',
  'day',
  'time',
  'usualDay',
  'baselineDays',
  'limit',
  'spikes',
  'applications',
  // A reused inspection photo (vehicles/inspections.service.ts reusedPhotos).
  'reuses',
  'hash',
  'reportNo',
  'stationCode',
  'countyCode',
  'vehicle',
  'otherReportNo',
  'otherStationCode',
  'otherVehicle',
  // A recording review that found a fault (supervision/reviews.service.ts).
  'review',
  'examId',
  'recordingRef',
  'examSite',
  'subject',
  'candidate',
  'passed',
  'faceMatch',
  'reviewer',
  'note',
  // Every alert: the rule's legal basis (supervision/runs.service.ts).
  'legalBasis',
] as const;
export type AlertEvidenceKey = (typeof ALERT_EVIDENCE_KEYS)[number];
/** An alert's evidence as a detector writes it: only keys of the list above. */
export type AlertEvidence = Partial<Record<AlertEvidenceKey, unknown>>;

export const alertSchema = z.object({
  id: z.string(),
  rule: z.string(),
  severity: severitySchema,
  subject: z.object({
    kind: z.enum(ALERT_SUBJECT_KINDS),
    id: z.string(),
    name: z.string().optional(),
  }),
  level: z.enum(ALERT_LEVELS),
  countyCode: z.string(),
  outletCode: z.string().nullable(),
  period: z.object({ from: z.string(), to: z.string() }),
  evidence: z.record(z.string(), z.unknown()),
  status: z.enum(ALERT_STATUSES),
  deadline: z.string().nullable(),
  createdAt: z.string(),
  dispositions: z.array(dispositionRecordSchema),
  /**
   * `GET /alerts/{id}` only: the other alerts of the same rule about the same subject over an
   * overlapping period (runs over overlapping periods each raise their own), so that a
   * supervisor sees one dismissed or handled before.
   */
  related: z
    .array(
      z.object({
        id: z.string(),
        period: z.object({ from: z.string(), to: z.string() }),
        status: z.enum(ALERT_STATUSES),
        createdAt: z.string(),
      }),
    )
    .optional(),
});
export type Alert = z.infer<typeof alertSchema>;

export const alertListQuerySchema = z
  .object({
    status: blankAsAbsent(z.enum(ALERT_STATUSES)),
    rule: blankAsAbsent(codeText(64)),
    level: blankAsAbsent(z.enum(ALERT_LEVELS)),
    from: blankAsAbsent(dateSchema),
    to: blankAsAbsent(dateSchema),
    ...contractPageQuery,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: '开始日期不能晚于结束日期',
    path: ['to'],
  });
export const alertListSchema = z.object({
  items: z.array(alertSchema),
  nextCursor: z.string().nullable(),
});
export type AlertList = z.infer<typeof alertListSchema>;

export const alertIdParamsSchema = z.object({ id: z.uuid({ message: '编号格式不正确' }) });

/** `POST /spot-checks/draws`: the population is an outlet category. */
export const partySchema = codeText(64);
export const drawRequestSchema = z.object({
  population: z.enum(OUTLET_CATEGORIES, { message: '未知的抽查对象类别' }),
  count: z.number().int().min(1).max(1000),
  parties: z
    .array(partySchema)
    .min(1)
    .max(10)
    .refine((p) => new Set(p).size === p.length, { message: '参与方不能重复' }),
});
export const commitmentSchema = z.object({
  party: partySchema,
  commitment: z.string().regex(/^[0-9a-fA-F]{64}$/, '承诺值应为 SHA-256 十六进制（64 位）'),
});
export const revealSchema = z.object({
  party: partySchema,
  share: z.string().regex(/^[0-9a-fA-F]{32,256}$/, '秘密份额应为至少 32 位十六进制'),
});
export const drawSchema = z.object({
  id: z.string(),
  population: z.string(),
  frame: z.array(z.object({ code: z.string(), weight: z.number() })),
  frameHash: z.string(),
  forced: z.array(z.string()),
  count: z.number().int(),
  parties: z.array(z.string()),
  status: z.enum(['committing', 'revealing', 'complete']),
  commitments: z.array(
    z.object({
      party: z.string(),
      commitment: z.string().nullable(),
      share: z.string().nullable(),
    }),
  ),
  seed: z.string().nullable(),
  selected: z.array(z.string()).nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
export type Draw = z.infer<typeof drawSchema>;
export const drawListSchema = z.object({
  items: z.array(drawSchema),
  nextCursor: z.string().nullable(),
});
export const drawListQuerySchema = z.object({
  city: z
    .string()
    .regex(/^\d{6}$/, '城市代码为6位数字')
    .optional(),
  after: codeText(200, /^[A-Za-z0-9_-]+$/).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** One NDJSON line of `POST /imports/applications-history` (CONTRACT.md Part 2). */
export const historyImportSchema = z.object({
  id: codeText(64),
  businessType: z.enum(BUSINESS_TYPE_CODES, { message: '未知的业务类型' }),
  outletCode: codeText(64),
  staffId: codeText(64),
  channel: z.enum(['window', 'social', 'internet', 'api']),
  applicant: applicantSchema,
  agent: personSchema.optional(),
  deviceId: codeText(128).optional(),
  plate: plateSchema.optional(),
  submittedAt: z.iso.datetime({ offset: true }),
  status: z.enum(['completed', 'refused']),
});
export type HistoryImport = z.infer<typeof historyImportSchema>;

/** `GET /bulletins/{period}/{date}` (CONTRACT.md "Bulletins"). */
export const BULLETIN_PERIODS = ['daily', 'weekly', 'monthly', 'annual'] as const;
export const bulletinParamsSchema = z.object({
  period: z.enum(BULLETIN_PERIODS),
  date: dateSchema,
});
const bulletinCount = z.object({
  applications: z.number().int(),
  completed: z.number().int(),
  refused: z.number().int(),
  extendedHours: z.number().int(),
});
export const bulletinSchema = z.object({
  period: z.enum(BULLETIN_PERIODS),
  from: z.string(),
  to: z.string(),
  scope: z.object({ cityCode: z.string(), countyCode: z.string().nullable() }),
  /** Who issues it: the office for the city, the county's brigade (大队) for a county. */
  issuer: z.string(),
  totals: bulletinCount,
  byCategory: z.array(bulletinCount.extend({ category: z.string() })),
  byCounty: z.array(bulletinCount.extend({ countyCode: z.string(), countyName: z.string() })),
  alerts: z.array(
    z.object({
      rule: z.string(),
      severity: severitySchema,
      open: z.number().int(),
      assigned: z.number().int(),
      closed: z.number().int(),
    }),
  ),
  dispositions: z.array(z.object({ action: z.string(), count: z.number().int() })),
});
export type Bulletin = z.infer<typeof bulletinSchema>;

/** `GET /supervision/funnels/{rule}?from&to`: the dashboard's funnel plot of a rate rule. */
export const funnelParamsSchema = z.object({ rule: codeText(64) });
export const funnelSchema = z.object({
  rule: z.string(),
  from: z.string(),
  to: z.string(),
  groups: z.array(
    z.object({
      group: z.string(),
      centre: z.number(),
      tau: z.number(),
      curve: z.array(
        z.object({
          n: z.number(),
          lower95: z.number(),
          upper95: z.number(),
          lower998: z.number(),
          upper998: z.number(),
        }),
      ),
      units: z.array(
        z.object({
          id: z.string(),
          name: z.string().optional(),
          countyCode: z.string(),
          n: z.number().int(),
          events: z.number().int(),
          rate: z.number(),
          shrunkenRate: z.number(),
          z: z.number(),
          q: z.number(),
          flagged: z.boolean(),
        }),
      ),
    }),
  ),
});
export type Funnel = z.infer<typeof funnelSchema>;

/** `GET /supervision/exam-oversight?from&to` (issue 10 item 5): associations and assignment. */
export const examOversightSchema = z.object({
  from: z.string(),
  to: z.string(),
  exams: z.number().int(),
  withPhone: z.number().int(),
  withSchool: z.number().int(),
  associations: z.array(
    z.object({
      kind: z.enum(['phone', 'face-override', 'school']),
      key: z.string(),
      candidates: z.array(z.string()),
      examiners: z.array(z.object({ id: z.string(), exams: z.number().int() })),
      sites: z.array(z.string()),
      exams: z.number().int(),
      passed: z.number().int(),
      topExaminerShare: z.number(),
    }),
  ),
  assignment: z.array(
    z.object({
      examSiteCode: z.string(),
      siteName: z.string().nullable(),
      subject: z.number().int(),
      rows: z.number().int(),
      columns: z.number().int(),
      total: z.number().int(),
      statistic: z.number(),
      df: z.number().int(),
      p: z.number(),
      q: z.number(),
      flagged: z.boolean(),
      sparseShare: z.number(),
      cramersV: z.number(),
      excess: z.array(
        z.object({
          examinerId: z.string(),
          schoolCode: z.string(),
          observed: z.number().int(),
          expected: z.number(),
        }),
      ),
    }),
  ),
});
export type ExamOversight = z.infer<typeof examOversightSchema>;

/** `GET /supervision/station-risk?from&to` (issue 10 item 6): stations rated, riskiest first. */
export const RISK_RATINGS = ['low', 'medium', 'high'] as const;
export const stationRiskListSchema = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string().nullable(),
      countyCode: z.string(),
      n: z.number().int(),
      rated: z.boolean(),
      score: z.number(),
      rating: z.enum(RISK_RATINGS),
      weight: z.number(),
      contributions: z.array(
        z.object({
          metric: z.enum(['passRate', 'shortShare', 'offHoursShare', 'photoReuseShare']),
          value: z.number(),
          peerMedian: z.number(),
          z: z.number(),
        }),
      ),
    }),
  ),
});
export type StationRiskList = z.infer<typeof stationRiskListSchema>;

/** The daily audio/video review queue of exam recordings (issue 10 item 5). */
export const reviewDrawRequestSchema = z.object({ date: dateSchema });
export const reviewDrawResponseSchema = z.object({
  date: z.string(),
  exams: z.number().int(),
  withRecording: z.number().int(),
  drawn: z.number().int(),
  flagged: z.number().int(),
  added: z.number().int(),
});
export type ReviewDrawResponse = z.infer<typeof reviewDrawResponseSchema>;

export const REVIEW_VERDICTS = ['ok', 'irregular'] as const;
export const reviewSchema = z.object({
  id: z.string(),
  date: z.string(),
  examId: z.string(),
  examSiteCode: z.string(),
  countyCode: z.string(),
  examinerId: z.string(),
  subject: z.number().int(),
  candidate: z.string(),
  recordingRef: z.string(),
  passed: z.boolean(),
  faceMatch: z.enum(['pass', 'fail', 'manual']),
  examStartedAt: z.string(),
  reason: z.enum(['random', 'flagged']),
  drawValue: z.number(),
  status: z.enum(['pending', 'done']),
  verdict: z.enum(REVIEW_VERDICTS).nullable(),
  note: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  alertId: z.string().nullable(),
});
export type Review = z.infer<typeof reviewSchema>;
export const reviewListQuerySchema = z.object({
  status: z.enum(['pending', 'done']).optional(),
  date: dateSchema.optional(),
  after: codeText(200, /^[A-Za-z0-9_-]+$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export const reviewListSchema = z.object({
  items: z.array(reviewSchema),
  nextCursor: z.string().nullable(),
});
export type ReviewList = z.infer<typeof reviewListSchema>;
export const verdictSchema = z.object({
  verdict: z.enum(REVIEW_VERDICTS),
  note: freeText(500),
});
export type VerdictRequest = z.infer<typeof verdictSchema>;
