import { z } from 'zod';
import { BUSINESS_TYPE_CODES, type BusinessTypeCode } from '#shared/catalog.ts';
import { applicationRequestSchema, businessDataSchemas } from '#shared/schemas/applications.ts';
import type { ErrorDetail } from '../platform/errors.ts';

export { applicationRequestSchema };

export const applicationIdParamsSchema = z.object({ id: z.uuid('申请编号格式不正确') });

export const applicationListQuerySchema = z.object({
  status: z.enum(['completed', 'accepted', 'refused']).optional(),
  businessType: z.enum(BUSINESS_TYPE_CODES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const toDetails = (issues: z.core.$ZodIssue[], prefix: PropertyKey[] = []): ErrorDetail[] =>
  issues.map((i) => ({ path: [...prefix, ...i.path].join('.') || '(root)', message: i.message }));

/**
 * Every bad field of a request whose envelope was rejected: the envelope's, and, when its
 * business type is readable, its data's too, so a partner fixes everything in one round. (A
 * valid envelope goes on to delegation first; its data is checked after, as DESIGN.md orders.)
 */
export function requestIssues(body: unknown): ErrorDetail[] {
  const envelope = applicationRequestSchema.safeParse(body);
  const details = envelope.success ? [] : toDetails(envelope.error.issues);
  const { businessType, data } = (body ?? {}) as { businessType?: unknown; data?: unknown };
  const schema =
    typeof businessType === 'string' && Object.hasOwn(businessDataSchemas, businessType)
      ? businessDataSchemas[businessType as BusinessTypeCode]
      : null;
  if (schema && !details.some((d) => d.path === 'data')) {
    const parsed = schema.safeParse(data ?? {});
    if (!parsed.success) details.push(...toDetails(parsed.error.issues, ['data']));
  }
  return details;
}
