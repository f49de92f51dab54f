import { z } from 'zod';

/**
 * A response schema compiled into a function that checks a value and writes its JSON in one
 * pass: what `JSON.stringify(schema.parse(value))` gives, without building the parsed copy first
 * and walking it again. On a licence read the two passes were 12 % of the server's thread.
 *
 * Compiled: objects in zod's default mode (no catch-all, no refinement), arrays and records without
 * checks, nullable and optional, and the leaves: strings (a pattern or a length checked by zod's
 * own check functions), numbers and integers, booleans, enums, literals, null, unknown. Every
 * other node (a string format such as a UUID, a union, a trim, a refinement…) is handed to zod
 * itself and its result written with `JSON.stringify`: whatever zod accepts or changes, the
 * writer does too.
 *
 * A writer returns the JSON text, `undefined` for a value JSON leaves out (an absent optional
 * field), or `null` when the value does not fit: the caller then asks zod, which explains why.
 */
export type JsonWriter = (value: unknown) => string | undefined | null;

/** Characters JSON.stringify escapes: quotes, backslashes, controls and lone surrogates. */
// eslint-disable-next-line no-control-regex -- the control characters are what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON: most have nothing to escape and are quoted as they are. */
export const jsonString = (s: string): string =>
  NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;

type Def = Record<string, unknown> & { type: string; checks?: unknown[] };
const defOf = (schema: z.ZodType) => schema._zod.def as unknown as Def;
const hasChecks = (def: Def) => Boolean(def.checks?.length);

/** Compiles `schema` (a z.lazy inside it is not followed: zod reads it). */
export function compileJsonWriter(schema: z.ZodType): JsonWriter {
  return compiled(schema) ?? byZod(schema);
}

function compiled(schema: z.ZodType): JsonWriter | null {
  const def = defOf(schema);
  if (def.coerce) return null;
  switch (def.type) {
    case 'string':
    case 'number':
      if (isPlainInteger(def)) return (v) => (Number.isSafeInteger(v) ? String(v) : null);
      return def.format ? null : leafWriter(def);
    case 'boolean':
      return hasChecks(def) ? null : (v) => (v === true ? 'true' : v === false ? 'false' : null);
    case 'null':
      return hasChecks(def) ? null : (v) => (v === null ? 'null' : null);
    case 'enum':
    case 'literal': {
      const values = (schema._zod as { values?: Set<unknown> }).values;
      if (hasChecks(def) || !values || ![...values].every(isJsonLeaf)) return null;
      return (v) => (values.has(v) ? leafJson(v) : null);
    }
    case 'nullable': {
      if (hasChecks(def)) return null;
      const inner = compileJsonWriter(def.innerType as z.ZodType);
      return (v) => (v === null ? 'null' : inner(v));
    }
    case 'optional': {
      // A value is the inner schema's (z.optional and z.exactOptional alike); undefined, which
      // the two read differently, is left to zod.
      if (hasChecks(def)) return null;
      const inner = compileJsonWriter(def.innerType as z.ZodType);
      const absent = byZod(schema);
      return (v) => (v === undefined ? absent(v) : inner(v));
    }
    case 'array':
      return hasChecks(def) ? null : arrayWriter(compileJsonWriter(def.element as z.ZodType));
    case 'unknown':
    case 'any':
      // Anything goes, as it is: what JSON.stringify makes of the value is what zod's copy gives.
      return hasChecks(def) ? null : (v) => JSON.stringify(v);
    case 'record':
      return hasChecks(def) || def.mode || !isPlainString(def.keyType as z.ZodType)
        ? null
        : recordWriter(def.valueType as z.ZodType);
    case 'object':
      return hasChecks(def) || def.catchall
        ? null
        : objectWriter(def.shape as Record<string, z.ZodType>);
    default:
      return null;
  }
}

/**
 * `z.int()` (a number schema that is its own safe-integer check) and `z.number().int()` (a number
 * whose one check is that format).
 */
function isPlainInteger(def: Def): boolean {
  if (def.type !== 'number') return false;
  if (!def.checks?.length) return def.check === 'number_format' && def.format === 'safeint';
  const only = def.checks.length === 1 && !def.format ? checkDef(def.checks[0]) : null;
  return only?.check === 'number_format' && only.format === 'safeint';
}

interface CheckDef {
  check: string;
  format?: string;
  when?: (payload: Payload) => boolean;
}
interface Payload {
  value: unknown;
  issues: unknown[];
}
const checkDef = (check: unknown) => (check as { _zod: { def: CheckDef } })._zod.def;

/** Checks that only judge a value (a trim, which changes it, or a refinement is left to zod). */
const JUDGING = new Set([
  'string_format',
  'min_length',
  'max_length',
  'length_equals',
  'greater_than',
  'less_than',
  'number_format',
  'multiple_of',
]);

/**
 * A string or a number, its checks (a pattern, a length, a bound, an integer format) run by
 * zod's own check functions, so that a length counts code points exactly as zod counts them.
 */
