import type { Rule } from 'antd/es/form';
import type { z } from 'zod';
import { useLanguage } from '../../i18n/index.ts';
import { issueMessage } from '../workstation/validation.ts';

/**
 * Checks of the citizen forms by the same shared schemas the server applies, so a citizen reads
 * what is wrong with a field before sending it (an identity number's check digit, an 11-digit
 * phone, the password's length), in the current language.
 */
export function useSchemaCheck() {
  const { t, language } = useLanguage();
  /** The first problem of a value, or null; `message` replaces the schema's own wording. */
  const check = (schema: z.ZodType, value: unknown, field: string, message?: string) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return null;
    return message ?? issueMessage(parsed.error.issues[0]!, language, t, field);
  };
  /** The same as a form rule; an empty field is left to the field's `required` rule. */
  const rule = (schema: z.ZodType, field: string, message?: string): Rule => ({
    validator: async (_, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const problem = check(schema, value, field, message);
      if (problem) throw new Error(problem);
    },
  });
  return { check, rule };
}
