import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { applicationResponseSchema } from '#shared/schemas/applications.ts';
import { licenceResponseSchema } from '#shared/schemas/licences.ts';
import {
  sampleApplicationResponse,
  sampleLicenceResponse,
} from '../../../test/support/responses.ts';
import { compileJsonWriter, jsonString } from './json-writer.ts';
import { oneWayStep } from './serializer.ts';

/** What the writer must give: zod's parse written by JSON.stringify, or null where zod refuses. */
function byZod(schema: z.ZodType, value: unknown) {
  const result = schema.safeParse(value);
  return result.success ? JSON.stringify(result.data) : null;
}

/** The writer's answer, or zod's where the writer hands the value over (as serializer.ts does). */
function agreed(schema: z.ZodType, value: unknown) {
  const written = compileJsonWriter(schema)(value);
  return written === null ? { written, final: byZod(schema, value) } : { written, final: written };
}

describe('compileJsonWriter', () => {
  it('writes strings as JSON.stringify does, escapes and lone surrogates included', () => {
    for (const s of [
      '',
      'abc',
      '敖先生',
      'a"b',
      'a\\b',
      '\n\t\u0000\u001f',
      '\ud800',
      '\udc00x',
      '😀',
      '\u2028',
    ]) {
      expect(jsonString(s)).toBe(JSON.stringify(s));
    }
  });

  it('keeps the shape order, drops unknown keys and leaves absent optional fields out', () => {
    const schema = z.object({ b: z.string(), a: z.number().optional(), c: z.boolean().nullable() });
    const write = compileJsonWriter(schema);
    expect(write({ a: 1, b: 'x', c: null, secret: 'y' })).toBe('{"b":"x","a":1,"c":null}');
    expect(write({ b: 'x', c: true })).toBe('{"b":"x","c":true}');
    expect(write({ b: 'x', a: undefined, c: false })).toBe('{"b":"x","c":false}');
  });

  it('hands over what it does not fit, and zod decides', () => {
    const schema = z.object({ n: z.number(), s: z.string().min(2) });
    const write = compileJsonWriter(schema);
    for (const bad of [
      { n: '1', s: 'ab' },
      { n: Number.NaN, s: 'ab' },
      { n: 1, s: 'a' },
      [],
      null,
      'x',
    ]) {
      expect(write(bad)).toBeNull();
      expect(byZod(schema, bad)).toBeNull();
    }
    // An absent key zod refuses even though its schema takes undefined.
    const unknownField = z.object({ u: z.unknown() });
    expect(compileJsonWriter(unknownField)({})).toBeNull();
    expect(byZod(unknownField, {})).toBeNull();
    expect(compileJsonWriter(unknownField)({ u: undefined })).toBe('{}');
  });

  it('writes integers, bounds, lengths in code points and patterns as zod checks them', () => {
    const schema = z.object({
      i: z.int(),
      j: z.number().int().min(0).max(10),
      s: z.string().max(2),
      d: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    });
    const ok = { i: -0, j: 10, s: '😀😀', d: '2026-12-06' };
    expect(agreed(schema, ok)).toEqual({
      written: '{"i":0,"j":10,"s":"😀😀","d":"2026-12-06"}',
      final: byZod(schema, ok),
    });
    for (const bad of [
      { ...ok, i: 1.5 },
      { ...ok, i: 2 ** 53 },
      { ...ok, j: 11 },
      { ...ok, s: 'abc' },
      { ...ok, d: '2026-12-6' },
    ]) {
      expect(compileJsonWriter(schema)(bad)).toBeNull();
      expect(byZod(schema, bad)).toBeNull();
    }
  });

  it('leaves to zod what changes a value or is not compiled, and writes its result', () => {
    const schema = z.object({
      trimmed: z.string().trim(),
      either: z.union([z.string(), z.number()]),
      map: z.record(z.string(), z.number()),
      when: z.date(),
      refined: z.object({ a: z.number() }).refine((o) => o.a > 0),
      exact: z.string().exactOptional(),
    });
    const value = {
      trimmed: ' x ',
      either: 2,
      map: { k: 1 },
      when: new Date(0),
      refined: { a: 1, b: 2 },
    };
    expect(compileJsonWriter(schema)(value)).toBe(byZod(schema, value));
    expect(byZod(schema, value)).toContain('"trimmed":"x"');
    expect(compileJsonWriter(schema)({ ...value, exact: undefined })).toBe(
      byZod(schema, { ...value, exact: undefined }),
    );
  });

  it('writes records as zod copies them, and hands over what zod would not copy as it is', () => {
    const any = z.record(z.string(), z.unknown());
    const numbers = z.record(z.string(), z.number());
    const ordered = { b: 1, 2: 'two', a: { nested: [1, 'x'] }, 1: null, gone: undefined };
    for (const schema of [any, numbers]) {
      const value = schema === any ? ordered : { b: 1, 2: 2, a: 3 };
      expect(compileJsonWriter(schema)(value)).toBe(byZod(schema, value));
    }
    const hidden = Object.defineProperty({ a: 1 }, 'secret', { value: 2, enumerable: false });
    expect(compileJsonWriter(any)(hidden)).toBe('{"a":1}');
    expect(byZod(any, hidden)).toBe('{"a":1}');
    // Handed over: a symbol key (zod refuses it), an own __proto__, a toJSON, a class instance.
    const handedOver = [
      { a: 1, [Symbol('s')]: 2 },
      JSON.parse('{"__proto__":{"x":1},"a":1}') as unknown,
      { a: 1, toJSON: () => 'x' },
      new (class Point {
        x = 1;
      })(),
    ];
    for (const value of handedOver) {
      expect(compileJsonWriter(any)(value)).toBeNull();
      expect(agreed(any, value).final).toBe(byZod(any, value));
    }
    expect(compileJsonWriter(numbers)({ a: 1, [Symbol('s')]: 2 })).toBeNull();
  });

  it('writes z.int() and z.number().int() inline, refusing what is not a safe integer', () => {
    for (const schema of [z.int(), z.number().int()]) {
      const write = compileJsonWriter(schema);
      expect(write(-0)).toBe('0');
      expect(write(42)).toBe('42');
      for (const bad of [1.5, 2 ** 53, Number.NaN, '1']) {
        expect(write(bad)).toBeNull();
        expect(byZod(schema, bad)).toBeNull();
      }
    }
  });

  it('writes a licence and an application on the compiled path', () => {
    const application = { ...sampleApplicationResponse(), secret: 'dropped' };
    expect(byZod(applicationResponseSchema, application)).toContain('"result":{"document"');
    expect(compileJsonWriter(applicationResponseSchema)(application)).toBe(
      byZod(applicationResponseSchema, application),
    );
    const licence = { ...sampleLicenceResponse(), validUntil: null, validityTerm: 'long-term' };
    expect(byZod(licenceResponseSchema, licence)).not.toBeNull();
    expect(compileJsonWriter(licenceResponseSchema)(licence)).toBe(
      byZod(licenceResponseSchema, licence),
    );
  });
});

