import type { DriverPoints } from '../licences/points-port.ts';
import { mapRead } from '../db/compiled-query.ts';
import { policyIn } from '../catalog/catalog.service.ts';
import { boundsOf, cycleOf, cycleSummary, FULL_SCORE } from './cycle.ts';
import { FULL_SCORE_POLICY_KEYS, reachFullScore } from './full-score-reached.ts';
import { legacyFullScores } from './legacy-full-scores.ts';
import type { DbOrTx } from '../db/database.ts';
import type { LicenceRecord } from '../licences/licences.service.ts';
import { vehiclesOwnedBy } from '../vehicles/vehicles.service.ts';
import { fullScoreExamsPassed, openFullScoreOf } from './full-score-release.ts';
import { unhandledOfPlates } from './violations.repository.ts';
import { licenceFullScores } from './licence-full-scores.ts';
import { insertPointEntry, ledgerOf, ledgerRead } from './points.repository.ts';

/** The platform's full scores and the legacy history's (legacy-full-scores.ts). */
async function allFullScores(db: DbOrTx, licence: LicenceRecord) {
  const [platform, legacy] = await Promise.all([
    licenceFullScores(db, licence),
    legacyFullScores(db, licence),
  ]);
  return [...platform, ...legacy];
}

/** The points ledger as the licence business sees it (licences/points-port.ts). */
export const DRIVER_POINTS: DriverPoints = {
  async cycle(db, licence, today) {
    const ledger = await ledgerOf(db, licence.cityCode, licence.idNumber);
    return cycleSummary(licence.firstIssuedOn, today, ledger);
  },
  pendingCycle(cityCode, idNumber) {
    return mapRead(ledgerRead(cityCode, idNumber), (ledger) => (licence, today) => {
      if (licence.cityCode !== cityCode || licence.idNumber !== idNumber) {
        throw new Error('pendingCycle: the ledger read is of another licence');
      }
      return cycleSummary(licence.firstIssuedOn, today, ledger);
    });
  },
  async fullScoresBetween(db, licence, from, to) {
    const records = await allFullScores(db, licence);
    return records.filter((r) => r.reachedOn >= from && r.reachedOn <= to).length;
  },
  async fullScoresInCycles(db, licence, today, cycles) {
    const { index } = cycleOf(licence.firstIssuedOn, today);
    const since = boundsOf(licence.firstIssuedOn, Math.max(0, index - cycles + 1)).start;
    const records = await allFullScores(db, licence);
    return records.filter((r) => r.cycleStart >= since).length;
  },
  openFullScore: openFullScoreOf,
  fullScoreExamsPassed,
  async lastEndedCycle(db, licence, today) {
    const { index } = cycleOf(licence.firstIssuedOn, today);
    if (index === 0) return null;
    const { start, end } = boundsOf(licence.firstIssuedOn, index - 1);
    const ledger = await ledgerOf(db, licence.cityCode, licence.idNumber);
    return { start, end, points: cycleSummary(licence.firstIssuedOn, end, ledger).points };
  },
  async unhandledViolations(db, licence) {
    const plates = (await vehiclesOwnedBy(db, licence.cityCode, licence.idNumber)).flatMap((v) =>
      v.plate && v.status !== 'deregistered' ? [v.plate] : [],
    );
    return (await unhandledOfPlates(db, licence.cityCode, plates)).length;
  },
  async recordImported(tx, licence, points, on) {
    await insertPointEntry(tx, {
      cityCode: licence.cityCode,
      idNumber: licence.idNumber,
      kind: 'imported',
      points,
      recordedOn: on.today,
    });
    if (points < FULL_SCORE) return;
    const { values } = await policyIn(tx, FULL_SCORE_POLICY_KEYS, on.today, licence.cityCode);
    await reachFullScore(tx, licence, {
      cycleStart: cycleOf(licence.firstIssuedOn, on.today).start,
      pointsBefore: 0,
      cyclePoints: points,
      policy: values,
      on,
    });
  },
};
