import type { z } from 'zod';
import { jsonProblem } from '#shared/schemas/text.ts';
import { zhErrorMap } from '#shared/schemas/zh-errors.ts';

export interface Rejection {
  line: number;
  error: string;
}

/**
 * What the body parser makes of bytes that are not UTF-8 (it decodes the body as UTF-8, each
 * invalid sequence becoming U+FFFD). A legacy export has no use for the character itself, so a
 * line holding it is one whose bytes were not UTF-8: rejected, never stored with the damage.
 */
const REPLACEMENT = '\uFFFD';

/**
 * The lines of an NDJSON import, each judged alone (CONTRACT.md "Imports"): not UTF-8, not JSON,
 * a value no schema should see (too deep, control characters, lone surrogates), or failing the
 * record's schema → a rejection naming the line and the field; otherwise the parsed record.
 * Blank lines are skipped. One bad line never stops the others.
 */
export function parseImportLines<S extends z.ZodType>(
  ndjson: string,
  schema: S,
): { parsed: { line: number; value: z.infer<S> }[]; rejected: Rejection[] } {
  const parsed: { line: number; value: z.infer<S> }[] = [];
  const rejected: Rejection[] = [];
  // A byte order mark (what Windows tools write) is no part of the first line.
  const lines = ndjson.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((text, i) => {
    const line = i + 1;
    if (!text.trim()) return;
    if (text.includes(REPLACEMENT)) {
      rejected.push({ line, error: '不是有效的 UTF-8 编码（文件应以 UTF-8 保存）' });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      rejected.push({ line, error: '不是有效的 JSON' });
      return;
    }
    const problem = jsonProblem(json);
    if (problem) {
      rejected.push({ line, error: `${problem.path}: ${problem.message}` });
      return;
    }
    // In Chinese whoever runs the import (the app's process-wide setting aside).
    const result = schema.safeParse(json, { error: zhErrorMap });
    if (result.success) parsed.push({ line, value: result.data });
    else {
      const error = result.error.issues
        .map((x) => `${x.path.join('.') || '(root)'}: ${x.message}`)
        .join('; ');
      rejected.push({ line, error });
    }
  });
  return { parsed, rejected };
}

/**
 * Writes a chunk of good lines in one transaction; if the chunk fails as a whole (a line the
 * database refuses), each line is written alone so that only the failing one is rejected.
 * `write` returns the lines' keys that went in; `keyOf` names a line's key.
 */
export async function writeChunk<T>(
  chunk: { line: number; value: T }[],
  write: (items: { line: number; value: T }[]) => Promise<Set<string>>,
  keyOf: (value: T) => string,
  rejected: Rejection[],
  alreadyThere: (value: T) => string,
): Promise<number> {
  const record = (items: { line: number; value: T }[], inserted: Set<string>) => {
    // A key repeated inside the chunk went in once: its later lines are the repeats.
    const taken = new Set<string>();
    for (const { line, value } of items) {
      const key = keyOf(value);
      if (!inserted.has(key) || taken.has(key)) rejected.push({ line, error: alreadyThere(value) });
      taken.add(key);
    }
    return inserted.size;
  };
  try {
    return record(chunk, await write(chunk));
  } catch {
    let imported = 0;
    for (const item of chunk) {
      try {
        imported += record([item], await write([item]));
      } catch (e) {
        rejected.push({
          line: item.line,
          error: `写入失败：${(e as Error).message.slice(0, 200)}`,
        });
      }
    }
    return imported;
  }
}

/**
 * Every good line of an import, in chunks of `size` through `writeChunk`; answers the import
 * (CONTRACT.md "Imports"): how many went in, and every rejection in line order.
 */
export async function writeChunks<T>(
  good: { line: number; value: T }[],
  size: number,
  write: (items: { line: number; value: T }[]) => Promise<Set<string>>,
  keyOf: (value: T) => string,
  rejected: Rejection[],
  alreadyThere: (value: T) => string,
): Promise<{ imported: number; rejected: Rejection[] }> {
  let imported = 0;
  for (let start = 0; start < good.length; start += size) {
    const chunk = good.slice(start, start + size);
    imported += await writeChunk(chunk, write, keyOf, rejected, alreadyThere);
  }
  rejected.sort((a, b) => a.line - b.line);
  return { imported, rejected };
}
