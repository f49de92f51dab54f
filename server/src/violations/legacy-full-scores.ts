import type { DbOrTx } from '../db/database.ts';
import { importedOnOf, type LicenceRecord } from '../licences/licences.service.ts';
import { cycleOf, FULL_SCORE } from './cycle.ts';
import { legacyDecisionsBefore } from './violations.repository.ts';

/**
 * The full scores of a licence's legacy history (docs/ARCHITECTURE.md, "Imports"): the legacy
 * platform's handled records are the driver's history, and the licence import's points the total
 * of the cycle in force on the import day. So only the cycles that began before that one are read
 * from the imported records, each once, reached on the day its records came to 12 points; the
 * import's cycle and those after it are the ledger's and the full-score records' alone, and
 * nothing is counted twice. A licence issued here has no legacy history.
 */
export async function legacyFullScores(
  db: DbOrTx,
  licence: LicenceRecord,
): Promise<{ cycleStart: string; reachedOn: string }[]> {
  const importedOn = await importedOnOf(db, licence);
  if (!importedOn) return [];
  const before = cycleOf(licence.firstIssuedOn, importedOn).start;
  const decisions = await legacyDecisionsBefore(db, licence.cityCode, licence.idNumber, before);
  const byCycle = new Map<string, { points: number; reachedOn: string | null }>();
  for (const d of [...decisions].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))) {
    if (d.on < licence.firstIssuedOn) continue; // before the first licence: in no cycle
    const start = cycleOf(licence.firstIssuedOn, d.on).start;
    const cycle = byCycle.get(start) ?? { points: 0, reachedOn: null };
    cycle.points += d.points;
    if (cycle.points >= FULL_SCORE) cycle.reachedOn ??= d.on;
    byCycle.set(start, cycle);
  }
  return [...byCycle].flatMap(([cycleStart, c]) =>
    c.reachedOn ? [{ cycleStart, reachedOn: c.reachedOn }] : [],
  );
}
