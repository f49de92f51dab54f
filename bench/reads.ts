/**
 * What the registry read workloads read: applications the bench submits itself (行驶证 reissues
 * at police windows, over HTTP like any other; the same function submits other history), each
 * kept with a token of the clerk that took it in, who may read it back; and, on an existing
 * registry, a sample of its plates and licence holders. Outside the measurement.
 */
import { sql } from 'kysely';
import type { Platform } from '../server/src/app/start.ts';
import { log } from './log.ts';
import { buildRequest, type Subject, type WorkloadSpec } from './workloads.ts';

/** Submits `count` applications of `spec`'s workload (one business type) a few at a time. */
export async function seedApplications(
  base: string,
  spec: WorkloadSpec,
  count: number,
  what: string,
): Promise<{ id: string; token: string }[]> {
  const out = new Array<{ id: string; token: string }>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const { token, body, path } = buildRequest(spec, n);
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
      const text = await res.text();
      if (res.status !== 201) throw new Error(`seeding an application: HTTP ${res.status} ${text}`);
      out[n] = { id: (JSON.parse(text) as { id: string }).id, token };
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  log(`submitted ${count} ${what}`);
  return out;
}

/** Subjects the registry reads take from an existing registry (`--data-dir`). */
export const READ_SAMPLE = 20_000;

/**
 * Plates and licence holders spread over a whole registry (a generated city-year): a block
 * sample of each table, so that the reads reach every part of its indexes, not the few thousand
 * rows a fresh demo has. The sample is taken in the order of a hash, not the file's: the
 * generator writes the licences in identity-number order, and the first rows of the sample would
 * be the first counties' holders only.
 */
export async function sampleRegistry(platform: Platform, n: number): Promise<Subject[]> {
  const city = '520300';
  const { rows: plates } = await sql<{ plate: string }>`
    SELECT plate FROM vehicles TABLESAMPLE SYSTEM (5) REPEATABLE (1)
     WHERE city_code = ${city} AND plate IS NOT NULL
     ORDER BY hashtext(plate), plate LIMIT ${n}`.execute(platform.ctx.db);
  const { rows: holders } = await sql<{ id_number: string; name: string }>`
    SELECT id_number, name FROM licences TABLESAMPLE SYSTEM (5) REPEATABLE (1)
     WHERE city_code = ${city}
     ORDER BY hashtext(id_number), id_number LIMIT ${n}`.execute(platform.ctx.db);
  const size = Math.min(plates.length, holders.length);
  if (!size) throw new Error('--data-dir: the registry has no vehicles or licences to read');
  return Array.from({ length: size }, (_, i) => ({
    plate: plates[i]!.plate,
    idNumber: holders[i]!.id_number,
    name: holders[i]!.name,
  }));
}
