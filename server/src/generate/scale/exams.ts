import { learnerPermitUntil } from '../../licences/licence-apply.rules.ts';
import { addDays } from '../../platform/time.ts';
import { applicationId, type Context } from './applications.ts';
import type { Field } from './binary-rows.ts';
import { beijingDay } from './format.ts';
import { Random } from './random.ts';

const S_SCORE = 91;
const S_FACE = 92;
const S_EXAMINER = 93;

export const CANDIDATE_COLUMNS = [
  'city_code',
  'application_id',
  'id_number',
  'class',
  'status',
  'accepted_at',
  'permit_issued_on',
  'permit_valid_until',
  'closed_on',
  'phone',
  'driving_school_code',
] as const;

/** The year's candidacies, one per licence.apply that was accepted. */
export function* candidateRows(ctx: Context): Generator<Field[]> {
  const { w, candidates } = ctx;
  for (let a = 0; a < w.plan.counts['licence.apply']; a++) {
    const at = ctx.links.submittedAt('licence.apply', a);
    const p = candidates.person(a);
    const status = candidates.status(a);
    const s1 = candidates.passedOn(a, 1);
    const permit = s1 === null ? null : beijingDay(s1);
    const closed =
      status === 'licensed'
        ? beijingDay(candidates.passedOn(a, 3)!)
        : status === 'voided'
          ? addDays(permit!, 90)
          : null;
    yield [
      w.plan.cityCode,
      applicationId(ctx, 'licence.apply', a, at),
      w.people.idNumber(p),
      'C1',
      status,
      at,
      permit,
      // The permit's 3 years as the platform issues them (no age cap: candidates are young).
      permit && learnerPermitUntil(permit, 36, 'C1', null),
      closed,
      w.people.phone(p),
      `JX${w.plan.cityCode}${String(a % 60).padStart(3, '0')}`,
    ];
  }
}

export const RESULT_COLUMNS = [
  'city_code',
  'id',
  'id_number',
  'subject',
  'class',
  'exam_site_code',
  'examiner_id',
  'vehicle_plate',
  'score',
  'passed',
  'face_match',
  'started_at',
  'finished_at',
  'recording_ref',
  'application_id',
  'counted',
  'source',
  'recorded_by',
  'channel',
  'recorded_at',
] as const;

/**
 * Exam results at the exam sites: each subject a candidate passed (subject 4 with 3), with a
 * failed attempt before it for about one in four, recorded by the site's clerk.
 */
export function* examResultRows(ctx: Context): Generator<Field[]> {
  const { w, candidates, links } = ctx;
  const random = new Random(w.plan.seed);
  let n = 0;
  for (let a = 0; a < w.plan.counts['licence.apply']; a++) {
    const app = applicationId(ctx, 'licence.apply', a, links.submittedAt('licence.apply', a));
    const idNumber = w.people.idNumber(candidates.person(a));
    const site = links.examSite(a);
    for (const subject of [1, 2, 3, 4] as const) {
      const passedAt = candidates.passedOn(a, subject === 4 ? 3 : subject);
      if (passedAt === null) continue;
      const failedFirst = random.unit(S_SCORE + subject, a) < 0.25;
      for (const attempt of failedFirst ? [0, 1] : [1]) {
        const start = passedAt - (1 - attempt) * 10 * 86_400_000 + (subject === 4 ? 3_600_000 : 0);
        const pass = attempt === 1;
        const score = subject === 2 || subject === 3 ? (pass ? 90 : 70) : pass ? 92 : 80;
        const id = `${app.slice(0, 24)}${String(n++ % 1e12).padStart(12, '0')}`;
        yield [
          w.plan.cityCode,
          id,
          idNumber,
          subject,
          'C1',
          site.code,
          `KSY${site.code.slice(-3)}${random.int(S_EXAMINER, a * 4 + subject, 12)}`,
          subject === 2 || subject === 3
            ? `${w.plan.platePrefix}${String(1000 + (a % 9000))}学`
            : null,
          score,
          pass,
          random.unit(S_FACE, n) < 0.005 ? 'manual' : 'pass',
          start,
          start + 45 * 60_000,
          `REC${w.plan.year}${n}`,
          app,
          true,
          'platform',
          site.staffId,
          'social',
          start + 46 * 60_000,
        ];
      }
    }
  }
}
