import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { maskedPath } from './access-log.ts';

const ID = '520302198505120110';
const lines: string[] = [];
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ logStream: { write: (line) => lines.push(line) } });
});
afterAll(async () => t.close());

const logged = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('the access log', () => {
  it('writes one line a request, with the route and who asked, and no identity number', async () => {
    const token = await t.login('clerk.police');
    const from = lines.length;
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/licences/${ID}`,
      headers: bearer(token),
    });
    expect(res.statusCode).toBe(200);
    const mine = logged()
      .slice(from)
      .filter((l) => l.msg === 'answered');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      level: 30,
      method: 'GET',
      route: '/api/v1/licences/:idNumber',
      status: 200,
      user: expect.any(String),
    });
    expect(mine[0]!.ms).toBeGreaterThanOrEqual(0);
    // Fastify's own two lines a request are gone, and so is the raw URL with them.
    expect(lines.slice(from).join('\n')).not.toContain(ID);
    expect(logged().some((l) => l.msg === 'incoming request')).toBe(false);
  });

  it('masks the digits of a path no route matched, drops its query, and logs refusals', async () => {
    const token = await t.login('clerk.police');
    const from = lines.length;
    const missing = await t.app.inject({
      method: 'GET',
      url: `/api/v1/nothing/${ID}?idNumber=${ID}`,
      headers: bearer(token),
    });
    expect(missing.statusCode).toBe(404);
    const refused = await t.app.inject({ method: 'GET', url: `/api/v1/licences/${ID}` });
    expect(refused.statusCode).toBe(401);
    const mine = logged().slice(from);
    expect(mine.map((l) => [l.route, l.status])).toEqual([
      [`/api/v1/nothing/${'*'.repeat(18)}`, 404],
      ['/api/v1/licences/:idNumber', 401],
    ]);
    expect(mine[1]).not.toHaveProperty('user');
    expect(lines.slice(from).join('\n')).not.toContain(ID);
  });

  it('masks six or more digits, with an identity number’s final X', () => {
    expect(maskedPath('/a/52030219850512011X/b?q=1')).toBe(`/a/${'*'.repeat(18)}/b`);
    expect(maskedPath('/a/12345/b')).toBe('/a/12345/b');
    expect(maskedPath('/plates/贵CA8830')).toBe('/plates/贵CA8830');
  });
});
