import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { loadEnv } from '../env.ts';
import { loadSecret } from './secrets.ts';

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cheguan-secret-'));
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const envWith = (file: string, secret?: string) => ({
  ...loadEnv({}),
  CHEGUAN_SECRET_FILE: file,
  CHEGUAN_SECRET: secret,
});
const settings = async () =>
  (await t.ctx.db.selectFrom('system_settings').select('key').execute()).map((r) => r.key);

describe('the signing secret', () => {
  it('lives outside the database: a key file made once, private to its owner', async () => {
    const file = path.join(dir, 'a', 'secret.key');
    const first = await loadSecret(t.ctx.db, envWith(file));
    expect(first.length).toBe(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await loadSecret(t.ctx.db, envWith(file))).toEqual(first);
    expect(await settings()).not.toContain('signing-secret');
  });

  it('moves a secret an earlier version kept in the database to the key file, once', async () => {
    const legacy = Buffer.alloc(32, 7).toString('base64');
    await t.ctx.db
      .insertInto('system_settings')
      .values({ key: 'signing-secret', value: legacy })
      .execute();
    const file = path.join(dir, 'moved.key');
    expect(await loadSecret(t.ctx.db, envWith(file))).toEqual(Buffer.from(legacy, 'base64'));
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(legacy);
    expect(await settings()).not.toContain('signing-secret');
  });

  it('prefers CHEGUAN_SECRET and then touches no file', async () => {
    const file = path.join(dir, 'unused.key');
    const secret = 'x'.repeat(40);
    expect(await loadSecret(t.ctx.db, envWith(file, secret))).toEqual(Buffer.from(secret));
    expect(fs.existsSync(file)).toBe(false);
  });
});
