import type { FormInstance } from 'antd';
import { ApiError } from '../../lib/api.ts';

/**
 * Puts the field errors of a 400 answer next to their fields ('scope.code' → ['scope', 'code']).
 * Returns false when the error is not one the form can show, so the caller toasts it instead.
 */
export function showFieldErrors(form: FormInstance, error: unknown, fields: string[]): boolean {
  if (!(error instanceof ApiError) || error.status !== 400) return false;
  const known = error.details.filter((d) => fields.includes(d.path));
  if (!known.length) return false;
  form.setFields(known.map((d) => ({ name: d.path.split('.'), errors: [d.message] })));
  return true;
}
