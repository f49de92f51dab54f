import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUSINESS_TYPE_CODES } from '../catalog.ts';
import { applicationRequestSchema, businessDataSchemas, personSchema } from './applications.ts';
import { dateSchema } from './common.ts';
import { jsonProblem, textProblem } from './text.ts';
import { userCreateSchema } from './users.ts';
import { vehicleImportSchema } from './vehicles.ts';

/**
 * Property-based checks over the boundary every business type inherits — the JSON check every
 * request body and import line passes first (`jsonProblem`), then the shared schemas: whatever a
 * hostile client sends is refused (never thrown) or handed on with no invisible characters, no
 * lone surrogates, and dates inside the lawful range.
 */
const INVISIBLE = ['\u0000', '\u0007', '\u001b', '\u0085', '\u202e', '\u2066', '\u200b', '\ufeff'];
const LONE = ['\ud800', '\udfff'];

/** Strings a hostile client sends: plain unicode, plus controls, bidi, zero-width, surrogates. */
const hostileString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .tuple(
      fc.string({ maxLength: 10 }),
      fc.constantFrom(...INVISIBLE, ...LONE),
      fc.string({ maxLength: 10 }),
    )
    .map(([a, b, c]) => `${a}${b}${c}`),
  fc.constantFrom('0000-01-01', '9999-12-31', '2026-02-30', '贵CA8830', 'LSJA24U62JG269225'),
  fc.string({ minLength: 300, maxLength: 2000 }),
);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.double(),
    fc.integer(),
    fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER, 100_000_000, -1, 0),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** Every string inside an accepted value, with its path. */
function strings(value: unknown, path = ''): { path: string; s: string }[] {
  if (typeof value === 'string') return [{ path, s: value }];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [
    ...(k ? [{ path: `${path}.${k}(key)`, s: k }] : []),
    ...strings(v, `${path}.${k}`),
  ]);
}

/** A valid sample of each schema, whose fields the properties replace one at a time. */
const SAMPLES: [
  string,
  { safeParse(v: unknown): { success: boolean; data?: unknown } },
  Record<string, unknown>,
][] = [
  ['person', personSchema, { idNumber: '520302199003070015', name: '张三', phone: '13800000000' }],
  [
    'application',
    applicationRequestSchema,
    {
      businessType: 'vehicle.licence-reissue',
      applicant: { idNumber: '520302199003070015', name: '张三' },
      data: { plate: '贵CA8830' },
      idempotencyKey: 'k-1',
    },
  ],
  [
    'vehicle import line',
    vehicleImportSchema,
    {
      vin: 'LSJA24U62JG269225',
      plate: '贵CA8830',
      vehicleType: 'small-car',
      useNature: 'non-operating',
      seats: 5,
      owner: { idNumber: '520302198505120110', name: '敖先生' },
      registeredOn: '2020-01-01',
      manufacturedOn: '2019-12-01',
      inspectionValidUntil: '2027-01-31',
      brand: '长安',
    },
  ],
  [
    'staff account',
    userCreateSchema,
    {
      username: 'li.window',
      displayName: '李窗口',
      roles: ['clerk'],
      scope: { level: 'outlet', code: '520322-PW-001' },
      password: 'window-clerk-password',
    },
  ],
];

/** What the boundary accepts: past the JSON check every body passes first, then the schema. */
function accept(
  schema: { safeParse(v: unknown): { success: boolean; data?: unknown } },
  v: unknown,
) {
  if (jsonProblem(v)) return null;
  const result = schema.safeParse(v);
  return result.success ? { data: result.data } : null;
}

function expectClean(accepted: unknown) {
  for (const { path, s } of strings(accepted)) {
    expect(textProblem(s, true), `${path}: ${JSON.stringify(s)}`).toBeNull();
  }
}

describe('hostile input against the shared schemas', () => {
  it.each(SAMPLES)(
    '%s: a hostile value in any field is refused or cleaned, never thrown',
    (_name, schema, sample) => {
      const fields = Object.keys(sample);
      fc.assert(
        fc.property(fc.constantFrom(...fields), hostileValue, (field, value) => {
          const accepted = accept(schema, { ...sample, [field]: value });
          if (accepted) expectClean(accepted.data);
        }),
        { numRuns: 300 },
      );
    },
  );

  it('every business type’s data schema refuses or cleans any hostile object', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BUSINESS_TYPE_CODES),
        fc.dictionary(
          fc.constantFrom(
            'plate',
            'vin',
            'days',
            'purpose',
            'class',
            'contractNo',
            'value',
            'violationId',
            'minutes',
            'subject',
          ),
          hostileValue,
          { maxKeys: 6 },
        ),
        (type, data) => {
          const accepted = accept(businessDataSchemas[type], data);
          if (accepted) expectClean(accepted.data);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('dates are real days between 1900 and 2099', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.date({ noInvalidDate: true }), (text, date) => {
        for (const input of [text, date.toISOString().slice(0, 10)]) {
          const result = dateSchema.safeParse(input);
          if (result.success) {
            expect(result.data >= '1900-01-01' && result.data <= '2099-12-31').toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
