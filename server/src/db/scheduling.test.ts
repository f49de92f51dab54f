import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded.ts';
import { policyOf, SCHED_BATCH, type DbSchedule } from './scheduling.ts';

const SCHED_OTHER = 0;

/** The policies of one new backend and of the checkpointer (started before the switch). */
async function policiesUnder(dir: string, schedule: DbSchedule) {
  const server = await startEmbeddedPostgres({ dataDir: dir, schedule });
  try {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ backend: number; checkpointer: number }>(
        `SELECT pg_backend_pid() AS backend,
                (SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer') AS checkpointer`,
      );
      const { backend, checkpointer } = rows[0]!;
      return { backend: policyOf(backend), checkpointer: policyOf(checkpointer) };
    } finally {
      await client.end();
    }
  } finally {
    await server.stop();
  }
}

describe('the embedded database scheduling policy', () => {
  it('reads the policy of a process', () => {
    expect(policyOf(process.pid)).toBe(SCHED_OTHER);
    expect(policyOf(2 ** 30)).toBeNull();
  });

  it.runIf(process.platform === 'linux')(
    'runs every server process under SCHED_BATCH, or the normal policy when told',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cheguan-sched-'));
      try {
        expect(await policiesUnder(dir, 'normal')).toEqual({
          backend: SCHED_OTHER,
          checkpointer: SCHED_OTHER,
        });
        // The backend is forked after the switch, the checkpointer was running before it.
        expect(await policiesUnder(dir, 'batch')).toEqual({
          backend: SCHED_BATCH,
          checkpointer: SCHED_BATCH,
        });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
