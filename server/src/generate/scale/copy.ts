import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Rows are sent in chunks of about this many characters: few writes, bounded memory. */
const CHUNK = 1 << 16;

/** A text-format COPY field: NULL as \N; backslash, tab and line breaks escaped. */
export function field(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : value;
}

/** One COPY line of already-formatted fields. */
export const line = (fields: (string | number | boolean | null)[]) =>
  `${fields.map(field).join('\t')}\n`;

/**
 * Streams the lines of a generator into a table by `COPY … FROM STDIN`, waiting whenever the
 * socket's buffer is full, so memory stays at a chunk or two whatever the row count. PostgreSQL
 * parses one chunk while Node builds the next: on two cores both are busy.
 */
export async function copyInto(
  client: pg.Client,
  table: string,
  columns: readonly string[],
  lines: Iterable<string>,
): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  const failed = new Promise<never>((_, reject) => stream.on('error', reject));
  failed.catch(() => undefined);
  let chunk = '';
  let rows = 0;
  for (const l of lines) {
    chunk += l;
    rows++;
    if (chunk.length >= CHUNK) {
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failed]);
      chunk = '';
    }
  }
  stream.end(chunk);
  await Promise.race([once(stream, 'finish'), failed]);
  return rows;
}
