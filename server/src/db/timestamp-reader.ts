/**
 * A faster reader for `timestamptz` text. pg's own (postgres-date) runs a regular expression
 * over the whole text and, for any zone but `+00`, splits the text and runs a second one for the
 * offset: 3.2 % of the server thread's busy time on the licence read, which answers with a few
 * instants. The server writes them in one shape (DateStyle ISO): `2026-12-05 05:12:41.241+08`,
 * with a fraction of up to six digits and an offset of `±HH`, `±HH:MM` or `±HH:MM:SS` (the old
 * local mean times). That shape is read here by character codes, into the same `Date`: the
 * milliseconds are the fraction's first three digits, which is what postgres-date's
 * `1000 * parseFloat(…)` truncates to for every fraction of up to six digits. Anything else
 * (a year before 100 or after 9999, `BC`, `infinity`) goes to pg's own reader.
 */
import pg from 'pg';

type Reader = (text: string) => unknown;
type TypeId = Parameters<typeof pg.types.getTypeParser>[0];

const TIMESTAMPTZ = pg.types.builtins.TIMESTAMPTZ as unknown as TypeId;

/** pg's own reader of `timestamptz` text (the fallback, and what the tests compare with). */
export const pgOwnTimestampReader = pg.types.getTypeParser(TIMESTAMPTZ, 'text') as Reader;

const ZERO = 0x30;
const MINUS = 0x2d;
const PLUS = 0x2b;
const COLON = 0x3a;
const SPACE = 0x20;
const DOT = 0x2e;
const MILLI_SCALE = [100, 10, 1];

/** The two-digit number at `at`, or -1 when either character is not a digit. */
function digitPair(text: string, at: number): number {
  const a = text.charCodeAt(at) - ZERO;
  const b = text.charCodeAt(at + 1) - ZERO;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The instant of `YYYY-MM-DD HH:MM:SS[.f…]±HH[:MM[:SS]]` in milliseconds since 1970, or NaN
 * when the text is not in exactly that shape.
 */
export function isoTimestampMillis(text: string): number {
  const n = text.length;
  if (
    n < 22 ||
    text.charCodeAt(4) !== MINUS ||
    text.charCodeAt(7) !== MINUS ||
    text.charCodeAt(10) !== SPACE ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON
  ) {
    return NaN;
  }
  const century = digitPair(text, 0);
  const yy = digitPair(text, 2);
  const month = digitPair(text, 5);
  const day = digitPair(text, 8);
  const hour = digitPair(text, 11);
  const minute = digitPair(text, 14);
  const second = digitPair(text, 17);
  // Date.UTC reads the years 0–99 as 1900–1999; those are left to pg's reader.
  if (century < 1 || yy < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
    return NaN;
  }
  let i = 19;
  let ms = 0;
  if (text.charCodeAt(i) === DOT) {
    i++;
    const start = i;
    for (let d = text.charCodeAt(i) - ZERO; d >= 0 && d <= 9; d = text.charCodeAt(i) - ZERO) {
      // Milliseconds are the first three digits; the microseconds after them are dropped.
      if (i - start < 3) ms += d * MILLI_SCALE[i - start]!;
      i++;
    }
    if (i === start || i - start > 6) return NaN;
  }
  const sign = text.charCodeAt(i);
  if (sign !== PLUS && sign !== MINUS) return NaN;
  const offsetHours = digitPair(text, i + 1);
  if (offsetHours < 0) return NaN;
  let offset = offsetHours * 3600;
  i += 3;
  for (let factor = 60; i < n && factor >= 1; factor /= 60) {
    const part = text.charCodeAt(i) === COLON ? digitPair(text, i + 1) : -1;
    if (part < 0) return NaN;
    offset += part * factor;
    i += 3;
  }
  if (i !== n) return NaN;
  const utc = Date.UTC(century * 100 + yy, month - 1, day, hour, minute, second, ms);
  return utc - (sign === MINUS ? -offset : offset) * 1000;
}

/** Reads `timestamptz` text as pg does, the server's usual shape by character codes. */
export function readTimestamp(text: string): unknown {
  const millis = isoTimestampMillis(text);
  return Number.isNaN(millis) ? pgOwnTimestampReader(text) : new Date(millis);
}

/** Makes pg read `timestamptz` with `readTimestamp`. */
export function installTimestampReader() {
  pg.types.setTypeParser(TIMESTAMPTZ, readTimestamp);
}
