/** Machine info: the hardware, Node and PostgreSQL that the report's figures come from. */
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { policyOf, SCHED_BATCH } from '../server/src/db/scheduling.ts';
import { query } from './database.ts';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  postgresSettings: string;
  database: string;
  date: string;
}

function readComm(pid: number): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

export async function machineInfo(url: string, database: string): Promise<MachineInfo> {
  const [version] = await query<{ version: string }>(url, 'SELECT version()');
  const settings = await query<{ name: string; setting: string; unit: string | null }>(
    url,
    `SELECT name, setting, unit FROM pg_settings
      WHERE name IN ('shared_buffers', 'synchronous_commit', 'fsync', 'max_connections') ORDER BY name`,
  );
  // A backend on this machine: under which CPU policy its processes run (db/scheduling.ts).
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let policy: number | null;
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const pid = rows[0]?.pid;
    // Only a server on this machine: another machine's backend pid means nothing here.
    const local = pid !== undefined && readComm(pid) === 'postgres';
    policy = local ? policyOf(pid) : null;
  } finally {
    await client.end();
  }
  const scheduling =
    policy === null ? [] : [`backends ${policy === SCHED_BATCH ? 'SCHED_BATCH' : 'SCHED_OTHER'}`];
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: os.totalmem() / 2 ** 30,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    postgres: version?.version ?? 'unknown',
    postgresSettings: settings
      .map((s) =>
        s.name === 'shared_buffers' && s.unit === '8kB'
          ? `shared_buffers=${(Number(s.setting) * 8) / 1024}MB`
          : `${s.name}=${s.setting}`,
      )
      .concat(scheduling)
      .join(', '),
    database,
    date: new Date().toISOString(),
  };
}
