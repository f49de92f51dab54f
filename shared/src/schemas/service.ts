import { z } from 'zod';
import { blankAsAbsent, contractPageQuery, dateSchema } from './common.ts';
import { openingHoursSchema } from './network.ts';
import { codeText, freeText } from './text.ts';

/** Service quality (CONTRACT.md Part 2, "Service quality (服)"). */
export const ratingRequestSchema = z.object({
  score: z.number().int().min(1, '评分为1至5分').max(5, '评分为1至5分'),
  comment: freeText(500).optional(),
});
export const ratingSchema = z.object({
  applicationId: z.string(),
  score: z.number(),
  comment: z.string().nullable(),
  source: z.enum(['citizen', 'device']),
  createdAt: z.string(),
  /** The call-back a bad rating opened, if any. */
  callbackId: z.string().nullable(),
  /** The rectification a bad rating opened, if any. */
  rectificationId: z.string().nullable(),
});

export const CALLBACK_STATUSES = ['open', 'done'] as const;
/** `GET /callbacks?status=`: keyset pages, soonest due first (by due instant, then id). */
export const callbackListQuerySchema = z.object({
  status: blankAsAbsent(z.enum(CALLBACK_STATUSES)),
  ...contractPageQuery,
});
export const callbackSchema = z.object({
  id: z.string(),
  applicationId: z.string(),
  outletCode: z.string(),
  reason: z.enum(['rating', 'sample']),
  dueAt: z.string(),
  status: z.enum(CALLBACK_STATUSES),
  outcome: z
    .object({
      reached: z.boolean(),
      satisfied: z.boolean().nullable(),
      note: z.string(),
      at: z.string(),
    })
    .optional(),
});
export type Callback = z.infer<typeof callbackSchema>;
export const callbackListSchema = z.object({
  items: z.array(callbackSchema),
  /** Pass as `after` for the next page; null on the last. */
  nextCursor: z.string().nullable(),
});
export const callbackOutcomeSchema = z
  .object({
    reached: z.boolean(),
    satisfied: z.boolean().optional(),
    note: freeText(1000),
  })
  // Satisfaction is the answer of a person reached: refused rather than quietly dropped.
  .refine((o) => o.reached || o.satisfied !== true, {
    message: '未联系上群众时不能记录为满意',
    path: ['satisfied'],
  });
export const callbackIdParamsSchema = z.object({ id: z.uuid({ message: '回访编号无效' }) });

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM');
const period = z
  .object({ open: hhmm, close: hhmm })
  .refine((p) => p.open < p.close, '结束时间应晚于开始时间');
/**
 * A day's sessions in the order of the day, none overlapping the one before: the appointment
 * slots and the bulletins' hours read the last as the one the extension (错时延时) stretches.
 */
const sessions = z
  .array(period)
  .max(6)
  .refine((ps) => ps.every((p, i) => i === 0 || ps[i - 1]!.close <= p.open), {
    message: '各时段应按时间先后填写，且不能重叠',
  });
/** Weekly hours as an administrator sets them (times checked, unlike stored legacy hours). */
export const outletHoursRequestSchema = z
  .object({
    weekdays: sessions,
    saturday: sessions,
    sunday: sessions,
    holidays: z.boolean(),
    extendedUntil: hhmm.optional(),
  })
  // Extended hours (错时延时) run on past the weekday's last session: an end before it extends
  // nothing, and on a day with no sessions there is nothing to extend.
  .refine(
    (h) => h.extendedUntil === undefined || (h.weekdays.at(-1)?.close ?? '24:00') < h.extendedUntil,
    { message: '延时服务结束时间应晚于工作日最后一个时段的结束时间', path: ['extendedUntil'] },
  );
export const outletHoursSchema = openingHoursSchema.extend({ outletCode: z.string() });

