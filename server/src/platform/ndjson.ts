import type { z } from 'zod';
import { AppError } from './errors.ts';

/** CONTRACT.md "Imports": one request carries up to 20,000 lines; larger files come in parts. */
export const MAX_IMPORT_LINES = 20_000;

export interface ParsedLines<T> {
  good: { line: number; value: T }[];
  rejected: { line: number; error: string }[];
}

/**
 * Splits an NDJSON body and judges each line alone: JSON, then the schema (every bad field with
 * its path), then `problem` (a line's own consistency, and duplicates of earlier lines). Blank
 * lines are skipped; line numbers are 1-based as an editor shows them.
 */
export function parseNdjson<S extends z.ZodType>(
  body: string,
  schema: S,
  problem: (value: z.infer<S>) => string | null,
): ParsedLines<z.infer<S>> {
  const lines = body.split(/\r?\n/);
  if (lines.filter((l) => l.trim()).length > MAX_IMPORT_LINES) {
    throw new AppError('PAYLOAD_TOO_LARGE', `一次最多导入 ${MAX_IMPORT_LINES} 行，请分批发送`);
  }
  const result: ParsedLines<z.infer<S>> = { good: [], rejected: [] };
  lines.forEach((text, i) => {
    if (!text.trim()) return;
    const line = i + 1;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      result.rejected.push({ line, error: '不是有效的 JSON' });
      return;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const error = parsed.error.issues
        .map((x) => `${x.path.join('.') || '(root)'}: ${x.message}`)
        .join('; ');
      result.rejected.push({ line, error });
      return;
    }
    const why = problem(parsed.data);
    if (why) result.rejected.push({ line, error: why });
    else result.good.push({ line, value: parsed.data });
  });
  return result;
}
