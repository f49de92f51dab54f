import { z } from 'zod';
import { codeText, nameText } from './text.ts';

/** The dates any record of the registries can lawfully carry (births, registrations, validity). */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2099-12-31';

/**
 * A calendar date 'YYYY-MM-DD' that exists (2026-02-30 is refused), between 1900 and 2099. Each
 * check stops the ones after it (`abort`): a field gets one detail, the first thing wrong with it,
 * not "bad format" and "does not exist" for one malformed value.
 */
export const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD', abort: true })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    { message: '日期不存在', abort: true },
  )
  .refine(
    (s) => s >= EARLIEST_DATE && s <= LATEST_DATE,
    `日期应在 ${EARLIEST_DATE} 至 ${LATEST_DATE} 之间`,
  );

export const phoneSchema = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '联系电话格式不正确');

/**
 * An optional query filter that an empty value leaves unset: CONTRACT.md writes its lists'
 * filters as `?status=&rule=…`, and a client that fills that template sends the unused ones
 * empty.
 */
export const blankAsAbsent = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/**
 * Keyset paging of a list that answered whole before it paged (CONTRACT.md's alerts, findings,
 * cases and call-backs; the cooperation agreements): `after` is the previous page's `nextCursor`.
 * Those lists answered one bounded list of up to 500, so without `limit` a page is still the
 * largest there is: a partner that does not follow `nextCursor` misses nothing it saw before.
 */
export const CONTRACT_PAGE_MAX = 500;
export const contractPageQuery = {
  after: codeText(200, /^[A-Za-z0-9_-]+$/).optional(),
  limit: z.coerce.number().int().min(1).max(CONTRACT_PAGE_MAX).default(CONTRACT_PAGE_MAX),
};

/** A person's name (see text.ts for what a name may contain). */
export const nameSchema = nameText(64);

/** The one error shape of the API (CONTRACT.md, "Errors"). */
export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
