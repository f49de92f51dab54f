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

export const AUDIT_USAGE = `  audit:verify [--checkpoint <file>]… [--checkpoints <dir>] [--public-key <file>]
                   verify every audit chain, and the database against published checkpoints
                   (signature, every record of each batch, every chain head); names the first
                   record that disagrees (exit code 1). The public key comes from --public-key,
                   else from CHEGUAN_AUDIT_KEY_FILE — never from the checkpoint itself
  audit:checkpoint sign and publish a checkpoint of the audit log now (also done every hour)`;

/** The checkpoint files named on the command line, oldest first. */
function checkpointFiles(values: { checkpoint?: string[]; checkpoints?: string }): string[] {
  const listed = values.checkpoint ?? [];
  const dir = values.checkpoints;
  const inDir = dir
    ? fs
        .readdirSync(dir)
        .filter((f) => /^checkpoint-\d+\.json$/.test(f))
        .sort()
        .map((f) => path.join(dir, f))
    : [];
  return [...inDir, ...listed];
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

export async function auditVerifyCommand(db: Db, env: Env, argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      checkpoint: { type: 'string', multiple: true },
      checkpoints: { type: 'string' },
      'public-key': { type: 'string' },
    },
  });
  const report = await verifyChains(db);
  if (!report.ok) {
    const f = report.firstAltered;
    console.error(
      `Audit log ALTERED: chain "${f.cityCode}/${f.partitionKey}", record #${f.seq}${f.id ? ` (id ${f.id})` : ''}: ${f.problem}.`,
    );
    return 1;
  }
  console.log(`Audit chains intact: ${report.records} records in ${report.partitions} chains.`);
  const files = checkpointFiles(values);
  if (!files.length) return 0;
  const publicKey = trustedPublicKey(env, values['public-key']);
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
