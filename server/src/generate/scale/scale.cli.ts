import { SCALES, type Scale } from './sizes.ts';
import type { GenerateOptions } from './generate.ts';

export const GENERATE_USAGE = `  generate --scale county|city|province [--seed N] [--year YYYY]
                   write a synthetic year of the city into the database by COPY: registry,
                   violations, applications of every type, exams, inspections (docs/SCALE.md)`;

/** A mistake in the command line, reported with the usage. */
export class GenerateUsageError extends Error {}

/** Parses `generate --scale … [--seed N] [--year YYYY]`; the year defaults to the last one. */
export function parseGenerateArgs(argv: string[], now: Date, cityCode: string): GenerateOptions {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const known = new Set(['--scale', '--seed', '--year']);
  for (let i = 0; i < argv.length; i += 2) {
    if (!known.has(argv[i]!)) throw new GenerateUsageError(`unknown option ${argv[i]}`);
  }
  const scale = value('--scale');
  if (!SCALES.includes(scale as Scale)) {
    throw new GenerateUsageError(`--scale must be one of ${SCALES.join(', ')}`);
  }
  const seed = Number(value('--seed') ?? 1);
  const year = Number(value('--year') ?? now.getUTCFullYear() - 1);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new GenerateUsageError('--seed must be an integer from 0 to 4294967295');
  }
  if (!Number.isInteger(year) || year < 2010 || year > now.getUTCFullYear()) {
    throw new GenerateUsageError('--year must be a past or the present year, from 2010');
  }
  return { scale: scale as Scale, seed, year, cityCode };
}
