import { hasLargeClass } from '#shared/licences.ts';
import { defineHandler } from '../applications/handler.ts';
import { reviewedCyclesOf } from '../licences/licences.service.ts';
import { reviewOverdue } from '../licences/review.ts';
import { pastScrapAge, SCRAP_AGE_KEYS, type ScrapAgeKey } from '../vehicles/vehicle-age.ts';
import { vehiclesOwnedBy } from '../vehicles/vehicles.service.ts';
import type { PolicyValues } from '../catalog/policy-keys.ts';
import { cycleStartBack, lastEndedCycle, loadDriver, type DriverFacts } from './driver-facts.ts';
import { POINTS_REDUCE_RULES, reductionOf, type ReduceFacts } from './points-reduce.rules.ts';
import { categoriesTakenSince, unhandledOfPlates } from './violations.repository.ts';
import { licenceFullScores } from './licence-full-scores.ts';
import { insertPointEntry } from './points.repository.ts';
import { legacyFullScores } from './legacy-full-scores.ts';

const SERIOUS = ['hit-and-run', 'drink-driving', 'forged-documents'];

/** What §26 and §25 ask about a licensed driver. */
async function exclusionsOf(
  tx: Parameters<typeof loadDriver>[0],
  driver: DriverFacts,
  today: string,
  scrapAges: PolicyValues<ScrapAgeKey>,
): Promise<
  Omit<ReduceFacts, 'method' | 'minutes' | 'examPassed' | 'today' | 'applicantName' | 'policy'>
> {
  const { licence, status, cycle } = driver;
  if (!licence || !status) {
    return {
      licence: null,
      points: 0,
      reducedThisCycle: 0,
      unhandled: [],
      recentFullScores: 0,
      seriousViolations: [],
      pointTrading: false,
      educationFraud: false,
      reviewOverdueSince: null,
      inspectionOverdue: [],
      scrapOverdue: [],
    };
  }
  const city = licence.cityCode;
  const vehicles = await vehiclesOwnedBy(tx, city, licence.idNumber);
  const active = vehicles.filter((v) => v.status !== 'deregistered' && v.plate);
  const plates = active.flatMap((v) => (v.plate ? [v.plate] : []));
  const previous = cycleStartBack(licence, cycle, 1);
  // The legacy platform's full scores count as the platform's (legacy-full-scores.ts).
  const fullScores = [
    ...(await licenceFullScores(tx, licence)),
    ...(await legacyFullScores(tx, licence)),
  ].filter((r) => r.cycleStart >= previous);
  const categories = await categoriesTakenSince(
    tx,
    city,
    licence.idNumber,
    cycleStartBack(licence, cycle, 2),
  );
  return {
    licence: {
      status,
      validUntil: licence.validUntil,
      probationUntil: licence.probationUntil,
      name: licence.name,
    },
    points: cycle.points,
    reducedThisCycle: cycle.reduced,
    unhandled: await unhandledOfPlates(tx, city, plates),
    recentFullScores: fullScores.length,
    seriousViolations: SERIOUS.filter((c) => categories.includes(c)),
    pointTrading: categories.includes('point-trading'),
    educationFraud: categories.includes('education-fraud'),
    reviewOverdueSince: reviewOverdue({
      large: hasLargeClass(licence.classes),
      lastCycle: lastEndedCycle(driver),
      reviewedCycles: await reviewedCyclesOf(tx, licence),
      today,
    }),
    inspectionOverdue: active
      .filter((v) => v.inspectionValidUntil !== null && v.inspectionValidUntil < today)
      .flatMap((v) => (v.plate ? [v.plate] : [])),
    // §26(4): recorded as due, or past the scrapping age of its kind, which no record waits for.
    scrapOverdue: active
      .filter((v) => pastScrapAge(v, scrapAges, today))
      .flatMap((v) => (v.plate ? [v.plate] : [])),
  };
}

type LoadedFacts = ReduceFacts & { driver: DriverFacts };

/**
 * 学法减分 (R163 §§25–27): the driver in person, online or at a window; the reduction comes off
 * the points of the cycle in force, within the cap per cycle.
 */
export const pointsReduceHandler = defineHandler({
  type: 'points.reduce',
  policyKeys: [
    'points-reduce.max-per-cycle',
    'points-reduce.online.minutes',
    'points-reduce.online.points',
    'points-reduce.onsite.minutes',
    'points-reduce.onsite.points',
    'points-reduce.public-welfare.minutes',
    'points-reduce.public-welfare.points',
    ...SCRAP_AGE_KEYS,
  ],
  lockKey: (_data, applicant) => `driver:${applicant.idNumber}`,
  async load(tx, d): Promise<LoadedFacts> {
    const driver = await loadDriver(tx, d.applicant.idNumber, d.today, d.jurisdiction.cityCode);
    const m = d.data.method;
    return {
      method: m,
      minutes: d.data.minutes,
      examPassed: d.data.examPassed,
      today: d.today,
      applicantName: d.applicant.name,
      policy: {
        minutes: d.policy[`points-reduce.${m}.minutes`],
        points: d.policy[`points-reduce.${m}.points`],
        cap: d.policy['points-reduce.max-per-cycle'],
      },
      ...(await exclusionsOf(tx, driver, d.today, d.policy)),
      driver,
    };
  },
  rules: POINTS_REDUCE_RULES,
  async apply(tx, d, facts: LoadedFacts, tools) {
    const licence = facts.driver.licence;
    if (!licence) throw new Error('effects ran for a driver without a licence');
    const reduced = reductionOf(facts);
    await insertPointEntry(tx, {
      cityCode: licence.cityCode,
      idNumber: licence.idNumber,
      kind: 'reduction',
      points: reduced,
      recordedOn: d.today,
      applicationId: tools.applicationId,
      method: d.data.method,
    });
    const reducedThisCycle = facts.reducedThisCycle + reduced;
    return {
      status: 'completed',
      result: { reduced, reducedThisCycle, cyclePoints: facts.points - reduced },
      audit: {
        entityType: 'licence',
        entityId: licence.idNumber,
        details: {
          method: d.data.method,
          minutes: d.data.minutes,
          reduced,
          reducedThisCycle,
          cycleStart: facts.driver.cycle.start,
        },
      },
    };
  },
});
