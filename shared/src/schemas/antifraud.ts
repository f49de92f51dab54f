import { z } from 'zod';
import { idNumberSchema, partyIdSchema, plateSchema } from '../validators/index.ts';
import { blankAsAbsent, contractPageQuery, dateSchema, nameSchema, phoneSchema } from './common.ts';
import { codeText, freeText } from './text.ts';
import { instantSchema, recordedPointsSchema, violationIdSchema } from './violations.ts';

/** CONTRACT.md Part 2 "Anti-fraud (黄牛)": what the detectors look for. */
export const FINDING_KINDS = ['point-trading', 'illegal-agent', 'insider-collusion'] as const;
export const findingKindSchema = z.enum(FINDING_KINDS);
export type FindingKind = z.infer<typeof findingKindSchema>;

/** One NDJSON line of `POST /imports/violation-handlings`: who took the points of which record. */
export const violationHandlingImportSchema = z.object({
  violationId: violationIdSchema,
  plate: plateSchema,
  /** A person (GB 11643) or a company (unified social credit code, GB 32100). */
  ownerIdNumber: partyIdSchema,
  driverIdNumber: idNumberSchema,
  points: recordedPointsSchema,
  handledAt: instantSchema,
  outletCode: codeText(64).optional(),
  staffId: codeText(64).optional(),
  channel: z.enum(['window', 'social', 'internet', 'api']),
  phone: phoneSchema.optional(),
  deviceId: codeText(128).optional(),
});
export type ViolationHandlingImport = z.infer<typeof violationHandlingImportSchema>;

/** One line of a finding's evidence: Chinese first, English beside it, and the number it counts. */
export const evidenceItemSchema = z.object({
  text: z.string(),
  textEn: z.string(),
  count: z.number().int().optional(),
});
export type EvidenceItem = z.infer<typeof evidenceItemSchema>;

/** The node kinds of a finding's graph (the web app draws them). */
export const GRAPH_NODE_KINDS = [
  'person',
  'organisation',
  'vehicle',
  'phone',
  'device',
  'staff',
  'outlet',
] as const;
export const graphNodeSchema = z.object({ kind: z.enum(GRAPH_NODE_KINDS), id: z.string() });
export type GraphNode = z.infer<typeof graphNodeSchema>;

/**
 * One link of a finding's graph, e.g. a person who took points for a vehicle (`took-points`), a
 * handling through a phone (`used-phone`) or device, an agent who applied for an applicant
 * (`agent-for`), a staff member who handled an agent's business (`handled`).
 */
export const graphLinkSchema = z.object({
  from: graphNodeSchema,
  to: graphNodeSchema,
  relation: z.string(),
  count: z.number().int(),
});
export type GraphLink = z.infer<typeof graphLinkSchema>;

/**
 * `GET /findings` item (CONTRACT.md): one ring or cluster with every member the platform
 * believes belongs to it. Identity numbers are masked for readers who do not act on them.
 */
