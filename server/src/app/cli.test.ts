import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testFileEnv } from '../../../test/support/app.ts';
import { adminQuery, dropDatabase, withDatabase } from '../../../test/support/postgres.ts';

/**
 * README's `npx cheguan migrate` / `seed` on an empty database (a clean install,
 * CHEGUAN_DEMO=off): each says what it did, though the command's own start of the database has
 * already migrated and initialised it before the command runs.
 */
const adminUrl = inject('pgAdminUrl');
const empty = `cheguan_cli_${process.pid}`;
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'cheguan-cli-'));

beforeAll(async () => {
  await dropDatabase(adminUrl, empty);
  await adminQuery(adminUrl, `CREATE DATABASE "${empty}"`);
});
afterAll(async () => {
  await dropDatabase(adminUrl, empty);
  fs.rmSync(files, { recursive: true, force: true });
});

const cli = (...args: string[]) => cliOn(empty, ...args);
const cliOn = (database: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.resolve('server/src/cli.ts'), ...args], {
    env: {
      DATABASE_URL: withDatabase(adminUrl, database),
      CHEGUAN_DEMO: 'off',
      CHEGUAN_ADMIN_PASSWORD: 'first-admin-password',
      ...testFileEnv(files),
    },
    encoding: 'utf8',
  });

describe('cheguan migrate and seed on an empty database', () => {
  it('migrate names the migrations it applied, then has nothing to apply', () => {
    const first = cli('migrate');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^Applied: \d{14}_/);
    expect(first.stdout).toContain('Clean install: administrator "admin" created.');
    const again = cli('migrate');
    expect(again.status).toBe(0);
    expect(again.stdout.trim()).toBe('Nothing to apply.');
  });

  it('seed on an initialised database says so', () => {
    const run = cli('seed');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('Database already initialised.');
  });

  it('seed on an empty database says what it created', async () => {
    await dropDatabase(adminUrl, empty);
    await adminQuery(adminUrl, `CREATE DATABASE "${empty}"`);
    const run = cli('seed');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('Clean install: administrator "admin" created.');
  });

  it('answers an unknown command with the usage and exit code 2', () => {
    const run = cli('frobnicate');
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('Usage: cheguan <command>');
  });
});

describe('cheguan audit:verify with a wrong argument', () => {
  it('answers with the usage and exit code 2 before any database is opened, not 1 (a log that disagrees)', () => {
    // The database named does not exist: reaching it would fail the command otherwise.
    for (const args of [
      ['--bogus'],
      ['--checkpoints', path.join(files, 'no-such-dir')],
      ['--checkpoint', path.join(files, 'no-such-checkpoint.json')],
      ['--public-key', path.join(files, 'no-such-key.pem')],
    ]) {
      const run = cliOn('cheguan_no_such_database', 'audit:verify', ...args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('Usage: cheguan <command>');
    }
  });
});
