import { invalid } from './errors.ts';

/**
 * Keyset cursors: the last row's sort key and id, base64url of the parts joined by '|', opaque to
 * clients. A cursor that does not decode into exactly what its list sorts by is the client's
 * mistake and is answered 400 on `query.after`: nothing of it reaches SQL unchecked.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** What `Date#toISOString` writes; anything else did not come from `encodeInstantCursor`. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** What `String(number)` writes for a finite number. */
const NUMBER = /^-?\d+(\.\d+)?(e[+-]\d+)?$/;

const badCursor = () => invalid([{ path: 'query.after', message: '分页游标无效' }]);

const encode = (key: string, id: string) => Buffer.from(`${key}|${id}`).toString('base64url');

function decode(cursor: string, keyPattern: RegExp) {
  const parts = Buffer.from(cursor, 'base64url').toString().split('|');
  const [key, id] = parts;
  if (parts.length !== 2 || !key || !keyPattern.test(key) || !id || !UUID.test(id)) {
    throw badCursor();
  }
  return { key, id };
}

/** A list ordered by an instant then id (the instant to the millisecond, as the rows hold it). */
export const encodeInstantCursor = (at: Date, id: string) => encode(at.toISOString(), id);

export function decodeInstantCursor(cursor: string): { at: Date; id: string } {
  const { key, id } = decode(cursor, ISO_INSTANT);
  const at = new Date(key);
  if (Number.isNaN(at.getTime())) throw badCursor();
  return { at, id };
}

/**
 * A list ordered by a double precision score then id. `String` writes the shortest text that
 * reads back as the same double, so the next page starts exactly after the last row.
 */
export const encodeScoreCursor = (score: number, id: string) => encode(String(score), id);

export function decodeScoreCursor(cursor: string): { score: number; id: string } {
  const { key, id } = decode(cursor, NUMBER);
  const score = Number(key);
  if (!Number.isFinite(score)) throw badCursor();
  return { score, id };
}

/**
 * The page of a list read with `limit + 1` rows (the one more tells whether there is a next
 * page), and the cursor of its last row when there is.
 */
export function keysetPage<T>(rows: T[], limit: number, cursorOf: (last: T) => string) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? cursorOf(last) : null };
}
