import { z } from 'zod';
import { freeText } from '#shared/schemas/text.ts';
import { BUSINESS_TYPE_CODES, OUTLET_CATEGORIES } from '#shared/catalog.ts';
import { dateSchema } from '#shared/schemas/common.ts';

/** A body that may be left out altogether (Fastify then hands over null). */
const optionalBody = <T extends z.ZodType>(schema: T) => z.preprocess((v) => v ?? {}, schema);

export const grantBodySchema = optionalBody(
  z
    .object({
      validFrom: dateSchema.nullish(),
      validUntil: dateSchema.nullish(),
    })
    .refine((g) => !g.validFrom || !g.validUntil || g.validFrom <= g.validUntil, {
      message: '授权截止日期不能早于起始日期',
      path: ['validUntil'],
    }),
);

export const outletGrantParamsSchema = z.object({
  code: z.string().min(1).max(32),
  businessType: z.enum(BUSINESS_TYPE_CODES, { message: '未知的业务类型' }),
});

export const categoryGrantParamsSchema = z.object({
  category: z.enum(OUTLET_CATEGORIES, { message: '未知的网点类别' }),
  businessType: z.enum(BUSINESS_TYPE_CODES, { message: '未知的业务类型' }),
});

export const suspensionBodySchema = z.object({
  reason: freeText(500).refine((s) => s.length >= 2, '请填写暂停原因'),
});

export const restoreBodySchema = optionalBody(z.object({ note: freeText(500).optional() }));