/** A small seeded generator (mulberry32): the same values every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = [
  '',
  'abc',
  '敖先生',
  '2026-12-06',
  '2026-12-06T08:00:00.000Z',
  '520302198505120110',
  'a"b\\c\n',
  '\ud800',
  '6f1c2a2e-8d0b-4c3e-9a8e-2b1d7c9e0f11',
  'C1',
  '贵CA8830',
  ' x ',
];
const NUMBERS = [0, -0, 1, 3, -5, 1.5, 12, 1e21, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY];
const ANY = [...STRINGS, ...NUMBERS, true, false, null, undefined, [], {}];

/** A value shaped like `schema` most of the time, with wrong types, gaps and extra keys mixed in. */
function arbitrary(schema: z.ZodType, next: () => number, depth = 0): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  if (next() < 0.04 || depth > 6) return pick(ANY);
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  const inner = (s: unknown) => arbitrary(s as z.ZodType, next, depth + 1);
  switch (def.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        if (next() < 0.05) continue;
        out[key] = inner(field);
      }
      if (next() < 0.2) out.extra = pick(ANY);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.floor(next() * 4) }, () => inner(def.element));
    case 'nullable':
      return next() < 0.3 ? null : inner(def.innerType);
    case 'optional':
      return next() < 0.3 ? undefined : inner(def.innerType);
    case 'union':
      return inner(pick(def.options as z.ZodType[]));
    case 'record':
      return { k: inner(def.valueType) };
    case 'enum':
    case 'literal':
      return pick([...((schema._zod as { values?: Set<unknown> }).values ?? []), 'zzz']);
    case 'string':
      return pick(STRINGS);
    case 'number':
      return pick(NUMBERS);
    case 'boolean':
      return next() < 0.5;
    case 'lazy':
      return inner((def.getter as () => unknown)());
    case 'pipe':
      return inner(def.in);
    default:
      return pick(ANY);
  }
}

describe('compileJsonWriter against zod, on every schema the web app and the server share', () => {
  const dir = path.resolve(import.meta.dirname, '../../../shared/src/schemas');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

  it.each(files)('%s', async (file) => {
    const module = (await import(path.join(dir, file))) as Record<string, unknown>;
    const schemas = Object.values(module).filter(
      (s): s is z.ZodType => s instanceof z.ZodType && oneWayStep(s) === null,
    );
    const next = random(file.length * 7919);
    let compared = 0;
    let written = 0;
    for (const schema of schemas) {
      const write = compileJsonWriter(schema);
      for (let i = 0; i < 200; i++) {
        const value = arbitrary(schema, next);
        const text = write(value);
        // Null hands the value to zod; anything else must be zod's own answer.
        if (text !== null) {
          expect(text).toBe(byZod(schema, value));
          written++;
        }
        compared++;
      }
    }
    expect(compared).toBe(schemas.length * 200);
    // The compiled path itself is what is compared, not only zod's hand-overs.
    if (schemas.length) expect(written).toBeGreaterThan(0);
  });
});
