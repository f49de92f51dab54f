import type { TFunction } from 'i18next';
import type { z } from 'zod';
import {
  ID_NUMBER_MESSAGES_EN,
  PLATE_MESSAGES_EN,
  VIN_MESSAGES_EN,
} from '#shared/validators/index.ts';
import type { ErrorDetail } from '../../lib/api.ts';

export type FieldPath = (string | number)[];
export interface FieldError {
  name: FieldPath;
  errors: string[];
}

/**
 * English messages of the identifier validators, by the field they check: a field named so or
 * ending so (collectorIdNumber is an identity number too).
 */
const REASON_MESSAGES_EN: Record<string, Readonly<Record<string, string>>> = {
  idnumber: ID_NUMBER_MESSAGES_EN,
  vin: VIN_MESSAGES_EN,
  plate: PLATE_MESSAGES_EN,
};
const reasonMessagesOf = (field: string) =>
  Object.entries(REASON_MESSAGES_EN).find(([kind]) => field.toLowerCase().endsWith(kind))?.[1];

const HAS_CJK = /[\u4e00-\u9fff]/;

/**
 * One zod issue as the user should read it: the shared schemas' own Chinese messages in
 * Chinese, the validators' English messages in English, generic ones for zod's defaults.
 */
export function issueMessage(
  issue: z.core.$ZodIssue,
  language: string,
  t: TFunction,
  field = String(issue.path[issue.path.length - 1] ?? ''),
): string {
  if (language === 'en' && issue.code === 'custom') {
    const reason = (issue.params as { reason?: string } | undefined)?.reason;
    const english = reason ? reasonMessagesOf(field)?.[reason] : undefined;
    if (english) return english;
  }
  // A field left empty is said so in both languages: a schema's own Chinese message is about a
  // wrong value ("时间应为带时区的 ISO 8601 格式" for an inspection's empty start), where the
  // English page already said "Required".
  const missing =
    issue.code === 'invalid_type' && (issue.input === undefined || issue.input === null);
  if (missing) return t('validation.required');
  if (language !== 'en' && HAS_CJK.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? t('validation.integer') : t('validation.invalid');
    case 'too_small':
      return issue.origin === 'string'
        ? t('validation.required')
        : t('validation.tooSmall', { minimum: String(issue.minimum) });
    case 'too_big':
      return issue.origin === 'string'
        ? t('validation.tooLong')
        : t('validation.tooBig', { maximum: String(issue.maximum) });
    default:
      return t('validation.invalid');
  }
}

/** Issues of one schema, placed under the form field they belong to. */
export function issuesToFields(
  issues: readonly z.core.$ZodIssue[],
  prefix: string,
  language: string,
  t: TFunction,
): FieldError[] {
  return issues.map((issue) => ({
    name: [prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    errors: [issueMessage(issue, language, t)],
  }));
}

/** The server's 400 details ("data.vin") as form fields; details of unknown paths are left over. */
export function detailsToFields(
  details: ErrorDetail[],
  known: (path: string) => boolean,
): { fields: FieldError[]; rest: ErrorDetail[] } {
  const fields: FieldError[] = [];
  const rest: ErrorDetail[] = [];
  for (const d of details) {
    if (known(d.path)) fields.push({ name: d.path.split('.'), errors: [d.message] });
    else rest.push(d);
  }
  return { fields, rest };
}

/** Several errors of one field shown together. */
export function mergeFieldErrors(list: FieldError[]): FieldError[] {
  const byName = new Map<string, FieldError>();
  for (const f of list) {
    const key = f.name.join('.');
    const seen = byName.get(key);
    if (seen) seen.errors.push(...f.errors);
    else byName.set(key, { name: f.name, errors: [...f.errors] });
  }
  return [...byName.values()];
}

/**
 * The fields a change touched. antd reports a change as the nested part of the values that
 * changed ({ data: { vin: '…' } }); plain objects are branches, anything else (text, numbers,
 * dayjs dates) a field's value.
 */
export function changedPaths(changed: unknown, prefix: FieldPath = []): FieldPath[] {
  const branch =
    changed !== null &&
    typeof changed === 'object' &&
    Object.getPrototypeOf(changed) === Object.prototype;
  if (!branch) return [prefix];
  return Object.entries(changed).flatMap(([key, value]) => changedPaths(value, [...prefix, key]));
}
