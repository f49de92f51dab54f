import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, fileEnv, type TestApp } from '../../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const PASSWORD = 'console-made-password';

const cli = (args: string[], opts: { stdin?: string; env?: Record<string, string> } = {}) =>
  spawnSync(
    process.execPath,
    ['--import', 'tsx', path.resolve('server/src/cli.ts'), 'user:create', ...args],
    {
      env: { DATABASE_URL: t.databaseUrl, ...fileEnv(t), ...opts.env },
      input: opts.stdin ?? '',
      encoding: 'utf8',
    },
  );

describe('cheguan user:create', () => {
  it('creates a clerk with the password from stdin, audited as done at the console', async () => {
    const run = cli(
      [
        '--username',
        'wang.console',
        '--display-name',
        '王控制台',
        '--role',
        'clerk',
        '--outlet',
        '520322-PW-001',
        '--password-stdin',
      ],
      { stdin: `${PASSWORD}\n` },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Created wang.console');
    const token = await t.login('wang.console', PASSWORD);
    const me = await t.app.inject({ url: '/api/v1/me', headers: bearer(token) });
    expect(me.json()).toMatchObject({ roles: ['clerk'], outletCode: '520322-PW-001' });
    const record = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.created')
      .where(sql<string>`details->>'username'`, '=', 'wang.console')
      .executeTakeFirstOrThrow();
    expect(record.actor).toBe('system');
    expect(record.details).toMatchObject({ via: 'cli', operator: expect.any(String) });
    expect(JSON.stringify(record.details)).not.toContain(PASSWORD);
  });

  it('takes the password from CHEGUAN_USER_PASSWORD and several roles', async () => {
    const run = cli(
      [
        '--username',
        'zhao.city',
        '--display-name',
        '赵',
        '--role',
        'admin,supervisor',
        '--city',
        '520300',
      ],
      { env: { CHEGUAN_USER_PASSWORD: PASSWORD } },
    );
    expect(run.status).toBe(0);
    await t.login('zhao.city', PASSWORD);
  });

  it('validates like the API and names the flags at fault (exit code 2)', () => {
    const run = cli(
      ['--username', 'X', '--role', 'boss', '--county', '520322', '--password-stdin'],
      {
        stdin: 'short\n',
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--username:');
    expect(run.stderr).toContain('--display-name:');
    expect(run.stderr).toContain('--role:');
    expect(run.stderr).toContain('password: 密码至少12位');
  });

  it('never takes a password from the command line', () => {
    const run = cli(['--username', 'li.si', '--password', PASSWORD]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--password-stdin');
  });

  it('refuses a taken username and an unknown place (exit code 1)', () => {
    const base = ['--display-name', '某人', '--role', 'clerk', '--password-stdin'];
    const taken = cli(['--username', 'clerk.city', '--outlet', '520302-CO-001', ...base], {
      stdin: PASSWORD,
    });
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain('clerk.city 已存在');
    const nowhere = cli(['--username', 'li.nowhere', '--outlet', 'NO-SUCH', ...base], {
      stdin: PASSWORD,
    });
    expect(nowhere.status).toBe(1);
    expect(nowhere.stderr).toContain('scope.code: 网点 NO-SUCH 不存在');
  });
});
