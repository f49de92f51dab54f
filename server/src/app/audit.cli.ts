import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { verifyChains } from '../audit/audit.service.ts';
import {
  checkAgainst,
  createCheckpoint,
  type PublishedCheckpoint,
} from '../audit/checkpoints.service.ts';
import type { Db } from '../db/database.ts';
import type { Env } from '../env.ts';
import { CheckpointSigner } from '../platform/signing.ts';
import { systemClock } from '../platform/time.ts';
import { keyFile } from './secrets.ts';
import { UsageError } from './users.cli.ts';

export const AUDIT_USAGE = `  audit:verify [--checkpoint <file>]… [--checkpoints <dir>] [--public-key <file>]
                   verify every audit chain, and the database against published checkpoints
                   (signature, every record of each batch, every chain head); names the first
                   record that disagrees (exit code 1). The public key comes from --public-key,
                   else from CHEGUAN_AUDIT_KEY_FILE — never from the checkpoint itself
  audit:checkpoint sign and publish a checkpoint of the audit log now (also done every hour)`;

/** What `audit:verify` is asked to check against: checkpoint files, oldest first, and a key. */
export interface AuditVerifyInput {
  files: string[];
  publicKeyFile: string | undefined;
}

/**
 * The flags of `audit:verify`, checked before the database starts: a mistake in them is a usage
 * error (exit code 2), never taken for a log that disagrees (exit code 1).
 */
export function auditVerifyInput(argv: string[]): AuditVerifyInput {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        checkpoint: { type: 'string', multiple: true },
        checkpoints: { type: 'string' },
        'public-key': { type: 'string' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const dir = values.checkpoints;
  if (dir !== undefined && !fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`--checkpoints: ${dir} is not a directory`);
  }
  const listed = values.checkpoint ?? [];
  const publicKeyFile = values['public-key'];
  for (const file of publicKeyFile ? [...listed, publicKeyFile] : listed) {
    if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
      throw new UsageError(`${file}: no such file`);
    }
  }
  const inDir = dir
    ? fs
        .readdirSync(dir)
        .filter((f) => /^checkpoint-\d+\.json$/.test(f))
        .sort()
        .map((f) => path.join(dir, f))
    : [];
  return { files: [...inDir, ...listed], publicKeyFile };
}

/** The public key to trust: a file given, else the one of this installation's own key file. */
function trustedPublicKey(env: Env, file: string | undefined): string {
  if (file) return fs.readFileSync(file, 'utf8');
  if (!fs.existsSync(env.CHEGUAN_AUDIT_KEY_FILE)) {
    throw new Error('no public key: give --public-key <file> (GET /api/v1/audit/public-key)');
  }
  const privateKey = crypto.createPrivateKey(fs.readFileSync(env.CHEGUAN_AUDIT_KEY_FILE, 'utf8'));
  return crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
}

export async function auditVerifyCommand(
  db: Db,
  env: Env,
  input: AuditVerifyInput,
): Promise<number> {
  const report = await verifyChains(db);
  if (!report.ok) {
    const f = report.firstAltered;
    console.error(
      `Audit log ALTERED: chain "${f.cityCode}/${f.partitionKey}", record #${f.seq}${f.id ? ` (id ${f.id})` : ''}: ${f.problem}.`,
    );
    return 1;
  }
  console.log(`Audit chains intact: ${report.records} records in ${report.partitions} chains.`);
  const { files } = input;
  if (!files.length) return 0;
  const publicKey = trustedPublicKey(env, input.publicKeyFile);
  for (const file of files) {
    const published = JSON.parse(fs.readFileSync(file, 'utf8')) as PublishedCheckpoint;
    const check = await checkAgainst(db, published, publicKey);
    if (!check.ok) {
      const r = check.record;
      console.error(
        `Audit log DISAGREES with checkpoint #${check.checkpoint} (${file}): ${check.problem}` +
          (r ? `: chain "${r.cityCode}/${r.partitionKey}", record #${r.seq}.` : '.'),
      );
      return 1;
    }
    console.log(`Checkpoint #${check.checkpoint} agrees: ${check.records} records (${file}).`);
  }
  return 0;
}

export async function auditCheckpointCommand(db: Db, env: Env): Promise<number> {
  const checkpointSigner = new CheckpointSigner(
    keyFile(env.CHEGUAN_AUDIT_KEY_FILE, CheckpointSigner.generatePem),
  );
  const made = await createCheckpoint({ db, clock: systemClock, checkpointSigner, env });
  console.log(
    made
      ? `Checkpoint #${made.body.id}: ${made.body.batch.size} new records, published in ${env.CHEGUAN_CHECKPOINT_DIR}.`
      : 'Nothing new since the last checkpoint.',
  );
  return 0;
}
