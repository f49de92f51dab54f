import { z } from 'zod';
import { BUSINESS_TYPE_CODES } from '../catalog.ts';

export const businessTypeListSchema = z.object({
  items: z.array(
    z.object({
      code: z.enum(BUSINESS_TYPE_CODES),
      nameZh: z.string(),
      nameEn: z.string(),
      subject: z.enum(['vehicle', 'licence', 'violation', 'person']),
      slaWorkingDays: z.number().int(),
      agentAllowed: z.boolean(),
      legalBasis: z.string(),
      agentRuleBasis: z.string().optional(),
      implemented: z.boolean(),
    }),
  ),
});

/** Policy keys with their names, and every version in force or to come (national and local). */
export const policyListSchema = z.object({
  keys: z.array(
    z.object({ key: z.string(), nameZh: z.string(), nameEn: z.string(), legalBasis: z.string() }),
  ),
  items: z.array(
    z.object({
      id: z.string(),
      key: z.string(),
      scope: z.enum(['national', 'local']),
      value: z.unknown(),
      effectiveFrom: z.string(),
      legalBasis: z.string(),
      note: z.string(),
      createdBy: z.string(),
      createdAt: z.string(),
    }),
  ),
});
export type PolicyList = z.infer<typeof policyListSchema>;

export const policyVersionSchema = z.object({
  id: z.string(),
  key: z.string(),
  value: z.unknown(),
  effectiveFrom: z.string(),
});

export const calendarSchema = z.object({
  year: z.number().int(),
  items: z.array(
    z.object({ day: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string() }),
  ),
});
