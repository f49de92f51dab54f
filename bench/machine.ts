/** Machine info: the hardware, Node and PostgreSQL that the report's figures come from. */
import os from 'node:os';
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

export async function machineInfo(url: string, database: string): Promise<MachineInfo> {
  const [version] = await query<{ version: string }>(url, 'SELECT version()');
  const settings = await query<{ name: string; setting: string; unit: string | null }>(
    url,
    `SELECT name, setting, unit FROM pg_settings
      WHERE name IN ('shared_buffers', 'synchronous_commit', 'fsync', 'max_connections') ORDER BY name`,
  );
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
      .join(', '),
    database,
    date: new Date().toISOString(),
  };
}
