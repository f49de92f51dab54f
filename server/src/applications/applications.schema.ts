import { z } from 'zod';
import { BUSINESS_TYPE_CODES } from '../../../shared/src/catalog.ts';

export { applicationRequestSchema } from '../../../shared/src/schemas/applications.ts';

export const applicationIdParamsSchema = z.object({ id: z.uuid('申请编号格式不正确') });

export const applicationListQuerySchema = z.object({
  status: z.enum(['completed', 'accepted', 'refused']).optional(),
  businessType: z.enum(BUSINESS_TYPE_CODES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