function leafWriter(def: Def): JsonWriter | null {
  const isType =
    def.type === 'string'
      ? (v: unknown): v is string => typeof v === 'string'
      : (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  const write = def.type === 'string' ? (v: unknown) => jsonString(v as string) : String;
  const checks = def.checks ?? [];
  if (!checks.length) return (v) => (isType(v) ? write(v) : null);
  if (!checks.every((c) => JUDGING.has(checkDef(c).check))) return null;
  const pattern = onlyPattern(checks);
  if (pattern) {
    // zod's own test, without a payload per value: most response strings with a check are dates.
    return (v) => {
      if (!isType(v)) return null;
      pattern.lastIndex = 0;
      return pattern.test(v as string) ? write(v) : null;
    };
  }
  const run = checks.map((c) => {
    const zod = (c as { _zod: { def: CheckDef; check: (p: Payload) => void } })._zod;
    return { when: zod.def.when, check: zod.check };
  });
  return (v) => {
    if (!isType(v)) return null;
    const payload: Payload = { value: v, issues: [] };
    for (const { when, check } of run) if (!when || when(payload)) check(payload);
    return payload.issues.length ? null : write(v);
  };
}

/** The pattern of a string's one check when it is `.regex()` (ZodCheckRegex), else null. */
function onlyPattern(checks: unknown[]): RegExp | null {
  if (checks.length !== 1) return null;
  const def = checkDef(checks[0]) as CheckDef & { pattern?: RegExp };
  return def.check === 'string_format' && def.format === 'regex' && def.pattern
    ? def.pattern
    : null;
}

const isJsonLeaf = (v: unknown) =>
  typeof v === 'string' || typeof v === 'boolean' || v === null || Number.isFinite(v);
const leafJson = (v: unknown) => (typeof v === 'string' ? jsonString(v) : String(v));

function arrayWriter(element: JsonWriter): JsonWriter {
  return (v) => {
    if (!Array.isArray(v)) return null;
    let out = '[';
    for (let i = 0; i < v.length; i++) {
      const item = element(v[i]);
      if (item === null) return null;
      out += (i ? ',' : '') + (item ?? 'null');
    }
    return `${out}]`;
  };
}

const isPlainString = (schema: z.ZodType) => {
  const def = defOf(schema);
  return def.type === 'string' && !def.format && !def.coerce && !hasChecks(def);
};

/** zod's test of an object's input: neither null nor an array. */
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** zod's test of a record's input: an object whose constructor's prototype looks like Object's. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!isObject(v)) return false;
  const ctor = (v as { constructor?: unknown }).constructor;
  if (ctor === undefined || typeof ctor !== 'function') return true;
  const prototype = (ctor as { prototype?: unknown }).prototype;
  return isObject(prototype) && Object.prototype.hasOwnProperty.call(prototype, 'isPrototypeOf');
}

/**
 * `z.record(z.string(), …)` as zod copies it: its own enumerable keys in their order, but
 * `__proto__`; a symbol key, which zod refuses, is handed over. A record of anything
 * (`z.unknown()`) is written whole: its copy would be the same keys and values.
 */
function recordWriter(valueType: z.ZodType): JsonWriter {
  const kind = defOf(valueType).type;
  if ((kind === 'unknown' || kind === 'any') && !hasChecks(defOf(valueType))) {
    return (v) =>
      isPlainObject(v) &&
      !Object.prototype.hasOwnProperty.call(v, '__proto__') &&
      typeof v.toJSON !== 'function' &&
      !Object.getOwnPropertySymbols(v).length
        ? JSON.stringify(v)
        : null;
  }
  const value = compileJsonWriter(valueType);
  return (v) => {
    if (!isPlainObject(v)) return null;
    let out = '{';
    for (const key of Reflect.ownKeys(v)) {
      if (key === '__proto__' || !Object.prototype.propertyIsEnumerable.call(v, key)) continue;
      if (typeof key !== 'string') return null;
      const text = value(v[key]);
      if (text === null) return null;
      if (text === undefined) continue;
      out += `${out.length > 1 ? ',' : ''}${jsonString(key)}:${text}`;
    }
    return `${out}}`;
  };
}

interface Field {
  key: string;
  /** `"key":` */
  prefix: string;
  write: JsonWriter;
  /** zod leaves the key out when it is absent (a z.optional field). */
  omittable: boolean;
}

/** An object as zod's default (strip) mode reads it: the shape's keys in order, no others. */
function objectWriter(shape: Record<string, z.ZodType>): JsonWriter {
  const fields: Field[] = Object.entries(shape).map(([key, field]) => ({
    key,
    prefix: `${JSON.stringify(key)}:`,
    write: compileJsonWriter(field),
    omittable: field._zod.optin === 'optional' && field._zod.optout === 'optional',
  }));
  return (v) => {
    if (!isObject(v)) return null;
    let out = '{';
    for (const field of fields) {
      const value = v[field.key];
      // An absent key that is not optional fails in zod, even for a schema that takes undefined.
      if (value === undefined && !(field.key in v)) {
        if (field.omittable) continue;
        return null;
      }
      const text = field.write(value);
      if (text === null) return null;
      if (text === undefined) continue;
      out += (out.length > 1 ? ',' : '') + field.prefix + text;
    }
    return `${out}}`;
  };
}

/** A node zod checks (and may change, as a trim does); its result written by JSON.stringify. */
function byZod(schema: z.ZodType): JsonWriter {
  return (v) => {
    const result = schema.safeParse(v);
    return result.success ? JSON.stringify(result.data) : null;
  };
}
