import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../env.ts';
import { startPlatform } from '../app/start.ts';
import { DataDirInUseError } from './embedded.ts';
import { readPid } from './processes.ts';

const HOLDER = path.resolve('test/support/hold-platform.ts');

function startHolder(dir: string, marker: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dir, marker], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('READY')) resolve();
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`holder exited with ${code}: ${out}`)));
  });
  return { child, ready };
}

describe('the embedded database', () => {
  it('has one owner per data directory and keeps committed data through a kill -9', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cheguan-embedded-'));
    try {
      const holder = startHolder(dir, 'survives');
      await holder.ready;

      // A second start on the same directory fails at once, naming the owner.
      const env = { ...loadEnv({}), CHEGUAN_DATA_DIR: dir, CHEGUAN_DEMO: 'off' as const };
      const second = startPlatform(env);
      await expect(second).rejects.toThrow(DataDirInUseError);
      await expect(second).rejects.toThrow(`in use by Cheguan process ${holder.child.pid}`);

      // kill -9: no shutdown at all. The next start takes over and finds the committed row.
      holder.child.kill('SIGKILL');
      while (holder.child.exitCode === null && holder.child.signalCode === null) await sleep(50);
      const platform = await startPlatform(env);
      try {
        const row = await sql<{
          value: string;
        }>`SELECT value FROM system_settings WHERE key = 'durability-marker'`.execute(
          platform.ctx.db,
        );
        expect(row.rows[0]?.value).toBe('survives');
      } finally {
        await platform.close();
      }

      // After a clean stop the directory is free again, and the data is still there.
      const again = await startPlatform(env);
      const rows = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM system_settings WHERE key = 'durability-marker'`.execute(
        again.ctx.db,
      );
      expect(rows.rows[0]?.n).toBe(1);
      await again.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('is started again when it ends on its own, and the platform reads and writes on', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cheguan-embedded-'));
    const env = {
      ...loadEnv({}),
      CHEGUAN_DATA_DIR: dir,
      CHEGUAN_DEMO: 'off' as const,
      CHEGUAN_ADMIN_PASSWORD: 'restart-admin-password',
    };
    const platform = await startPlatform(env);
    try {
      const db = platform.ctx.db;
      await sql`INSERT INTO system_settings (key, value) VALUES ('restart-marker', 'before')`.execute(
        db,
      );
      const pidFile = path.join(dir, 'pg', 'postmaster.pid');
      const postmaster = () => readPid(pidFile);
      const first = postmaster()!;
      process.kill(first, 'SIGKILL');
      // A killed postmaster's backends may still answer a query or two: wait for the new one.
      for (const end = Date.now() + 60_000; postmaster() === first; await sleep(100)) {
        if (Date.now() > end) throw new Error('the server was not started again');
      }
      // The pool's connections to the killed server fail; new ones reach the restarted one.
      let rows: { value: string }[] = [];
      for (const end = Date.now() + 30_000; Date.now() < end; await sleep(200)) {
        try {
          rows = (
            await sql<{
              value: string;
            }>`SELECT value FROM system_settings WHERE key = 'restart-marker'`.execute(db)
          ).rows;
          break;
        } catch {
          // a connection to the killed server: the pool drops it
        }
      }
      expect(rows).toEqual([{ value: 'before' }]);
      await sql`INSERT INTO system_settings (key, value) VALUES ('restart-after', 'ok')`.execute(
        db,
      );
    } finally {
      await platform.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
