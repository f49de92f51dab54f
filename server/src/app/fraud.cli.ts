import { parseArgs } from 'node:util';
import {
  FRAUD_SIZES,
  generateFraudCity,
  writeFraudCity,
  type FraudSizeName,
} from '../generate/fraud/generate.ts';
import type { Env } from '../env.ts';
import { evaluateFraud } from './fraud-eval.ts';
import { UsageError } from './users.cli.ts';

export const FRAUD_USAGE = `  generate fraud   a synthetic city with planted fraud rings and hard negatives, as NDJSON for
                   the imports and a ground truth: --size small|county --seed N --out DIR
  eval fraud       generate (same flags, --out optional), import into a fresh embedded database,
                   run supervision and score the findings and the national caps rule;
                   --explain lists each missed ring and each wrong finding; --step-days N runs
                   supervision in consecutive runs of N days, as the daily job would`;

export interface FraudArgs {
  size: FraudSizeName;
  seed: number;
  out: string | undefined;
  /** Print why each ring was missed and what each wrong finding holds. */
  explain: boolean;
  /** Run supervision in consecutive runs of this many days (as the daily job does) instead of one. */
  stepDays: number | undefined;
}

/** `--size`, `--seed`, `--out` of both fraud commands. */
export function fraudArgs(argv: string[], needOut: boolean): FraudArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        size: { type: 'string', default: 'small' },
        seed: { type: 'string', default: '1' },
        out: { type: 'string' },
        explain: { type: 'boolean', default: false },
        'step-days': { type: 'string' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (!(values.size in FRAUD_SIZES)) {
    throw new UsageError(`--size must be one of ${Object.keys(FRAUD_SIZES).join(', ')}`);
  }
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new UsageError('--seed must be a whole number ≥ 0');
  if (needOut && !values.out) throw new UsageError('--out DIR is required');
  const stepDays = values['step-days'] === undefined ? undefined : Number(values['step-days']);
  if (stepDays !== undefined && (!Number.isInteger(stepDays) || stepDays < 1)) {
    throw new UsageError('--step-days must be a whole number ≥ 1');
  }
  return {
    size: values.size as FraudSizeName,
    seed,
    out: values.out,
    explain: values.explain,
    stepDays,
  };
}

export function fraudGenerateCommand(argv: string[]): number {
  const args = fraudArgs(argv, true);
  const { data, truth } = generateFraudCity(args.size, args.seed);
  const files = writeFraudCity(args.out!, data, truth);
  for (const file of files) console.log(file);
  console.log(
    `${truth.rings.length} rings and ${truth.negatives.length} hard-negative groups planted among ${data.licences.length} licences, ${data.vehicles.length} vehicles and ${data['violation-handlings'].length} handlings (${truth.period.from} – ${truth.period.to}).`,
  );
  return 0;
}

export async function fraudEvalCommand(argv: string[], env: Env): Promise<number> {
  await evaluateFraud(env, fraudArgs(argv, false));
  return 0;
}
