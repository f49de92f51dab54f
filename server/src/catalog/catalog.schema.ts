import { z } from 'zod';
import { freeText, nameText } from '#shared/schemas/text.ts';
import { dateSchema } from '#shared/schemas/common.ts';
import { POLICY_KEY_NAMES } from './policy-keys.ts';

export const newPolicyValueSchema = z.object({
  key: z.enum(POLICY_KEY_NAMES as [string, ...string[]]),
  value: z.unknown(),
  effectiveFrom: dateSchema,
  legalBasis: freeText(200).optional(),
  note: freeText(500).optional().default(''),
});

export const calendarQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
});

export const calendarDaySchema = z.object({
  kind: z.enum(['holiday', 'workday']),
  name: nameText(32),
});
export const calendarDayParamsSchema = z.object({ day: dateSchema });
