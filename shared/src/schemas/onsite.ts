import { z } from 'zod';
import { BUSINESS_TYPE_CODES } from '../catalog.ts';
import { dateSchema } from './common.ts';
import { idNumberSchema } from '../validators/id-number.ts';
import { freeText } from './text.ts';

/**
 * Supervision turns suspicious internet business to on-site handling (机动车登记规定 第七十四条
 * 第五项; docs/SERVICE.md "On-site handling").
 */
export const ONSITE_LEGAL_BASIS = '机动车登记规定 第七十四条第五项';

/**
 * What the applicant is told first: come to a window (Chinese first, English for the English
 * UI); where to go follows it, the outlets that take the business in person near them.
 */
export const ONSITE_ADVICE = {
  zh: '须到窗口现场办理：',
  en: 'Must be done on site.',
} as const;

export const onsiteTurnRequestSchema = z.object({
  reason: freeText(500).refine((s) => s.trim().length > 0, '请填写转现场办理的原因'),
});

/** What an application turned on site carries in its result (and the citizen sees). */
export const onsiteMarkSchema = z.object({
  advice: z.string(),
  adviceEn: z.string(),
  legalBasis: z.string(),
  at: z.string(),
});
export type OnsiteMark = z.infer<typeof onsiteMarkSchema>;

export const onsiteRequirementRequestSchema = z
  .object({
    idNumber: idNumberSchema,
    businessType: z.enum(BUSINESS_TYPE_CODES),
    from: dateSchema,
    until: dateSchema,
    reason: freeText(500).refine((s) => s.trim().length > 0, '请填写要求现场办理的原因'),
  })
  .refine((r) => r.from <= r.until, { message: '结束日期不能早于开始日期', path: ['until'] });

export const onsiteRequirementSchema = z.object({
  id: z.string(),
  idNumber: z.string(),
  businessType: z.string(),
  from: z.string(),
  until: z.string(),
  reason: z.string(),
  createdAt: z.string(),
});
export const onsiteRequirementListQuerySchema = z.object({ idNumber: idNumberSchema });
export const onsiteRequirementListSchema = z.object({ items: z.array(onsiteRequirementSchema) });
