import { z } from 'zod';
import { dateSchema } from './common.ts';

/** `GET /outlets/{code}/lane-board?after=&limit=`: keyset paging over the open lanes. */
export const laneBoardQuerySchema = z.object({
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

/**
 * The live board of an office's registration lane (通道式上牌): every registration in progress,
 * the desk it is at and how long it has waited there, longest waiting first.
 */
export const laneBoardSchema = z.object({
  outletCode: z.string(),
  outletName: z.string(),
  asOf: z.string(),
  items: z.array(
    z.object({
      applicationId: z.string(),
      vin: z.string(),
      /** The number once chosen (or asked for), else null. */
      plate: z.string().nullable(),
      applicantName: z.string(),
      /** The lane stage (shared/src/lifecycles.ts, vehicle.register). */
      stage: z.string(),
      enteredAt: z.string(),
      secondsInStage: z.number().int(),
      startedAt: z.string(),
      /** Who finished the stage before (null at the first desk). */
      previousStaff: z.string().nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
export type LaneBoard = z.infer<typeof laneBoardSchema>;

/** `GET /outlets/{code}/lane-timings?from=&to=`: a period of at most a year, ending by default today. */
export const laneTimingsQuerySchema = z
  .object({ from: dateSchema.optional(), to: dateSchema.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: '开始日期不能晚于结束日期',
    path: ['from'],
  });

const durations = z.object({
  count: z.number().int(),
  /** Seconds; null when nothing finished in the period. */
  medianSeconds: z.number().nullable(),
  p90Seconds: z.number().nullable(),
});

/** Median and 90th percentile of the time each lane stage took, and of whole lanes. */
export const laneTimingsSchema = z.object({
  outletCode: z.string(),
  outletName: z.string(),
  from: z.string(),
  to: z.string(),
  stages: z.array(durations.extend({ stage: z.string() })),
  endToEnd: durations,
});
export type LaneTimings = z.infer<typeof laneTimingsSchema>;
