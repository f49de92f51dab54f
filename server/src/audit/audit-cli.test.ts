import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fileEnv, type TestApp } from '../../../test/support/app.ts';

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
    env: { DATABASE_URL: t.databaseUrl, CHEGUAN_DEMO: 'off', ...fileEnv(t) },
    encoding: 'utf8',
  });

describe('cheguan audit:checkpoint and audit:verify', () => {
  it('reports an intact log, signs a checkpoint, and finds the database agreeing with it', () => {
    const run = cli('audit:verify');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Audit chains intact: 1 records in 1 chains/);
    const made = cli('audit:checkpoint');
    expect(made.stdout).toMatch(/Checkpoint #1: 1 new records/);
    const file = path.join(t.ctx.env.CHEGUAN_CHECKPOINT_DIR, 'checkpoint-00000001.json');
    expect(fs.existsSync(file)).toBe(true);
    const agreed = cli('audit:verify', '--checkpoint', file);
    expect(agreed.status).toBe(0);
    expect(agreed.stdout).toMatch(/Checkpoint #1 agrees: 1 records/);
  });

  it('names the first altered record and exits with 1', async () => {
    const row = await t.ctx.db.selectFrom('audit_log').select(['id']).executeTakeFirstOrThrow();
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(t.ctx.db);
    await sql`UPDATE audit_log SET actor = 'someone-else' WHERE id = ${row.id}`.execute(t.ctx.db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(t.ctx.db);
    const run = cli('audit:verify');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `chain "520300/system", record #1 (id ${row.id}): content does not match its hash`,
    );
  });
});
