import type { DriverFile, HandlingPreview } from '#shared/schemas/drivers.ts';
import { presentApplication } from '../applications/applications.presenter.ts';
import { applicationsOfApplicant } from '../applications/applications.service.ts';
import { evaluateRules, orderRules } from '../applications/rules.ts';
import { policyIn } from '../catalog/catalog.service.ts';
import { requireLicenceReader } from '../licences/licences.policy.ts';
import { idFor, presentLicence } from '../licences/licences.presenter.ts';
import { examResultsOf, licenceOf } from '../licences/licences.service.ts';
import { certificatesFor } from '../licences/medicals.service.ts';
import { jurisdictionOf } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { beijingDate, beijingInstant } from '../platform/time.ts';
import { FULL_SCORE } from './cycle.ts';
import { DRIVER_POINTS } from './points.service.ts';
import { HANDLE_POLICY_KEYS, loadHandleFacts } from './violation-handle.facts.ts';
import { VIOLATION_HANDLE_RULES } from './violation-handle.rules.ts';
import { requireHandler } from './violations.policy.ts';
import { fullScoresOf, ledgerOf } from './points.repository.ts';
import { listViolationsFor } from './violations.service.ts';

const HANDLE_RULES = orderRules(VIOLATION_HANDLE_RULES);

/**
 * The driver file (驾驶人档案): the licence and its cycle, the ledger behind the points chart,
 * full scores, violations, exams, medicals and every application, for the readers of the licence
 * registry (the police, administrators, supervisors in scope).
 */
export async function driverFile(
  ctx: AppContext,
  actor: Actor,
  idNumber: string,
): Promise<DriverFile> {
  const licence = await licenceOf(ctx.db, idNumber);
  if (licence && licence.cityCode !== actor.cityCode) throw notFound('驾驶人档案');
  // Without a licence (a candidate), the file belongs to the county of the identity number.
  requireLicenceReader(
    actor,
    licence ?? { cityCode: actor.cityCode, countyCode: idNumber.slice(0, 6) },
    '驾驶人档案',
  );
  const today = beijingDate(ctx.clock.now());
  const city = actor.cityCode;
  const [ledger, fullScores, violations, exams, medicals, applications] = await Promise.all([
    licence ? ledgerOf(ctx.db, licence.cityCode, idNumber) : [],
    fullScoresOf(ctx.db, city, idNumber),
    listViolationsFor(ctx, actor, { idNumber, limit: 50 }),
    examResultsOf(ctx.db, city, idNumber),
    certificatesFor(ctx.db, actor, idNumber),
    applicationsOfApplicant(ctx.db, { cityCode: city, idNumber, limit: 20 }),
  ]);
  const nothing =
    !licence &&
    !exams.length &&
    !medicals.length &&
    !applications.length &&
    !violations.items.length;
  if (nothing) throw notFound('驾驶人档案');
  return {
    idNumber: idFor(idNumber, actor),
    licence: licence
      ? presentLicence(licence, await DRIVER_POINTS.cycle(ctx.db, licence, today), actor, today)
      : null,
    ledger: ledger.map((e) => ({ on: e.on, kind: e.kind, points: e.points })),
    fullScores: fullScores.map((f) => ({
      reachedOn: f.reachedOn,
      points: f.points,
      studyDays: f.studyDays,
      subjects: f.subjects,
      status: f.status,
    })),
    violations: violations.items,
    exams: exams.map((e) => ({ ...e, startedAt: beijingInstant(e.startedAt) })),
    medicals,
    applications: applications.map((a) => presentApplication(a, actor)),
  };
}

/**
 * What the window sees before submitting a violation handling: the same facts and rules as the
 * submission, asked now, with nothing written.
 */
export async function previewHandling(
  ctx: AppContext,
  actor: Actor,
  violationId: string,
  idNumber: string,
): Promise<HandlingPreview> {
  requireHandler(actor);
  const today = beijingDate(ctx.clock.now());
  const { values } = await policyIn(ctx.db, HANDLE_POLICY_KEYS, today, actor.cityCode);
  const { platePrefixes } = await jurisdictionOf(ctx.db, ctx.db, actor.cityCode);
  const facts = await ctx.db.transaction().execute((tx) =>
    loadHandleFacts(tx, {
      cityCode: actor.cityCode,
      platePrefixes,
      violationId,
      driver: idNumber,
      driverName: null,
      today,
      policy: values,
    }),
  );
  const v = facts.record;
  const listed = v
    ? (await listViolationsFor(ctx, actor, { plate: v.plate, limit: 200 })).items
    : [];
  const pointsAfter = facts.pointsBefore + (v?.points ?? 0);
  return {
    violation: listed.find((i) => i.id === violationId) ?? null,
    driver: {
      hasLicence: facts.licenceStatus !== null,
      status: facts.licenceStatus,
      cyclePoints: facts.pointsBefore,
      cycleEnd: facts.driverFacts.licence ? facts.driverFacts.cycle.end : null,
    },
    ownsVehicle: facts.ownsVehicle,
    substitute: {
      plates: facts.substitute.plates.length,
      maxPlates: facts.maxPlates,
      drivers: facts.substitute.drivers.length,
      maxDrivers: facts.maxDrivers,
    },
    pointsAfter,
    reachesFullScore: facts.pointsBefore < FULL_SCORE && pointsAfter >= FULL_SCORE,
    items: evaluateRules(HANDLE_RULES, facts),
  };
}
