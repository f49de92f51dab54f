import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Rows are sent in chunks of about this many characters: few writes, bounded memory. */
const CHUNK = 1 << 18;

/**
 * Escapes a text for COPY's text format (backslash, tab, line breaks). The generator's own values
 * (codes, numbers, names, dates) never contain these; JSON may (an escaped quote), so JSON
 * columns go through here.
 */
export function escaped(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : value;
}

/** A JSON column's COPY field. */
export const json = (value: unknown) => escaped(JSON.stringify(value));

/** One COPY line: fields tab-separated, null as \N. */
export function line(fields: (string | number | boolean | null)[]): string {
  let out = '';
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    out += (i ? '\t' : '') + (f === null ? '\\N' : f);
  }
  return `${out}\n`;
}

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
