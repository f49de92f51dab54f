import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const token = await t.login('admin');
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/outlets/520302-IS-002/suspension',
    headers: { authorization: `Bearer ${token}` },
    payload: { reason: '远程监控发现检验数据异常' },
  });
});
afterAll(async () => t.close());

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.resolve('server/src/cli.ts'), ...args], {
    // The CLI reads its configuration from the environment, like the server.
    env: { DATABASE_URL: t.databaseUrl, CHEGUAN_DEMO: 'off' },
    encoding: 'utf8',
  });

describe('cheguan audit:verify', () => {
  it('reports an intact log with exit code 0', () => {
    const run = cli('audit:verify');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Audit log intact: 1 records in 1 chains/);
  });

  it('names the first altered record and exits with 1', async () => {
    const row = await t.ctx.db.selectFrom('audit_log').select(['id']).executeTakeFirstOrThrow();
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(t.ctx.db);
    await sql`UPDATE audit_log SET actor = 'someone-else' WHERE id = ${row.id}`.execute(t.ctx.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(t.ctx.db);
    const run = cli('audit:verify');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `chain "system", record #1 (id ${row.id}): content does not match its hash`,
    );
  });
});
