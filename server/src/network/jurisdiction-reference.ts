import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { NetworkInput } from './network.schema.ts';

/** server/reference/jurisdictions: the public facts of each city a clean install may serve. */
const DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../reference/jurisdictions',
);

const referenceSchema = z.object({
  jurisdiction: z.object({
    cityCode: z.string().regex(/^\d{4}00$/),
    name: z.string().min(1),
    nameEn: z.string().min(1),
    provinceAbbr: z.string().length(1),
    platePrefixes: z.array(z.string().length(2)).min(1),
    officeCode: z.string().min(1),
    officeName: z.string().min(1),
    officeNameEn: z.string().min(1),
    seatCountyCode: z.string().regex(/^\d{6}$/),
    localRules: z.record(z.string(), z.string()),
  }),
  counties: z.array(
    z.object({ code: z.string().regex(/^\d{6}$/), name: z.string(), nameEn: z.string() }),
  ),
  organisations: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      kind: z.enum(['detachment', 'brigade']),
      countyCode: z.string().nullable(),
      parentCode: z.string().nullable(),
    }),
  ),
});

/** The city codes there is reference data for. */
export function referenceCities(): string[] {
  return fs
    .readdirSync(DIR)
    .filter((f) => /^\d{6}\.json$/.test(f))
    .map((f) => f.slice(0, 6))
    .sort();
}

/**
 * A jurisdiction's reference data: the office, its counties and organisations, with no outlets
 * yet (a clean install imports those). Throws a plain message for an unknown city.
 */
export function referenceJurisdiction(cityCode: string): NetworkInput {
  if (!referenceCities().includes(cityCode)) {
    throw new Error(
      `no reference data for city ${cityCode} (server/reference/jurisdictions has ${referenceCities().join(', ')})`,
    );
  }
  const data = referenceSchema.parse(
    JSON.parse(fs.readFileSync(path.join(DIR, `${cityCode}.json`), 'utf8')),
  );
  return { ...data, outlets: [], agreements: [] };
}
