import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { BINARY_HEADER, codecOf, RowWriter, writeRow, type Field } from './binary-rows.ts';

/**
 * Rows are sent in buffers of about this many bytes, a fraction of what the kernel holds for a
 * Unix socket (about 200 kB), so PostgreSQL has earlier buffers to read while Node builds the
 * next.
 */
const CHUNK = 64 << 10;

/**
 * Bytes a COPY may have written but not yet handed to the socket before Node waits for it.
 * With the stream's default (16 kB) every buffer made Node wait until the socket had taken it
 * whole, so Node and PostgreSQL took turns.
 */
const IN_FLIGHT = 64 * CHUNK;

/** Each column's codec, from its type in the catalog, in the order given. */
async function codecsOf(client: pg.Client, table: string, columns: readonly string[]) {
  const { rows } = await client.query<{ name: string; oid: number; type: string }>(
    `SELECT attname AS name, atttypid::int AS oid, format_type(atttypid, NULL) AS type
       FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
    [table],
  );
  return columns.map((column) => {
    const found = rows.find((r) => r.name === column);
    if (!found) throw new Error(`binary COPY: ${table} has no column ${column}`);
    return codecOf(`${table}.${column}`, found.oid, found.type);
  });
}

/**
 * Streams rows into a table by `COPY … FROM STDIN` in binary format (binary-rows.ts), waiting
 * whenever more than `inFlight` bytes are queued for the socket, so memory stays bounded
 * whatever the row count. PostgreSQL decodes the buffers queued while Node encodes the next:
 * on two cores both are busy.
 */
export async function copyInto(
  client: pg.Client,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly Field[]>,
  {
    chunk = CHUNK,
    inFlight = IN_FLIGHT,
    // Rows written frozen: only into a table emptied in the same transaction (renew.ts).
    freeze = false,
  } = {},
): Promise<number> {
  const codecs = await codecsOf(client, table, columns);
  const qualified = columns.map((c) => `${table}.${c}`);
  const stream = client.query(
    copyFrom(
      `COPY ${table} (${columns.join(', ')}) FROM STDIN (FORMAT binary${freeze ? ', FREEZE' : ''})`,
      { highWaterMark: inFlight },
    ),
  );
  const failed = new Promise<never>((_, reject) => stream.on('error', reject));
  failed.catch(() => undefined);
  const send = async (bytes: Buffer) => {
    if (!stream.write(bytes)) await Promise.race([once(stream, 'drain'), failed]);
    // The socket writes what was queued only when the event loop runs: without this turn,
    // buffers built one after another reach PostgreSQL in bursts, and it waits between them.
    else await new Promise((resolve) => setImmediate(resolve));
  };
  // Room past the chunk for the row that crosses it; a longer row grows the buffer.
  const out = new RowWriter(chunk + Math.min(chunk, 16 << 10));
  out.buf.set(BINARY_HEADER);
  out.used = BINARY_HEADER.length;
  let count = 0;
  try {
    for (const row of rows) {
      writeRow(out, codecs, row, qualified);
      count++;
      if (out.used >= chunk) await send(out.take());
    }
  } catch (e) {
    // A row that cannot be encoded: end the COPY with a CopyFail, so the connection leaves
    // COPY mode and takes the caller's ROLLBACK, instead of waiting for rows forever.
    const closed = once(stream, 'close').catch(() => undefined);
    stream.destroy(e as Error);
    await closed;
    throw e;
  }
  out.int16(-1);
  stream.end(out.take());
  await Promise.race([once(stream, 'finish'), failed]);
  return count;
}
