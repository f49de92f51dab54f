/**
 * Faster readers for the array types supervision receives by the ten thousand (a county-year
 * run reads 19,345 outlet-days of 12 counts each, and the inspections' and exams' day rows):
 * pg's own reader walks the text one character at a time and makes a string of every element
 * before turning it into a number, which took about 40 ms of a run's thread (and its garbage).
 * PostgreSQL writes an integer array as `{1,-2,NULL}` (`{{1,2},{3,4}}` with more dimensions):
 * with braces as brackets and NULL as null that is JSON, which V8 reads natively. Anything else
 * (an array with explicit bounds, `[0:1]={…}`) goes to pg's own reader.
 */
import pg from 'pg';

type Reader = (text: string) => unknown;
type TypeId = Parameters<typeof pg.types.getTypeParser>[0];

/** PostgreSQL's type ids (pg_type: _int2, _int4, _bool), which pg.types.builtins does not name. */
export const ARRAY_TYPES = { int2: 1005, int4: 1007, bool: 1000 } as const;

/** pg's own readers, as they were before `installArrayReaders`. */
const own = new Map<number, Reader>(
  Object.values(ARRAY_TYPES).map((oid): [number, Reader] => [
    oid,
    pg.types.getTypeParser(oid as unknown as TypeId, 'text') as Reader,
  ]),
);

/** pg's own reader of an array type (the fallback, and what the tests compare with). */
export const pgOwnReader = (oid: number): Reader => own.get(oid)!;

/** `{…}` text of an integer or boolean array, as JSON text; null when it is not that shape. */
function asJson(text: string): string | null {
  if (text.charCodeAt(0) !== 0x7b /* { */) return null;
  const json = text.replaceAll('{', '[').replaceAll('}', ']');
  return json.includes('N') ? json.replaceAll('NULL', 'null') : json;
}

/** A reader of `int2[]`/`int4[]` text; `fallback` reads the shapes JSON cannot. */
export function integerArrayReader(fallback: Reader) {
  return (text: string): unknown => {
    const json = asJson(text);
    return json === null ? fallback(text) : JSON.parse(json);
  };
}

/** A reader of `bool[]` text (`{t,f,NULL}`); `fallback` reads the shapes JSON cannot. */
export function booleanArrayReader(fallback: Reader) {
  return (text: string): unknown => {
    const json = asJson(text);
    // After NULL became null, the only t and f left are the elements themselves.
    return json === null
      ? fallback(text)
      : JSON.parse(json.replaceAll('t', 'true').replaceAll('f', 'false'));
  };
}

/** Makes pg read integer and boolean arrays with the readers above. */
export function installArrayReaders() {
  const readers = [
    [ARRAY_TYPES.int2, integerArrayReader],
    [ARRAY_TYPES.int4, integerArrayReader],
    [ARRAY_TYPES.bool, booleanArrayReader],
  ] as const;
  for (const [oid, reader] of readers) {
    pg.types.setTypeParser(oid as unknown as TypeId, reader(pgOwnReader(oid)));
  }
}
