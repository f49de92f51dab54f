import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Rows are sent in buffers of this many bytes, a fraction of what the kernel holds for a Unix
 * socket (about 200 kB), so PostgreSQL has earlier buffers to parse while Node builds the next.
 */
const CHUNK = 64 << 10;

/**
 * Bytes a COPY may have written but not yet handed to the socket before Node waits for it.
 * With the stream's default (16 kB) every buffer made Node wait until the socket had taken it
 * whole, so Node and PostgreSQL took turns.
 */
const IN_FLIGHT = 64 * CHUNK;

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
 * Streams lines into a table by `COPY … FROM STDIN`, waiting whenever more than `inFlight` bytes
 * are queued for the socket, so memory stays bounded whatever the row count. PostgreSQL parses
 * the buffers queued while Node builds the next: on two cores both are busy.
 *
 * Each line is encoded straight into a byte buffer: appending lines to one string and encoding
 * that (`Buffer.from`) cost six times as much, flattening the string it built piece by piece.
 */
export async function copyInto(
  client: pg.Client,
  table: string,
  columns: readonly string[],
  lines: Iterable<string>,
  {
    chunk = CHUNK,
    inFlight = IN_FLIGHT,
    // Rows written frozen: only into a table emptied in the same transaction (renew.ts).
    freeze = false,
  } = {},
): Promise<number> {
  const stream = client.query(
    copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN${freeze ? ' (FREEZE)' : ''}`, {
      highWaterMark: inFlight,
    }),
  );
  const failed = new Promise<never>((_, reject) => stream.on('error', reject));
  failed.catch(() => undefined);
  const send = async (bytes: Buffer) => {
    if (!stream.write(bytes)) await Promise.race([once(stream, 'drain'), failed]);
    // The socket writes what was queued only when the event loop runs: without this turn,
    // buffers built one after another reach PostgreSQL in bursts, and it waits between them.
    else await new Promise((resolve) => setImmediate(resolve));
  };
  let buffer = Buffer.allocUnsafe(chunk);
  let used = 0;
  let rows = 0;
  for (const l of lines) {
    rows++;
    // A UTF-16 unit takes at most three bytes in UTF-8.
    if (used + 3 * l.length > chunk) {
      if (used) await send(buffer.subarray(0, used));
      // The stream may still hold the buffer it was given: the next lines go into a new one.
      buffer = Buffer.allocUnsafe(chunk);
      used = 0;
      if (3 * l.length > chunk) {
        await send(Buffer.from(l));
        continue;
      }
    }
    used += buffer.write(l, used);
  }
  stream.end(buffer.subarray(0, used));
  await Promise.race([once(stream, 'finish'), failed]);
  return rows;
}