export const rosterDrawRequestSchema = z
  .object({ outletCode: codeText(32), from: dateSchema, to: dateSchema })
  .refine((r) => r.from <= r.to, { message: '结束日期不能早于开始日期', path: ['to'] })
  .refine((r) => (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 <= 92, {
    message: '一次轮岗抽签最长92天',
    path: ['to'],
  });
export const rosterDrawIdParamsSchema = z.object({ id: z.uuid({ message: '抽签编号无效' }) });
export const rosterDrawSchema = z.object({
  id: z.string(),
  outletCode: z.string(),
  from: z.string(),
  to: z.string(),
  seed: z.string(),
  frame: z.array(z.object({ code: z.string(), weight: z.number() })),
  assignments: z.array(z.object({ date: z.string(), window: z.number(), staffId: z.string() })),
});

/** A period of Beijing dates, from ≤ to, at most a year (handling times, SLA breaches). */
const periodQuery = z
  .object({
    from: dateSchema,
    to: dateSchema,
    outletCode: codeText(32).optional(),
    businessType: codeText(64).optional(),
  })
  .refine((q) => q.from <= q.to, { message: '结束日期不能早于开始日期', path: ['to'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= 366, {
    message: '统计期间最长366天',
    path: ['to'],
  });

/** `GET /service/handling-times`: applications completed in the period. */
export const handlingTimesQuerySchema = periodQuery;
export const handlingTimeRowSchema = z.object({
  outletCode: z.string(),
  businessType: z.string(),
  /** Applications accepted and completed in the period. */
  completed: z.number(),
  /** Median and 90th percentile of acceptance → completion, in seconds (type 7 interpolation). */
  medianSeconds: z.number().nullable(),
  p90Seconds: z.number().nullable(),
  /** Of them, completed after their SLA due day. */
  completedLate: z.number(),
});
export const handlingTimesSchema = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(handlingTimeRowSchema),
});
export type HandlingTimes = z.infer<typeof handlingTimesSchema>;

export const SLA_BREACH_KINDS = ['open-overdue', 'completed-late'] as const;
export const ESCALATION_LEVELS = ['brigade', 'detachment'] as const;

/** `GET /service/sla-breaches`: applications due in the period that breached their SLA. */
export const slaBreachQuerySchema = z
  .object({
    from: dateSchema,
    to: dateSchema,
    outletCode: codeText(32).optional(),
    businessType: codeText(64).optional(),
    kind: z.enum(SLA_BREACH_KINDS).optional(),
    after: codeText(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => q.from <= q.to, { message: '结束日期不能早于开始日期', path: ['to'] });
export const slaBreachSchema = z.object({
  applicationId: z.string(),
  outletCode: z.string(),
  countyCode: z.string(),
  businessType: z.string(),
  kind: z.enum(SLA_BREACH_KINDS),
  slaDueOn: z.string(),
  submittedAt: z.string(),
  completedAt: z.string().nullable(),
  /** Calendar days after the due day: to today (open) or to the day it was completed. */
  daysLate: z.number(),
  escalation: z
    .object({ level: z.enum(ESCALATION_LEVELS), countyCode: z.string(), at: z.string() })
    .nullable(),
});
export const slaBreachListSchema = z.object({
  items: z.array(slaBreachSchema),
  nextCursor: z.string().nullable(),
});
export type SlaBreach = z.infer<typeof slaBreachSchema>;

/** `POST /service/sla-escalations`: escalate the breaches of the reader's scope now. */
export const slaEscalationRunSchema = z.object({
  examined: z.number(),
  escalated: z.number(),
});

/** Rectifications after a bad rating (issue #12 item 7; docs/SERVICE.md). */
export const RECTIFICATION_STATUSES = ['open', 'escalated', 'done'] as const;
export const rectificationListQuerySchema = z.object({
  status: z.enum(RECTIFICATION_STATUSES).optional(),
  after: codeText(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const rectificationSchema = z.object({
  id: z.string(),
  applicationId: z.string(),
  outletCode: z.string(),
  countyCode: z.string(),
  score: z.number(),
  complaint: z.string().nullable(),
  dueOn: z.string(),
  status: z.enum(RECTIFICATION_STATUSES),
  escalation: z.object({ level: z.enum(ESCALATION_LEVELS), at: z.string() }).nullable(),
  done: z.object({ action: z.string(), at: z.string() }).nullable(),
});
export type Rectification = z.infer<typeof rectificationSchema>;
export const rectificationListSchema = z.object({
  items: z.array(rectificationSchema),
  nextCursor: z.string().nullable(),
});
export const rectificationRecordSchema = z.object({
  action: freeText(1000).refine((s) => s.trim().length > 0, '请填写整改措施'),
});
export const rectificationIdParamsSchema = z.object({
  id: z.uuid({ message: '整改编号无效' }),
});
