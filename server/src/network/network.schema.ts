import { z } from 'zod';
import { OUTLET_CATEGORIES } from '#shared/catalog.ts';
import { phoneSchema } from '#shared/schemas/common.ts';

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

/** One line of POST /api/v1/imports/outlets: an outlet of a new installation's network. */
export const outletImportSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/, '网点编码为1至32位字母、数字或连字符'),
  name: z.string().trim().min(1, '请填写网点名称').max(100),
  category: z.enum(OUTLET_CATEGORIES, { message: '未知的网点类别' }),
  countyCode: z.string().regex(/^\d{6}$/, '区县代码为6位数字'),
  organisationCode: z.string().trim().min(1, '请填写所属机构').max(32),
  parentCode: z.string().trim().min(1).max(32).nullish(),
  address: z.string().trim().max(200).nullish(),
  phone: phoneSchema.nullish(),
  kindLabel: z.string().trim().min(1).max(32).nullish(),
});
export type OutletImport = z.infer<typeof outletImportSchema>;
