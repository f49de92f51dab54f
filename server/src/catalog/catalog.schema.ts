import { z } from 'zod';
import { dateSchema } from '#shared/schemas/common.ts';
import { POLICY_KEY_NAMES } from './policy-keys.ts';

export const newPolicyValueSchema = z.object({
  key: z.enum(POLICY_KEY_NAMES as [string, ...string[]]),
  value: z.unknown(),
  effectiveFrom: dateSchema,
  legalBasis: z.string().trim().max(200).optional(),
  note: z.string().trim().max(500).default(''),
});

export const calendarQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
});

export const calendarDaySchema = z.object({
  kind: z.enum(['holiday', 'workday']),
  name: z.string().trim().min(1).max(32),
});
export const calendarDayParamsSchema = z.object({ day: dateSchema });
