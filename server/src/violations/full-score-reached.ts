import { effectiveLicenceStatus, hasLargeClass } from '#shared/licences.ts';
import type { PolicyValues } from '../catalog/policy-keys.ts';
import type { Tx } from '../db/database.ts';
import {
  detainForFullScore,
  type LicenceChangeOn,
  type LicenceRecord,
} from '../licences/licences.service.ts';
import { FULL_SCORE } from './cycle.ts';
import { fullScoreDuty } from './full-score.ts';
import { licenceFullScores } from './licence-full-scores.ts';
import { insertFullScore, updateFullScore } from './points.repository.ts';

export const FULL_SCORE_POLICY_KEYS = [
  'full-score.study-days',
  'full-score.study-days.large',
  'full-score.study-days.max',
  'full-score.study-days.max.large',
] as const;
export type FullScorePolicyValues = PolicyValues<(typeof FULL_SCORE_POLICY_KEYS)[number]>;

/**
 * A licence's cycle reached 12 points (R163 §17): a full-score record is opened with its study
 * days and exams (§§18–22) and the licence detained (probationary classes cancelled, R162 §80);
 * while a full score is still studied, further points only add to its duty (§14, §18). One
 * place for the platform's handling (violation.handle) and a licence imported at 12 points, so
 * both leave the same records.
 */
export async function reachFullScore(
  tx: Tx,
  licence: LicenceRecord,
  p: {
    cycleStart: string;
    pointsBefore: number;
    cyclePoints: number;
    policy: FullScorePolicyValues;
    on: LicenceChangeOn;
  },
) {
  const large = hasLargeClass(licence.classes);
  const policy = {
    baseDays: p.policy[large ? 'full-score.study-days.large' : 'full-score.study-days'] ?? 7,
    maxDays:
      p.policy[large ? 'full-score.study-days.max.large' : 'full-score.study-days.max'] ?? 60,
  };
  const records = await licenceFullScores(tx, licence);
  const open = records.find((r) => r.status === 'studying');
  if (p.pointsBefore >= FULL_SCORE && open) {
    const duty = fullScoreDuty(open.ordinal, p.cyclePoints, large, policy);
    await updateFullScore(tx, {
      cityCode: licence.cityCode,
      id: open.id,
      points: p.cyclePoints,
      ...duty,
    });
    return { ...duty, cancelledClasses: [] as string[] };
  }
  const ordinal = records.filter((r) => r.cycleStart === p.cycleStart).length + 1;
  const duty = fullScoreDuty(ordinal, p.cyclePoints, large, policy);
  await insertFullScore(tx, {
    cityCode: licence.cityCode,
    idNumber: licence.idNumber,
    cycleStart: p.cycleStart,
    reachedOn: p.on.today,
    ordinal,
    points: p.cyclePoints,
    ...duty,
    applicationId: p.on.applicationId ?? null,
  });
  // A licence read as cancelled (effectiveLicenceStatus) has nothing left to detain.
  const detained =
    licence.status === 'valid' &&
    effectiveLicenceStatus(licence.status, licence.validUntil, p.on.today) !== 'cancelled'
      ? await detainForFullScore(tx, licence, p.on)
      : { cancelledClasses: [] as string[] };
  return { ...duty, cancelledClasses: detained.cancelledClasses };
}
