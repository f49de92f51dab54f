import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, submitTempPlate, type TestApp } from '../../../test/support/app.ts';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await createTestApp();
  const res = await submitTempPlate(t);
  token = res.json().result.documents[0].verifyToken;
});
afterAll(async () => t.close());

const verify = async (tok: string) =>
  await t.app.inject({ url: `/api/v1/verify/${encodeURIComponent(tok)}` });

describe('public document verification', () => {
  it('confirms a genuine document without login', async () => {
    const res = await verify(token);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      valid: true,
      kind: 'temp-plate',
      status: 'valid',
      number: expect.stringMatching(/^贵C临/),
    });
    expect(res.json().issuedAt).toMatch(/\+08:00$/);
  });

  it('answers valid:false for altered, forged or nonsense tokens, never an error', async () => {
    const [id, sig] = token.split('.') as [string, string];
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    for (const bad of [
      `${flip(id)}.${sig}`,
      `${id}.${flip(sig)}`,
      `${id}`,
      'x',
      `${id}.${sig}.extra`,
      'a'.repeat(500),
      '../../etc/passwd',
      '%00',
      // Characters refused in other paths: a token is opaque, so these are simply not valid.
      `${id}\u0000.${sig}`,
      `\u202e${id}.${sig}`,
      `${id}.${sig}\n`,
    ]) {
      const res = await verify(bad);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        valid: false,
        kind: null,
        number: null,
        issuedAt: null,
        status: null,
      });
    }
  });

  it('judges a token with control characters itself on the proof and number look-ups too', async () => {
    const proof = await t.app.inject({
      url: `/api/v1/verify/${encodeURIComponent('\u0000x')}/proof`,
    });
    expect(proof.statusCode).toBe(200);
    expect(proof.json()).toEqual({ covered: false });
    for (const number of ['XS\u202e1', '\u0000', 'XS\u00001', 'XS\n1']) {
      const byNumber = await t.app.inject({
        url: `/api/v1/verify/by-number/${encodeURIComponent(number)}`,
      });
      expect(byNumber.statusCode).toBe(200);
      expect(byNumber.json().valid).toBe(false);
    }
    // Other routes still refuse them in their parameters.
    const plate = await t.app.inject({
      url: `/api/v1/vehicles/by-plate/${encodeURIComponent('贵C\u0000')}`,
      headers: bearer(await t.login('clerk.city')),
    });
    expect(plate.statusCode).toBe(400);
  });

  it('answers valid:false for every one-character change of each part of a genuine token', async () => {
    // Base64url's last character of a 16-byte id carries 4 unused bits: Buffer would read
    // "…w" and "…x" as the same id. '+', '/' and '=' are base64 (not base64url) spellings.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=';
    const parts = token.split('.');
    expect(parts).toHaveLength(3);
    const altered = parts.flatMap((part, p) =>
      [...part].flatMap((char, i) =>
        [...alphabet]
          .filter((c) => c !== char)
          .map((c) => parts.with(p, part.slice(0, i) + c + part.slice(i + 1)).join('.')),
      ),
    );
    const answers = await Promise.all(
      altered.map(async (bad) => ({ bad, res: await verify(bad) })),
    );
    const accepted = answers.filter(
      ({ res }) => res.statusCode !== 200 || res.json().valid !== false,
    );
    expect(accepted.map(({ bad }) => bad)).toEqual([]);
    expect((await verify(token)).json().valid).toBe(true);
  });
});