export const findingSchema = z.object({
  id: z.string(),
  kind: findingKindSchema,
  score: z.number(),
  people: z.array(z.string()),
  plates: z.array(z.string()),
  staff: z.array(z.string()),
  phones: z.array(z.string()),
  devices: z.array(z.string()),
  evidence: z.array(evidenceItemSchema),
  /** Beyond the contract's minimum: where it was found, by which run, and its graph. */
  countyCode: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  links: z.array(graphLinkSchema),
  caseId: z.string().nullable(),
  /** The later finding that replaced this one (the ring seen again with other members). */
  supersededBy: z.string().nullable(),
  /** When a later run over the finding's period no longer found it (left out of the list). */
  withdrawnAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

/** `GET /findings?kind=`: keyset pages, highest score first (by score descending, then id). */
export const findingListQuerySchema = z.object({
  kind: blankAsAbsent(findingKindSchema),
  ...contractPageQuery,
});
export const findingListSchema = z.object({
  items: z.array(findingSchema),
  /** Pass as `after` for the next page; null on the last. */
  nextCursor: z.string().nullable(),
});
export type FindingList = z.infer<typeof findingListSchema>;

export const idParamsSchema = z.object({ id: z.uuid({ message: '编号格式不正确' }) });

/** A case's lifecycle (anti-fraud casework): states as data, see `antifraud/case-lifecycle.ts`. */
export const CASE_STATUSES = ['open', 'investigating', 'transferred', 'closed'] as const;
export const caseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

export const caseCreateSchema = z.object({
  title: freeText(200).refine((s) => s.trim().length > 0, { message: '标题不能为空' }),
  findingIds: z
    .array(z.uuid({ message: '线索编号格式不正确' }))
    .min(1, { message: '至少选择一条线索' })
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, { message: '线索不能重复' }),
});
export type CaseCreate = z.infer<typeof caseCreateSchema>;

export const casePatchSchema = z.object({
  status: z.enum(['investigating', 'transferred', 'closed']),
  outcome: freeText(1000).optional(),
});
export type CasePatch = z.infer<typeof casePatchSchema>;

/** Investigation steps a supervisor records on a case. */
export const CASE_STEP_KINDS = ['note', 'interview', 'evidence', 'site-check', 'request'] as const;
export const caseStepRequestSchema = z.object({
  kind: z.enum(CASE_STEP_KINDS),
  note: freeText(2000).refine((s) => s.trim().length > 0, { message: '内容不能为空' }),
});
export type CaseStepRequest = z.infer<typeof caseStepRequestSchema>;

/**
 * Measures a case takes through the pipeline (each is an application of its business type):
 * a hold on a person's substitute point handling (`violation.substitute-hold`), and a review flag
 * on an agent (`agent.review-flag`, 代办人审核标记) standing until a day, unless lifted earlier.
 */
export const MEASURE_KINDS = ['substitute-hold', 'agent-review-flag'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
const measurePerson = {
  idNumber: idNumberSchema,
  name: nameSchema,
  phone: phoneSchema.optional(),
  note: freeText(500).optional(),
};
export const measureRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('substitute-hold'), ...measurePerson }),
  z.object({ kind: z.literal('agent-review-flag'), ...measurePerson, until: dateSchema }),
]);
export type MeasureRequest = z.infer<typeof measureRequestSchema>;

/** `POST /cases/{id}/measures/{applicationId}/lift`: a standing measure ends before its day. */
export const measureParamsSchema = z.object({
  id: z.uuid({ message: '编号格式不正确' }),
  applicationId: z.uuid({ message: '编号格式不正确' }),
});
export const measureLiftSchema = z.object({
  note: freeText(500).refine((s) => s.trim().length > 0, { message: '解除理由不能为空' }),
});
export type MeasureLift = z.infer<typeof measureLiftSchema>;

export const caseStepSchema = z.object({
  id: z.string(),
  kind: z.string(),
  note: z.string(),
  by: z.string(),
  at: z.string(),
  /** Status changes and measures are steps too: what changed, and the application of a measure. */
  details: z.record(z.string(), z.unknown()),
});

export const caseSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: caseStatusSchema,
  outcome: z.string().nullable(),
  countyCode: z.string(),
  findingIds: z.array(z.string()),
  findings: z.array(findingSchema),
  steps: z.array(caseStepSchema),
  measures: z.array(
    z.object({
      kind: z.enum(MEASURE_KINDS),
      idNumber: z.string(),
      applicationId: z.string(),
      status: z.string(),
      at: z.string(),
      /** A review flag's last day, and when it was lifted if it was. */
      until: z.string().optional(),
      liftedAt: z.string().optional(),
    }),
  ),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Case = z.infer<typeof caseSchema>;
/** `GET /cases`: keyset pages, newest first (by opening instant, then id, both descending). */
export const caseListQuerySchema = z.object(contractPageQuery);
export const caseListSchema = z.object({
  items: z.array(caseSchema.omit({ findings: true, steps: true, measures: true })),
  /** Pass as `after` for the next page; null on the last. */
  nextCursor: z.string().nullable(),
});
export type CaseList = z.infer<typeof caseListSchema>;
