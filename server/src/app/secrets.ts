import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { forgetLegacySecret, legacySecret } from '../auth/auth.service.ts';
import type { Db } from '../db/database.ts';
import type { Env } from '../env.ts';

/**
 * A key the database does not hold: from the environment, or from a key file outside the data
 * directory, created (0600, random) on first start. Someone who can read or rewrite the database
 * cannot forge tokens or audit checkpoints with what they find there.
 */
export function keyFile(file: string, create: () => string): string {
  const resolved = path.resolve(file);
  try {
    return fs.readFileSync(resolved, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.mkdirSync(path.dirname(resolved), { recursive: true });
  try {
    fs.writeFileSync(resolved, `${create()}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    // Another process created it first: use theirs.
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return fs.readFileSync(resolved, 'utf8').trim();
}

/**
 * The signing secret of login and document tokens: CHEGUAN_SECRET, else the key file
 * CHEGUAN_SECRET_FILE. An installation whose secret an earlier version kept in the database moves
 * it to the key file once (printed documents keep verifying) and removes it from the database.
 */
export async function loadSecret(db: Db, env: Env): Promise<Buffer> {
  if (env.CHEGUAN_SECRET) return Buffer.from(env.CHEGUAN_SECRET);
  const legacy = await legacySecret(db);
  const value = keyFile(
    env.CHEGUAN_SECRET_FILE,
    () => legacy ?? crypto.randomBytes(32).toString('base64'),
  );
  if (legacy) await forgetLegacySecret(db);
  return Buffer.from(value, 'base64');
}
