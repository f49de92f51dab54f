import { z } from 'zod';
import { BUSINESS_TYPE_CODES, type BusinessTypeCode } from '#shared/catalog.ts';
import { APPLICATION_STATUSES } from '#shared/lifecycles.ts';
import {
  applicationRequestSchema,
  businessDataSchemas,
  eventRequestSchema,
  type ApplicationRequest,
} from '#shared/schemas/applications.ts';
import { invalid, type ErrorDetail } from '../platform/errors.ts';

export { applicationRequestSchema, eventRequestSchema };

export const applicationIdParamsSchema = z.object({ id: z.uuid('申请编号格式不正确') });

export const applicationListQuerySchema = z.object({
  status: z.enum(APPLICATION_STATUSES).optional(),
  businessType: z.enum(BUSINESS_TYPE_CODES).optional(),
  /** Only accepted applications past their due date (SLA). */
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Keyset pagination: the `nextCursor` of the previous page. */
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const toDetails = (issues: z.core.$ZodIssue[], prefix: PropertyKey[] = []): ErrorDetail[] =>
  issues.map((i) => ({ path: [...prefix, ...i.path].join('.') || '(root)', message: i.message }));

/**
 * Every bad field of a request whose envelope was rejected: the envelope's, and, when its
 * business type is readable, its data's too, so a partner fixes everything in one round. (A
 * valid envelope goes on to delegation first; its data is checked after, as DESIGN.md orders.)
 */
export function requestIssues(body: unknown, headers: ApplicationHeaders): ErrorDetail[] {
  const envelope = applicationRequestSchema.safeParse(body);
  const details = [
    ...(envelope.success ? [] : toDetails(envelope.error.issues)),
    ...headerKeyIssues(body, headers),
  ];
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

const headerKeySchema = applicationRequestSchema.shape.idempotencyKey;
const KEY_HEADER = 'Idempotency-Key';

/**
 * The idempotency key may come as an `Idempotency-Key` header too, the form many partners' HTTP
 * clients send (IETF httpapi draft): a request keyed only there would otherwise be unkeyed, and
 * its retry a second application. The body's `idempotencyKey` (CONTRACT.md) is the same key.
 */
export const applicationHeadersSchema = z.looseObject({ 'idempotency-key': headerKeySchema });
export type ApplicationHeaders = { 'idempotency-key'?: unknown };

function headerKeyIssues(body: unknown, headers: ApplicationHeaders): ErrorDetail[] {
  const key = headers['idempotency-key'];
  if (key === undefined) return [];
  const parsed = headerKeySchema.safeParse(key);
  if (!parsed.success) return toDetails(parsed.error.issues, [KEY_HEADER]);
  const inBody = (body as { idempotencyKey?: unknown } | null)?.idempotencyKey;
  return inBody === undefined || inBody === key
    ? []
    : [{ path: KEY_HEADER, message: '请求头 Idempotency-Key 与请求体的 idempotencyKey 不一致' }];
}

/** A valid request with the header's key in its body (two keys that differ: 400). */
export function keyedRequest(body: ApplicationRequest, headers: ApplicationHeaders) {
  const issues = headerKeyIssues(body, headers);
  if (issues.length) throw invalid(issues);
  const key = headers['idempotency-key'];
  return typeof key === 'string' ? { ...body, idempotencyKey: key } : body;
}
