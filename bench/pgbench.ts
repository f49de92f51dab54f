import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * pgbench as the shell would find it on PATH (spawn resolves it), else the newest one that a
 * Debian PostgreSQL package installed under /usr/lib/postgresql.
 */
export async function findPgbench(): Promise<string | null> {
  const candidates = ['pgbench'];
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
    candidates.push(...versions.map((v) => path.join(root, v, 'bin', 'pgbench')));
  }
  for (const candidate of candidates) {
    try {
      await run(candidate, ['--version']);
      return candidate;
    } catch {
      // not installed there
    }
  }
  return null;
}

/** Runs a command to completion; rejects with its output when it fails. */
export function run(cmd: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${path.basename(cmd)} exited with ${code}:\n${stderr || stdout}`));
    });
  });
}

export interface PgbenchResult {
  tps: number;
  latencyMs: number | null;
  transactions: number | null;
  version: string;
  command: string;
}

/**
 * `pgbench -i -s <scale>` then the standard TPC-B-like run, or with `selectOnly` the built-in
 * select-only script (`-S`, one primary-key read of pgbench_accounts per transaction) on the
 * database a TPC-B run initialised already. Parses "tps = …".
 */
export async function runPgbench(
  bin: string,
  url: string,
  opts: { scale: number; clients: number; threads: number; seconds: number; selectOnly?: boolean },
): Promise<PgbenchResult> {
  const version = (await run(bin, ['--version'])).stdout.trim();
  if (!opts.selectOnly) await run(bin, ['-i', '-q', '-s', String(opts.scale), url]);
  const args = [
    ...(opts.selectOnly ? ['-S'] : []),
    '-c',
    String(opts.clients),
    '-j',
    String(opts.threads),
    '-T',
    String(opts.seconds),
    '-n',
    url,
  ];
  const { stdout } = await run(bin, args);
  const tps = /^tps = ([\d.]+)/m.exec(stdout);
  if (!tps?.[1]) throw new Error(`could not find "tps = …" in pgbench output:\n${stdout}`);
  const latency = /^latency average = ([\d.]+) ms/m.exec(stdout);
  const processed = /^number of transactions actually processed: (\d+)/m.exec(stdout);
  const init = opts.selectOnly ? '' : `pgbench -i -s ${opts.scale}; `;
  return {
    tps: Number(tps[1]),
    latencyMs: latency?.[1] ? Number(latency[1]) : null,
    transactions: processed?.[1] ? Number(processed[1]) : null,
    version,
    command: `${init}pgbench ${args.slice(0, -1).join(' ')}`,
  };
}
