import { FULL_SCORE } from './cycle.ts';

/**
 * What a full score (满分) obliges the driver to (R163 §§18, 19, 22), pure. Study lasts 7 days
 * (30 for A1/A2/A3/B1/B2); each further full score in the cycle, or each further 12 points,
 * adds as much again, up to 60 days (120). The exam is the laws-and-regulations test (subject
 * 1); the 2nd full score of a cycle or 24 points add the road test (subject 3), the 3rd or 36
 * points the field test (subject 2) too.
 */
export interface FullScorePolicy {
  baseDays: number;
  maxDays: number;
}

export interface FullScoreDuty {
  studyDays: number;
  /** Of the study: on-site and online together at least, and on-site at least (§19). */
  onsiteOnlineDays: number;
  onsiteDays: number;
  subjects: number[];
}

export function fullScoreDuty(
  ordinal: number,
  points: number,
  large: boolean,
  policy: FullScorePolicy,
): FullScoreDuty {
  const further = ordinal - 1 + Math.max(0, Math.floor(points / FULL_SCORE) - 1);
  const studyDays = Math.min(policy.maxDays, policy.baseDays * (1 + further));
  const subjects =
    ordinal >= 3 || points >= 3 * FULL_SCORE
      ? [1, 2, 3]
      : ordinal === 2 || points >= 2 * FULL_SCORE
        ? [1, 3]
        : [1];
  return {
    studyDays,
    onsiteOnlineDays: large ? 10 : 5,
    onsiteDays: large ? 5 : 2,
    subjects,
  };
}
