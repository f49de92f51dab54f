import { z } from 'zod';
import { idNumberSchema, plateSchema } from '../validators/index.ts';
import { refusalItemSchema } from './applications.ts';
import { licenceClassSchema } from './licences.ts';
import { dateSchema } from './common.ts';
import { codeText } from './text.ts';
import { instantSchema } from './violations.ts';

/**
 * `POST /api/v1/exam-results` from an exam site (CONTRACT.md Part 2), with the exam vehicle and a
 * no-show flag besides. Subjects: 1 laws, 2 field skills, 3 road skills, 4 安全文明驾驶常识.
 */
const examResultFields = z.object({
  idNumber: idNumberSchema,
  subject: z.number().int().min(1).max(4),
  class: licenceClassSchema,
  examSiteCode: codeText(32),
  examinerId: codeText(32),
  score: z.number().min(0).max(100),
  passed: z.boolean(),
  faceMatch: z.enum(['pass', 'fail', 'manual'], {
    message: 'faceMatch 应为 pass、fail 或 manual',
  }),
  startedAt: instantSchema,
  finishedAt: instantSchema,
  recordingRef: codeText(200).optional(),
  vehiclePlate: plateSchema.optional(),
  /** The candidate did not come: a fail (R162 §46). */
  absent: z.boolean().optional(),
});

/** The checks a result passes on its own: finish not before start, a no-show never passed. */
function checkExamResult(r: z.infer<typeof examResultFields>, ctx: z.RefinementCtx) {
  if (Date.parse(r.finishedAt) < Date.parse(r.startedAt)) {
    ctx.addIssue({ code: 'custom', path: ['finishedAt'], message: '结束时间早于开始时间' });
  }
  if (r.absent && r.passed) {
    ctx.addIssue({ code: 'custom', path: ['passed'], message: '缺考不能为合格' });
  }
}

export const examResultRequestSchema = examResultFields.superRefine(checkExamResult);
export type ExamResultRequest = z.infer<typeof examResultRequestSchema>;

/**
 * One NDJSON line of `POST /api/v1/imports/exam-results` (CONTRACT.md Part 2 "Imports for
 * supervision and anti-fraud"): the fields of `POST /exam-results` plus the legacy platform's id.
 */
export const examResultImportSchema = examResultFields
  .extend({ id: codeText(64) })
  .superRefine(checkExamResult);
export type ExamResultImport = z.infer<typeof examResultImportSchema>;

export const examResultResponseSchema = z.object({
  id: z.string(),
  /** Whether the result counted for the candidate's application, and what it moved. */
  counted: z.boolean(),
  applicationId: z.string().nullable(),
  event: z.string().nullable(),
  /** Why a recorded result did not count (empty when it did): each rule with its article. */
  reasons: z.array(refusalItemSchema),
});
export type ExamResultResponse = z.infer<typeof examResultResponseSchema>;

/** `POST /api/v1/exam-sessions`: a subject at a site on a day, with its places. */
export const examSessionRequestSchema = z.object({
  examSiteCode: codeText(32),
  subject: z.number().int().min(1).max(4),
  date: dateSchema,
  capacity: z.number().int().min(1).max(2000),
});

export const examSessionSchema = z.object({
  id: z.string(),
  examSiteCode: z.string(),
  subject: z.number().int(),
  date: z.string(),
  capacity: z.number().int(),
  status: z.enum(['open', 'closed']),
  allocated: z.number().int(),
});

export const examSessionListSchema = z.object({ items: z.array(examSessionSchema) });

export const examSessionQuerySchema = z.object({
  from: dateSchema.optional(),
  examSiteCode: codeText(32).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

/** A session with its ranking list: who got a place, in rank order. */
export const sessionRankingSchema = z.object({
  session: examSessionSchema,
  ranking: z.array(
    z.object({
      rank: z.number().int(),
      applicationId: z.string(),
      idNumber: z.string(),
      status: z.string(),
    }),
  ),
  /** Bookings that fitted the session but found no place; they wait for the next one. */
  waiting: z.number().int(),
});

/** `GET /api/v1/exam-results?date=`: an exam site's results of a day, for its own clerks. */
export const examResultListQuerySchema = z.object({ date: dateSchema });
export const examResultListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      idNumber: z.string(),
      subject: z.number().int(),
      class: z.string(),
      examinerId: z.string(),
      score: z.number(),
      passed: z.boolean(),
      absent: z.boolean(),
      faceMatch: z.string(),
      startedAt: z.string(),
      finishedAt: z.string(),
      counted: z.boolean(),
    }),
  ),
});
