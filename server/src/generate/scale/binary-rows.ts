/**
 * Rows in PostgreSQL's binary COPY format, encoded straight from the generator's values.
 *
 * Why binary: in text format the backend parses every timestamp, date, number and uuid from
 * its characters (a county's violations: 3.0–5.1 s in text against 1.4–1.9 s in binary, the
 * backend alone), and Node formats each of them first. Here a timestamp is a subtraction and
 * two 32-bit writes on one side and a copy on the other.
 *
 * What each column takes, by its type in the catalog (`codecOf`):
 * - text: a string (a number is written as its decimal digits);
 * - integer, bigint, smallint: a safe integer, or its decimal text (an id read from the
 *   database); numeric: a finite number;
 * - boolean: a boolean;
 * - date: `YYYY-MM-DD`;
 * - timestamptz: milliseconds since 1970, kept to the whole second (the generator's instants
 *   are whole seconds);
 * - uuid: its 36-character text;
 * - jsonb, json: JSON text;
 * - text[]: an array of strings.
 * Null is null for every type.
 */

export type Field = string | number | boolean | null | readonly string[];

/** Writes one field's bytes (without its length word) through a writer. */
export type Codec = (out: RowWriter, value: NonNullable<Field>) => void;

/** PGCOPY signature, flags (none), header extension length (none). */
export const BINARY_HEADER = Buffer.from('PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0', 'latin1');

const TWO_32 = 2 ** 32;
/** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in ms since 1970. */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;
const TEXT_OID = 25;
/** Strings up to this long are written by the loop in `text`, longer ones by the encoder. */
const SHORT = 40;

/**
 * A growing byte buffer for rows. `take` hands over what was written and starts a new buffer,
 * for the stream may still hold the one it was given.
 */
export class RowWriter {
  buf: Buffer;
  used = 0;

  constructor(private readonly size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** Makes room for n more bytes (a row longer than the buffer's slack grows it). */
  room(n: number): void {
    if (this.used + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(2 * this.buf.length, this.used + n));
    this.buf.copy(bigger, 0, 0, this.used);
    this.buf = bigger;
  }

  take(): Buffer {
    const done = this.buf.subarray(0, this.used);
    this.buf = Buffer.allocUnsafe(this.size);
    this.used = 0;
    return done;
  }

  // Byte by byte: Buffer#writeInt32BE checks its arguments on every call, which cost more
  // than the write (a typed array's store keeps the low eight bits, as wanted here).
  int16(n: number): void {
    this.room(2);
    const b = this.buf;
    const o = this.used;
    b[o] = n >>> 8;
    b[o + 1] = n;
    this.used = o + 2;
  }

  int32(n: number): void {
    this.room(4);
    this.int32At(this.used, n);
    this.used += 4;
  }

  /** Writes a 32-bit integer where room was made: a length word filled in once known. */
  int32At(o: number, n: number): void {
    const b = this.buf;
    b[o] = n >>> 24;
    b[o + 1] = n >>> 16;
    b[o + 2] = n >>> 8;
    b[o + 3] = n;
  }

  /** A 64-bit integer from a double that holds it exactly (|n| < 2^53). */
  int64(n: number): void {
    const high = Math.floor(n / TWO_32);
    this.int32(high);
    this.int32(n - high * TWO_32);
  }

  /**
   * A string's UTF-8 bytes after their length word, and before them the byte `lead` if given
   * (jsonb's version). Most of the generator's strings are short and ASCII (codes, numbers,
   * ids): they are written a byte a character, cheaper than a call into the UTF-8 encoder,
   * which takes the long ones (JSON) and any with another character.
   */
  text(s: string, lead = -1): void {
    this.room(5 + 3 * s.length);
    const buf = this.buf;
    const lengthAt = this.used;
    let start = lengthAt + 4;
    if (lead >= 0) buf[start++] = lead;
    let length = -1;
    if (s.length <= SHORT) {
      let i = 0;
      for (; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        buf[start + i] = c;
      }
      if (i === s.length) length = i;
    }
    if (length < 0) length = buf.write(s, start, 'utf8');
    this.used = start + length;
    this.int32At(lengthAt, this.used - lengthAt - 4);
  }
}

/** An integer column of 2, 4 or 8 bytes. */
const integer =
  (bytes: 2 | 4 | 8): Codec =>
  (out, value) => {
    // Ids read from the database come as text (pg gives bigint as a string).
    const n = typeof value === 'string' ? Number(value) : (value as number);
    if (!Number.isSafeInteger(n)) throw new TypeError(`not an integer: ${String(value)}`);
    out.int32(bytes);
    if (bytes === 2) out.int16(n);
    else if (bytes === 4) out.int32(n);
    else out.int64(n);
  };

const text: Codec = (out, value) => out.text(typeof value === 'string' ? value : String(value));

const days = new Map<string, number>();
/** Days from 2000-01-01 to a `YYYY-MM-DD` date, kept per date (a few thousand at most). */
function pgDays(date: string): number {
  let d = days.get(date);
  if (d === undefined) {
    const ms = Date.parse(`${date}T00:00:00Z`);
    // Date.parse rolls 2031-02-29 over to March; PostgreSQL would refuse it, and so does this.
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
      throw new TypeError(`not a date: ${date}`);
    }
    d = (ms - PG_EPOCH_MS) / DAY_MS;
    days.set(date, d);
  }
  return d;
}

const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++)
  HEX['0123456789abcdef'.charCodeAt(i)] = HEX['0123456789ABCDEF'.charCodeAt(i)] = i;

