import { z } from 'zod';
import { idNumberSchema, plateSchema } from '../validators/index.ts';
import { codeText } from './text.ts';
import { dateSchema } from './common.ts';

export const VIOLATION_STATUSES = ['unhandled', 'handled', 'paid'] as const;
export const violationStatusSchema = z.enum(VIOLATION_STATUSES);

/** Point values of R163 (§§8–12); 2 existed only before R163 came into force on 2022-04-01. */
export const POINT_VALUES = [0, 1, 3, 6, 9, 12] as const;
export const R163_IN_FORCE = '2022-04-01';

/** The points of an imported record: R163's values, or 2 for a record made before it. */
export const recordedPointsSchema = z
  .number()
  .int()
  .refine(
    (n) => [...POINT_VALUES, 2].includes(n),
    '记分分值应为 0、1、2（2022年4月1日前）、3、6、9 或 12',
  );

/** A violation record's id: what camera systems and the legacy platform use. */
export const violationIdSchema = codeText(40);
/** GA/T 16.31: 4 digits, optionally a 5th digit or letter of a local refinement. */
export const violationCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{4}[0-9A-Z]?$/, '违法代码应为4位数字，可带1位地方细分码');

/** An instant with its offset (CONTRACT.md), e.g. 2026-11-20T08:15:00+08:00. */
export const instantSchema = z.iso.datetime({
  offset: true,
  message: '时间应为带时区的 ISO 8601 格式',
});

/** One item of `GET /api/v1/violations` (CONTRACT.md "Registries"), with more than the minimum. */
export const violationResponseSchema = z.object({
  id: z.string(),
  plate: z.string(),
  code: z.string(),
  description: z.string().nullable(),
  occurredAt: z.string(),
  points: z.number().int(),
  fine: z.number(),
  status: violationStatusSchema,
  /** The driver who took the penalty and points (masked for readers who need no more). */
  handledBy: z.string().nullable(),
  handledOn: z.string().nullable(),
  /** What paying today costs: the fine and the late fee so far (Proc §60), while unpaid. */
  lateFee: z.number().nullable(),
  paidAt: z.string().nullable(),
});
export type ViolationResponse = z.infer<typeof violationResponseSchema>;

export const violationListSchema = z.object({
  items: z.array(violationResponseSchema),
  nextCursor: z.string().nullable(),
});

export const violationListQuerySchema = z
  .object({
    idNumber: idNumberSchema.optional(),
    plate: plateSchema.optional(),
    status: violationStatusSchema.optional(),
    after: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  // One list at a time (CONTRACT.md: `?idNumber=…` or `?plate=…`): a person's, or a plate's.
  .superRefine((q, ctx) => {
    if (q.idNumber && q.plate) {
      ctx.addIssue({
        code: 'custom',
        message: 'idNumber 与 plate 只能提供其中之一（按人或按号牌查询）',
        path: ['plate'],
      });
    } else if (!q.idNumber && !q.plate) {
      ctx.addIssue({ code: 'custom', message: '请提供 idNumber 或 plate', path: ['idNumber'] });
    }
  });

/** One NDJSON line of `POST /api/v1/imports/violations` (CONTRACT.md "Imports"). */
export const violationImportSchema = z.object({
  id: violationIdSchema,
  plate: plateSchema,
  code: violationCodeSchema,
  occurredAt: instantSchema,
  points: recordedPointsSchema,
  fine: z.number().min(0).max(100_000).multipleOf(0.01),
  status: violationStatusSchema.optional(),
  handledBy: idNumberSchema.optional(),
  /** The day of the penalty decision of a handled record: the fine's period runs from it. */
  handledOn: dateSchema.optional(),
});
export type ViolationImport = z.infer<typeof violationImportSchema>;
