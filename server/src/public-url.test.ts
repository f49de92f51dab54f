import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { ConfigError, loadEnv, missingPublicUrl } from './env.ts';

/**
 * The public address printed (as QR codes of verification links) on every document: validated
 * once at start, never localhost in production, and given to the web app by a public call.
 */
describe('CHEGUAN_PUBLIC_URL', () => {
  it('is an http(s) address, kept without a trailing slash', () => {
    const env = loadEnv({ CHEGUAN_PUBLIC_URL: 'https://cheguan.example.gov.cn/' });
    expect(env.CHEGUAN_PUBLIC_URL).toBe('https://cheguan.example.gov.cn');
    expect(() => loadEnv({ CHEGUAN_PUBLIC_URL: 'ftp://example.gov.cn' })).toThrow(ConfigError);
    expect(() => loadEnv({ CHEGUAN_PUBLIC_URL: 'cheguan' })).toThrow(/CHEGUAN_PUBLIC_URL/);
  });

  it('may not be localhost in production, and is advised (not required) there', () => {
    for (const url of ['http://localhost:3000', 'http://127.0.0.1', 'http://[::1]:8080']) {
      expect(() => loadEnv({ CHEGUAN_DEMO: 'off', CHEGUAN_PUBLIC_URL: url }), url).toThrow(
        /not localhost/,
      );
      expect(loadEnv({ CHEGUAN_PUBLIC_URL: url }).CHEGUAN_PUBLIC_URL).toBe(url.replace(/\/$/, ''));
    }
    expect(missingPublicUrl(loadEnv({ CHEGUAN_DEMO: 'off' }))).toMatch(/CHEGUAN_PUBLIC_URL/);
    expect(missingPublicUrl(loadEnv({}))).toBeNull();
    const production = loadEnv({ CHEGUAN_DEMO: 'off', CHEGUAN_PUBLIC_URL: 'https://cg.gov.cn' });
    expect(missingPublicUrl(production)).toBeNull();
  });
});

describe('GET /api/v1/installation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('names the public address (or none) to anyone', async () => {
    const none = await t.app.inject({ url: '/api/v1/installation' });
    expect(none.json().publicUrl).toBeNull();
    t.ctx.env.CHEGUAN_PUBLIC_URL = 'https://cheguan.example.gov.cn';
    const set = await t.app.inject({ url: '/api/v1/installation' });
    expect(set.json()).toMatchObject({
      publicUrl: 'https://cheguan.example.gov.cn',
      offices: expect.arrayContaining([expect.objectContaining({ cityCode: '520300' })]),
    });
  });
});
