import { z } from 'zod';
import { OUTLET_CATEGORIES } from '#shared/catalog.ts';

export const outletListQuerySchema = z.object({
  category: z.enum(OUTLET_CATEGORIES).optional(),
  county: z
    .string()
    .regex(/^\d{6}$/, '区县代码为6位数字')
    .optional(),
  status: z.enum(['active', 'suspended']).optional(),
  q: z.string().trim().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  offset: z.coerce.number().int().min(0).default(0),
});

export const outletCodeParamsSchema = z.object({ code: z.string().min(1).max(32) });
