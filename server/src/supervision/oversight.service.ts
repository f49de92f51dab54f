import { maskIdNumber } from '#shared/validators/id-number.ts';
import type { ExamOversight, StationRiskList } from '#shared/schemas/supervision.ts';
import { calendarBetween, policyIn } from '../catalog/catalog.service.ts';
import type { DbOrTx } from '../db/database.ts';
import { outletDirectory } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { invalid } from '../platform/errors.ts';
import { addDays } from '../platform/time.ts';
import { reusedPhotos, stationSummaries } from '../vehicles/inspections.service.ts';
import type { ExamFact, SupervisionPorts } from './exam-port.ts';
import { assignmentTests, identityAssociations } from './exam-oversight.ts';
import { addStationSummaries, closedStarts, emptyFacts, EXAMPLES } from './facts.ts';
import { PAGE, readPages, startOf } from './sources.ts';
import { rateStations, type StationRisk } from './station-risk.ts';
import { supervisionScope } from './supervision.policy.ts';

/** Exams read for one oversight view at most (a city's busiest quarter is far below it). */
const MAX_EXAMS = 500_000;
/** A driving school, phone or examiner links at least this many candidates to be listed. */
const MIN_CANDIDATES = 3;
/** A site and subject are tested for random assignment from this many exams with a school. */
const MIN_ASSIGNMENT_EXAMS = 30;

/** A phone number with its middle four digits hidden, as identity numbers are masked. */
const maskPhone = (phone: string) =>
  phone.length >= 11
    ? `${phone.slice(0, 3)}****${phone.slice(-4)}`
    : phone.replace(/\d(?=\d{2})/g, '*');

/** A city's exam results finished in the period, in keyset pages through the port. */
export async function examsOf(
  db: DbOrTx,
  ports: SupervisionPorts,
  cityCode: string,
  period: { from: string; to: string },
): Promise<ExamFact[]> {
  const since = startOf(period.from);
  const until = startOf(addDays(period.to, 1));
  const exams: ExamFact[] = [];
  await readPages(
    (after) => ports.examResults(db, { cityCode, since, until, after, limit: PAGE }),
    (batch) => {
      exams.push(...batch);
      if (exams.length > MAX_EXAMS) {
        throw invalid([{ path: 'querystring.to', message: '期间内考试记录过多，请缩短统计期间' }]);
      }
    },
  );
  return exams;
}

/**
 * `GET /supervision/exam-oversight`: identity associations (one phone, face-match overrides or
 * a driving school linking several candidates, with the examiners they sat before) and the
 * random-assignment test per exam site and subject, over the supervisor's jurisdiction.
 */
export async function examOversight(
  ctx: AppContext,
  actor: Actor,
  period: { from: string; to: string },
  ports: SupervisionPorts,
): Promise<ExamOversight> {
  const scope = supervisionScope(actor);
  const outlets = await outletDirectory(ctx.db, scope.cityCode);
  const policy = await policyIn(ctx.db, ['supervision.fdr-q'], period.to, scope.cityCode);
  const exams = (await examsOf(ctx.db, ports, scope.cityCode, period)).filter(
    (e) => !scope.countyCode || outlets.get(e.examSiteCode)?.countyCode === scope.countyCode,
  );
  const associations = identityAssociations(exams, { minCandidates: MIN_CANDIDATES });
  const assignment = assignmentTests(exams, {
    q: policy.values['supervision.fdr-q'] ?? 0.05,
    minExams: MIN_ASSIGNMENT_EXAMS,
  });
  return {
    from: period.from,
    to: period.to,
    exams: exams.length,
    withPhone: exams.filter((e) => e.phone).length,
    withSchool: exams.filter((e) => e.schoolCode).length,
    associations: associations.map((a) => ({
      ...a,
      key: a.kind === 'phone' ? maskPhone(a.key) : a.key,
      candidates: a.candidates.map(maskIdNumber),
    })),
    assignment: assignment.map((t) => ({
      ...t,
      siteName: outlets.get(t.examSiteCode)?.name ?? null,
    })),
  };
}

/**
 * Every inspection station of a city rated over a period (`station-risk.ts`): pass rate,
 * short inspections, inspections outside its hours and reused photos against its peers.
 */
export async function stationRisks(
  db: DbOrTx,
  cityCode: string,
  period: { from: string; to: string },
): Promise<StationRisk[]> {
  const policy = await policyIn(
    db,
    ['supervision.inspection-duration.min-minutes', 'supervision.min-unit-size'],
    period.to,
    cityCode,
  );
  const c = {
    from: period.from,
    to: period.to,
    outlets: await outletDirectory(db, cityCode),
    calendar: await calendarBetween(db, period.from, period.to),
  };
  const facts = emptyFacts(c);
  const since = startOf(period.from);
  const until = startOf(addDays(period.to, 1));
  const minMinutes = policy.values['supervision.inspection-duration.min-minutes'] ?? null;
  addStationSummaries(
    facts,
    await stationSummaries(db, {
      cityCode,
      since,
      from: since,
      until,
      minMinutes,
      examples: EXAMPLES,
      closed: closedStarts(c, period.from),
    }),
  );
  const reused = new Map<string, Set<string>>();
  for (const r of await reusedPhotos(db, { cityCode, since, until })) {
    reused.set(r.stationCode, (reused.get(r.stationCode) ?? new Set()).add(r.reportNo));
  }
  const metrics = [...c.outlets.values()]
    .filter((o) => o.category === 'inspection-station')
    .map((o) => {
      const s = facts.stations.get(o.code);
      return {
        code: o.code,
        countyCode: o.countyCode,
        n: s?.n ?? 0,
        passes: s?.events ?? 0,
        short: s?.short ?? 0,
        offHours: s?.offHours ?? 0,
        photoReuse: reused.get(o.code)?.size ?? 0,
      };
    });
  return rateStations(metrics, { minSize: policy.values['supervision.min-unit-size'] ?? 20 });
}

/** `GET /supervision/station-risk`: the stations of the supervisor's jurisdiction, riskiest first. */
export async function stationRiskFor(
  ctx: AppContext,
  actor: Actor,
  period: { from: string; to: string },
): Promise<StationRiskList> {
  const scope = supervisionScope(actor);
  const outlets = await outletDirectory(ctx.db, scope.cityCode);
  const rated = await stationRisks(ctx.db, scope.cityCode, period);
  return {
    from: period.from,
    to: period.to,
    items: rated
      .filter((r) => !scope.countyCode || r.countyCode === scope.countyCode)
      .map((r) => ({ ...r, name: outlets.get(r.code)?.name ?? null })),
  };
}
