import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { IMPORT_MAX_LINES } from '../http/body.ts';

/**
 * What every NDJSON import shares (CONTRACT.md "Imports" and "Imports for supervision and
 * anti-fraud"), tried from outside as a partner's file would reach them: who may send one, the
 * file's own bytes (a BOM, CRLF, blank lines, invalid UTF-8) and records dated in the future.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const KINDS = [
  'outlets',
  'vehicles',
  'licences',
  'violations',
  'exam-results',
  'inspections',
  'applications-history',
  'violation-handlings',
];
const NDJSON = { 'content-type': 'application/x-ndjson' };

async function send(kind: string, payload: string | Buffer, user = 'admin') {
  return await t.app.inject({
    method: 'POST',
    url: `/api/v1/imports/${kind}`,
    headers: { ...bearer(await t.login(user)), ...NDJSON },
    payload,
  });
}

let serial = 0;
/** A business of the legacy platform at the city office (the test clock's day is 2026-11-26). */
const history = (extra: Record<string, unknown> = {}) => ({
  id: `IMP-H-${++serial}`,
  businessType: 'vehicle.licence-reissue',
  outletCode: '520302-CO-001',
  staffId: 'S-1',
  channel: 'window',
  applicant: { idNumber: '520302199003070015', name: '张三' },
  submittedAt: '2026-11-20T10:00:00+08:00',
  status: 'completed',
  ...extra,
});

describe('who may send an import', () => {
  it('refuses anyone but an administrator with 403 before reading the body', async () => {
    const wrong: string[] = [];
    const huge = '{}\n'.repeat(IMPORT_MAX_LINES + 1);
    for (const kind of KINDS) {
      for (const user of ['clerk.city', 'sup.city']) {
        const json = await t.app.inject({
          method: 'POST',
          url: `/api/v1/imports/${kind}`,
          headers: bearer(await t.login(user)),
          payload: {},
        });
        const big = await send(kind, huge, user);
        for (const res of [json, big]) {
          if (res.statusCode !== 403 || res.json().error?.code !== 'FORBIDDEN') {
            wrong.push(`${kind} as ${user} → ${res.statusCode}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("an import file's own bytes", () => {
  it('reads a file saved with a BOM, CRLF line ends, blank lines and no final newline', async () => {
    const lines = [history(), history({ submittedAt: 'yesterday' }), history()];
    const body = `\uFEFF${JSON.stringify(lines[0])}\r\n\r\n${JSON.stringify(lines[1])}\r\n  \n${JSON.stringify(lines[2])}`;
    const res = await send('applications-history', body);
    expect(res.statusCode).toBe(200);
    expect(res.json().imported).toBe(2);
    expect(res.json().rejected.map((r: { line: number }) => r.line)).toEqual([3]);
    expect(res.json().rejected[0].error).toContain('submittedAt');
  });

  it('rejects a line that is not valid UTF-8 rather than storing replacement characters', async () => {
    const good = JSON.stringify(history());
    const [before, after] = JSON.stringify(
      history({ applicant: { idNumber: '520302199003070015', name: '张@' } }),
    ).split('@');
    const body = Buffer.concat([
      Buffer.from(`${good}\n${before}`),
      Buffer.from([0xe5, 0xbc]), // the first two bytes of a three-byte character, cut short
      Buffer.from(`${after}\n${JSON.stringify(history())}\n`),
    ]);
    const res = await send('applications-history', body);
    expect(res.statusCode).toBe(200);
    expect(res.json().imported).toBe(2);
    expect(res.json().rejected).toHaveLength(1);
    expect(res.json().rejected[0].line).toBe(2);
    expect(res.json().rejected[0].error).toMatch(/UTF-8/);
  });
});

describe('the content type', () => {
  it('takes application/x-ndjson with a charset parameter', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/applications-history',
      headers: {
        ...bearer(await t.login('admin')),
        'content-type': 'application/x-ndjson; charset=utf-8',
      },
      payload: JSON.stringify(history()),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ imported: 1, rejected: [] });
  });
});

describe('records dated in the future', () => {
  it('rejects legacy business submitted after now, and keeps the other lines', async () => {
    const res = await send(
      'applications-history',
      [history(), history({ submittedAt: '2026-11-27T09:00:00+08:00' })]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    expect(res.json().imported).toBe(1);
    expect(res.json().rejected).toEqual([
      { line: 2, error: expect.stringContaining('submittedAt') },
    ]);
  });

  it('rejects a violation handling done after now, and keeps the other lines', async () => {
    const handling = (violationId: string, handledAt: string) => ({
      violationId,
      plate: '贵CA8830',
      ownerIdNumber: '520302199003070015',
      driverIdNumber: '520302199003070015',
      points: 3,
      handledAt,
      channel: 'internet',
    });
    const res = await send(
      'violation-handlings',
      [
        handling('IMP-V-1', '2026-11-20T10:00:00+08:00'),
        handling('IMP-V-2', '2026-11-26T10:01:00+08:00'),
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    expect(res.json().imported).toBe(1);
    expect(res.json().rejected).toEqual([{ line: 2, error: expect.stringContaining('handledAt') }]);
  });
});

describe('a rejected line', () => {
  /** zod's English words (its own zh-CN locale left the type names in English). */
  const ENGLISH =
    /\b(invalid|expected|received|string|number|object|array|boolean|int|undefined)\b/i;

  it('says in Chinese what is wrong with each field, naming the field', async () => {
    const wrong = {
      id: 1,
      code: 1,
      vin: 1,
      plate: 1,
      idNumber: 1,
      name: 1,
      owner: 1,
      applicant: 'x',
      seats: -1,
      points: 'x',
      classes: 'x',
      passed: 'yes',
    };
    const lines = [{}, wrong, []].map((l) => JSON.stringify(l)).join('\n');
    const english: string[] = [];
    for (const kind of KINDS) {
      const rejected = (await send(kind, lines)).json().rejected as {
        line: number;
        error: string;
      }[];
      expect(rejected.map((r) => r.line)).toEqual([1, 2, 3]);
      for (const { error } of rejected) {
        for (const part of error.split('; ')) {
          // "path: message"; allowed values are quoted as they are written.
          const [path, message = ''] = part.split(/: (.*)/s);
          expect(path).toBeTruthy();
          const words = message.replace(/"[^"]*"/g, '');
          if (ENGLISH.test(words) || !/[\u4e00-\u9fff]/.test(words))
            english.push(`${kind}: ${part}`);
        }
      }
    }
    expect(english).toEqual([]);
    const [missing] = (await send('vehicles', '{}')).json().rejected as { error: string }[];
    expect(missing!.error).toContain('vin: 缺少此字段');
  });
});