function uuid(out: RowWriter, s: string): void {
  if (s.length !== 36) throw new TypeError(`not a uuid: ${s}`);
  out.int32(16);
  out.room(16);
  let at = out.used;
  for (let i = 0; i < 36; i += 2) {
    if (i === 8 || i === 13 || i === 18 || i === 23) i++;
    const high = HEX[s.charCodeAt(i)] ?? -1;
    const low = HEX[s.charCodeAt(i + 1)] ?? -1;
    if (high < 0 || low < 0) throw new TypeError(`not a uuid: ${s}`);
    out.buf[at++] = (high << 4) | low;
  }
  out.used = at;
}

const numerics = new Map<number, Buffer>();
/**
 * A numeric field, its bytes kept per value: the generator's amounts and scores take a few
 * dozen values, and working out the digits from the number's text each time took 3 % of
 * Node's time in a county run.
 */
function numeric(out: RowWriter, n: number): void {
  let bytes = numerics.get(n);
  if (bytes === undefined) {
    const scratch = new RowWriter(32);
    numericField(scratch, n);
    bytes = scratch.take();
    if (numerics.size < 4096) numerics.set(n, bytes);
  }
  out.room(bytes.length);
  for (let i = 0; i < bytes.length; i++) out.buf[out.used++] = bytes[i]!;
}

/**
 * A numeric from a finite number: base-10 000 digits around the decimal point, the scale being
 * the decimals the number's shortest text shows (the column's own scale then applies, as for
 * text input).
 */
function numericField(out: RowWriter, n: number): void {
  const shown = Math.abs(n).toString();
  if (!Number.isFinite(n) || shown.includes('e')) throw new TypeError(`not a plain number: ${n}`);
  const [whole = '', fraction = ''] = shown.split('.');
  const left = whole.padStart(Math.ceil(whole.length / 4) * 4, '0');
  const right = fraction.padEnd(Math.ceil(fraction.length / 4) * 4, '0');
  const digits: number[] = [];
  for (let i = 0; i < left.length; i += 4) digits.push(Number(left.slice(i, i + 4)));
  let weight = digits.length - 1;
  for (let i = 0; i < right.length; i += 4) digits.push(Number(right.slice(i, i + 4)));
  while (digits.length && digits[0] === 0) {
    digits.shift();
    weight--;
  }
  while (digits.length && digits[digits.length - 1] === 0) digits.pop();
  out.int32(8 + 2 * digits.length);
  out.int16(digits.length);
  out.int16(digits.length ? weight : 0);
  out.int16(n < 0 && digits.length ? 0x4000 : 0);
  out.int16(fraction.length);
  for (const d of digits) out.int16(d);
}

/** A one-dimensional text array from 1, without nulls. */
function textArray(out: RowWriter, items: readonly string[]): void {
  const lengthAt = out.used;
  out.int32(0);
  out.int32(items.length ? 1 : 0);
  out.int32(0);
  out.int32(TEXT_OID);
  if (items.length) {
    out.int32(items.length);
    out.int32(1);
  }
  for (const item of items) out.text(item);
  out.int32At(lengthAt, out.used - lengthAt - 4);
}

const CODECS: Record<number, Codec> = {
  16: (out, value) => {
    out.int32(1);
    out.room(1);
    out.buf[out.used++] = value ? 1 : 0;
  },
  20: integer(8),
  21: integer(2),
  23: integer(4),
  25: text,
  1043: text,
  114: text,
  // jsonb: a version byte (1), then the JSON text.
  3802: (out, value) => out.text(value as string, 1),
  1082: (out, value) => {
    out.int32(4);
    out.int32(pgDays(value as string));
  },
  // Whole seconds, in microseconds since 2000.
  1184: (out, value) => {
    const ms = value as number;
    if (!Number.isFinite(ms)) throw new TypeError(`not an instant: ${String(value)}`);
    out.int32(8);
    out.int64((Math.floor(ms / 1000) * 1000 - PG_EPOCH_MS) * 1000);
  },
  2950: (out, value) => uuid(out, value as string),
  1700: (out, value) => numeric(out, value as number),
  1009: (out, value) => textArray(out, value as readonly string[]),
};

/** The codec of a column's type, by its oid; a type without one is a mistake to fix here. */
export function codecOf(column: string, typeOid: number, typeName: string): Codec {
  const codec = CODECS[typeOid];
  if (!codec) throw new Error(`binary COPY: no codec for ${column} (${typeName})`);
  return codec;
}

/**
 * Writes one row: its field count, then each field's length word and bytes (−1: null). A value
 * its column's codec refuses is reported with the column's name.
 */
export function writeRow(
  out: RowWriter,
  codecs: readonly Codec[],
  row: readonly Field[],
  columns: readonly string[],
): void {
  if (row.length !== codecs.length) {
    throw new Error(`binary COPY: a row of ${row.length} fields for ${codecs.length} columns`);
  }
  out.int16(codecs.length);
  let i = 0;
  try {
    for (; i < codecs.length; i++) {
      const value = row[i];
      if (value === null || value === undefined) out.int32(-1);
      else codecs[i]!(out, value);
    }
  } catch (e) {
    throw new TypeError(`binary COPY: ${columns[i]}: ${(e as Error).message}`);
  }
}
