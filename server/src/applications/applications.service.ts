import type { BusinessTypeCode } from '#shared/catalog.ts';
import type { ApplicationStatus } from '#shared/lifecycles.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import { decodeInstantCursor, encodeInstantCursor } from '../platform/cursor.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { beijingDate } from '../platform/time.ts';
import {
  applicationsAbout,
  completedBetween,
  findApplication,
  findApplications,
  latestApplicationsOf,
  listApplications,
  listEvents,
  openApplicationExists,
  type OpenApplicationSubject,
} from './applications.repository.ts';
import { listScope, mayReadApplication, requireReader } from './applications.policy.ts';
import { breachPage, completionDurations, type HandlingScope } from './handling.repository.ts';

/** The keyset of the page after a cursor (`platform/cursor.ts`: instant, then id). */
function submittedAfter(cursor: string) {
  const { at, id } = decodeInstantCursor(cursor);
  return { submittedAt: at, id };
}

/** One application with its lifecycle history, for a reader whose scope covers it. */
export async function getApplication(ctx: AppContext, actor: Actor, id: string) {
  const app = await findApplication(ctx.db, id);
  if (!app) throw notFound('业务申请');
  requireReader(actor, app);
  // The row counts its lifecycle events (written in the events' transaction): most applications
  // finish at submission with none, and need no second round trip.
  return { app, events: app.events > 0 ? await listEvents(ctx.db, app.cityCode, app.id) : [] };
}

/** A page of the applications in the reader's scope, newest first, by keyset. */
export async function listApplicationsFor(
  ctx: AppContext,
  actor: Actor,
  q: {
    status?: ApplicationStatus;
    businessType?: string;
    overdue?: boolean;
    after?: string;
    limit: number;
  },
) {
  const rows = await listApplications(ctx.db, {
    ...listScope(actor),
    status: q.overdue ? 'accepted' : q.status,
    businessType: q.businessType,
    dueBefore: q.overdue ? beijingDate(ctx.clock.now()) : undefined,
    after: q.after ? submittedAfter(q.after) : undefined,
    limit: q.limit + 1,
  });
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > q.limit && last ? encodeInstantCursor(last.submittedAt, last.id) : null,
  };
}

/**
 * Whether the subject already has an open application of a type (e.g. a plate reissue still in
 * production): business handlers ask it to refuse a second one.
 */
export async function hasOpenApplication(
  tx: Tx,
  f: { cityCode: string; businessType: BusinessTypeCode; about: OpenApplicationSubject },
) {
  return await openApplicationExists(tx, f);
}

/** Who applied and the result so far, of some applications of a city (e.g. a lane board's). */
export async function applicationSummaries(db: DbOrTx, cityCode: string, ids: readonly string[]) {
  const found = await findApplications(db, cityCode, ids);
  return new Map(
    found.map((a) => [
      a.id,
      { applicantName: a.applicant.name, data: a.data, result: a.result ?? {} },
    ]),
  );
}

/** Every application about a vehicle (by VIN or a plate it has had), for its file. */
export async function applicationsAboutVehicle(
  db: DbOrTx,
  f: { cityCode: string; vin: string; plates: readonly string[] },
) {
  return await applicationsAbout(db, f);
}

/**
 * A file's applications as its reader sees them (the vehicle's, the driver's): those it may open
 * by id, so that what the file names opens; and `named`, which gives the application id of a
 * document or change only when the reader may open that application (the entry keeps its place).
 */
export function readableFor<A extends Parameters<typeof mayReadApplication>[1] & { id: string }>(
  actor: Actor,
  all: readonly A[],
) {
  const hidden = new Set(all.filter((a) => !mayReadApplication(actor, a)).map((a) => a.id));
  return {
    readable: all.filter((a) => !hidden.has(a.id)),
    named: (id: string | null) => (id !== null && hidden.has(id) ? null : id),
  };
}

/** A person's latest applications in a city, newest first (the driver file of a licence). */
export async function applicationsOfApplicant(
  db: DbOrTx,
  f: { cityCode: string; idNumber: string; limit: number },
) {
  return await latestApplicationsOf(db, f);
}

/**
 * An application by id for another area that decides itself who may act on it (a rating, a
 * call-back); null when there is none.
 */
export async function applicationById(db: DbOrTx, id: string) {
  return await findApplication(db, id);
}

/** A city's applications completed between two instants, with their outlet and county. */
export async function applicationsCompletedBetween(
  db: DbOrTx,
  cityCode: string,
  from: Date,
  to: Date,
) {
  return (await completedBetween(db, cityCode, from, to)).map((r) => ({
    id: r.id,
    cityCode: r.city_code,
    outletCode: r.outlet_code,
    countyCode: r.county_code,
  }));
}

/**
 * Handling times (service quality): per outlet and business type, the seconds from acceptance to
 * completion of the applications completed in [from, to), and how many were completed late.
 */
export async function completionDurationsIn(
  db: DbOrTx,
  f: HandlingScope & { from: Date; to: Date },
) {
  return (await completionDurations(db, f)).map((r) => ({
    outletCode: r.outlet_code,
    businessType: r.business_type,
    seconds: r.seconds.map(Number),
    late: Number(r.late),
  }));
}

/** A keyset page of SLA breaches (open past the due day, or completed after it). */
export async function slaBreachPage(db: DbOrTx, f: Parameters<typeof breachPage>[1]) {
  return (await breachPage(db, f)).map((r) => ({
    applicationId: r.id,
    cityCode: r.city_code,
    outletCode: r.outlet_code,
    countyCode: r.county_code,
    businessType: r.business_type,
    status: r.status,
    submittedAt: r.submitted_at,
    completedAt: r.completed_at === null ? null : new Date(r.completed_at),
    slaDueOn: r.sla_due_on,
  }));
}
