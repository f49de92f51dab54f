import { addCalendarDays, addMonths, addYears } from '#shared/dates.ts';
import {
  effectiveLicenceStatus,
  LICENCE_CLASSES,
  nextLicenceStatus,
  nextValidityTerm,
  TERM_YEARS,
  type LicenceClass,
  type LicenceEvent,
} from '#shared/licences.ts';
import type { Read } from '../db/compiled-query.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { beijingDate } from '../platform/time.ts';
import { resultsOf } from './exams.repository.ts';
import { requireFileReading, requireLicenceReader } from './licences.policy.ts';
import { presentLicence } from './licences.presenter.ts';
import {
  findLicenceAnywhere,
  findLicenceAnywhereWith,
  holderNameRows,
  insertLicences,
  lockLicenceAnywhere,
  lockLicenceAnywhereWith,
  reviewedCycles,
  updateLicence,
  type LicenceRecord,
} from './licences.repository.ts';
import type { DriverPoints } from './points-port.ts';
import { importedAtOf, insertLicenceEvents } from './history.repository.ts';

export type { LicenceRecord } from './licences.repository.ts';

/** When a licence changes, and (for its file) through which application and by whom. */
export interface LicenceChangeOn {
  today: string;
  now: Date;
  applicationId?: string | null;
  /** The staff member's name; the platform (系统) when absent. */
  actor?: string | null;
}

/** What a change did besides the status, for the licence file. */
function changeDetails(before: LicenceRecord | null, after: LicenceRecord) {
  const details: Record<string, unknown> = {};
  if (!before || before.classes.join() !== after.classes.join()) details.classes = after.classes;
  if (!before || before.validUntil !== after.validUntil) details.validUntil = after.validUntil;
  if (!before || before.validityTerm !== after.validityTerm)
    details.validityTerm = after.validityTerm;
  return details;
}

async function recordChange(
  tx: Tx,
  event: string,
  before: LicenceRecord | null,
  after: LicenceRecord,
  on: LicenceChangeOn,
) {
  await insertLicenceEvents(tx, [
    {
      cityCode: after.cityCode,
      idNumber: after.idNumber,
      at: on.now,
      event,
      statusFrom: before?.status ?? null,
      statusTo: after.status,
      applicationId: on.applicationId ?? null,
      actor: on.actor ?? '系统',
      details: changeDetails(before, after),
    },
  ]);
}

/**
 * The day a licence came from the legacy platform by import, or null for one issued here: the
 * import's points are the total of the cycle in force that day (licences.import.ts).
 */
export async function importedOnOf(db: DbOrTx, licence: LicenceRecord): Promise<string | null> {
  const at = await importedAtOf(db, licence.cityCode, licence.idNumber);
  return at ? beijingDate(at) : null;
}

/** A person's licence wherever it is kept (the national directory names the city), or null. */
export async function licenceOf(db: DbOrTx, idNumber: string): Promise<LicenceRecord | null> {
  return await findLicenceAnywhere(db, idNumber);
}

/** `GET /licences/{idNumber}`: the licence with its points cycle, for a reader allowed to see it. */
export async function licenceFor(
  ctx: AppContext,
  actor: Actor,
  idNumber: string,
  points: DriverPoints,
) {
  requireFileReading(actor);
  const found = await licenceWithCycle(ctx.db, actor, idNumber, points);
  if (!found) throw notFound('驾驶证');
  const { licence, cycleOn } = found;
  requireLicenceReader(actor, licence);
  const today = beijingDate(ctx.clock.now());
  return presentLicence(licence, await cycleOn(today), actor, today);
}

/**
 * A licence and its points cycle in one round trip: the ledger is read for the reader's own
 * city alongside the licence, since the licences a reader looks up are nearly all kept there
 * (the directory, read with the licence, names the city). A licence another city keeps has its
 * ledger read after it.
 */
async function licenceWithCycle(db: DbOrTx, reader: Actor, idNumber: string, points: DriverPoints) {
  const [licence, cycleHere] = await findLicenceAnywhereWith(
    db,
    idNumber,
    points.pendingCycle(reader.cityCode, idNumber),
  );
  if (!licence) return null;
  const cycleOn = async (today: string) =>
    licence.cityCode === reader.cityCode
      ? cycleHere(licence, today)
      : await points.cycle(db, licence, today);
  return { licence, cycleOn };
}

/**
 * A citizen's own licence with its points cycle (the internet channel's "my licence"): the
 * holder sees its own identity and licence numbers in full. Null when it holds none.
 */
export async function licenceOfHolder(
  ctx: AppContext,
  holder: Actor,
  idNumber: string,
  points: DriverPoints,
) {
  const found = await licenceWithCycle(ctx.db, holder, idNumber, points);
  if (!found) return null;
  const { licence, cycleOn } = found;
  const today = beijingDate(ctx.clock.now());
  const shown = presentLicence(licence, await cycleOn(today), holder, today);
  return { ...shown, idNumber: licence.idNumber, licenceNo: licence.licenceNo };
}

/**
 * A person's licence locked for a change in the caller's transaction: two windows handling
 * points of the same driver take turns, so neither decides on a stale total.
 */
export async function lockedLicenceOf(tx: Tx, idNumber: string): Promise<LicenceRecord | null> {
  return await lockLicenceAnywhere(tx, idNumber);
}

/**
 * As `lockedLicenceOf`, with another area's read (a ledger) sent behind the lock in the same
 * round trip: it runs once the lock is held, and sees what the last holder committed.
 */
export async function lockedLicenceOfWith<O>(tx: Tx, idNumber: string, other: Read<O>) {
  return await lockLicenceAnywhereWith(tx, idNumber, other);
}

/** Writes a licence after a registry event, refusing a transition its lifecycle does not have. */
export async function applyLicenceEvent(
  tx: Tx,
  licence: LicenceRecord,
  event: LicenceEvent,
  change: Partial<Omit<LicenceRecord, 'cityCode' | 'idNumber' | 'status'>>,
  on: LicenceChangeOn,
): Promise<LicenceRecord> {
  const status = nextLicenceStatus(licence.status, event);
  if (!status || status === 'expired') {
    throw new Error(`licence ${licence.status} cannot take the event ${event}`);
  }
  const next: LicenceRecord = {
    ...licence,
    ...change,
    status,
    statusSince: status === licence.status ? licence.statusSince : on.today,
  };
  await updateLicence(tx, next, on.now);
  await recordChange(tx, event, licence, next, on);
  return next;
}

/** The classes still in their 12 months of probation on a day (R162 §76). */
export function probationClasses(l: LicenceRecord, today: string) {
  if (!l.probationUntil || l.probationUntil < today) return [];
  return l.classes.filter((c) => {
    const since = l.classSince[c];
    return since !== undefined && addCalendarDays(addMonths(since, 12), -1) >= today;
  });
}

/**
 * A full score (R163 §17): the licence is detained until the exam is passed; a full score in
 * probation cancels the probationary classes (R162 §80), and the licence with them when no
 * class is left. A cancelled class leaves `classes` (the classes the licence permits) either way:
 * a licence whose only class was cancelled permits none.
 */
export async function detainForFullScore(
  tx: Tx,
  licence: LicenceRecord,
  on: LicenceChangeOn,
): Promise<{ licence: LicenceRecord; cancelledClasses: string[] }> {
  const cancelled = probationClasses(licence, on.today);
  const classes = licence.classes.filter((c) => !cancelled.includes(c));
  const change = cancelled.length
    ? {
        classes,
        classSince: Object.fromEntries(classes.map((c) => [c, licence.classSince[c] ?? ''])),
        probationUntil: null,
      }
    : {};
  const event = classes.length ? 'reach-full-score' : 'cancel';
  return {
    licence: await applyLicenceEvent(tx, licence, event, change, on),
    cancelledClasses: cancelled,
  };
}

/** The cycles a licence has been reviewed for (审验, R162 §72), by their first day. */
export async function reviewedCyclesOf(db: DbOrTx, licence: LicenceRecord) {
  return await reviewedCycles(db, licence.cityCode, licence.idNumber);
}

/** R162 §76: the 12 months after a class is first obtained are its probation. */
export const probationEnd = (obtainedOn: string) => addCalendarDays(addMonths(obtainedOn, 12), -1);

/** A first licence (初次申领) of a class issued today: 6 years (R162 §13), in probation (§76). */
function firstLicence(
  i: { idNumber: string; name: string; class: LicenceClass; cityCode: string; countyCode: string },
  today: string,
): LicenceRecord {
  return {
    cityCode: i.cityCode,
    countyCode: i.countyCode,
    idNumber: i.idNumber,
    name: i.name,
    licenceNo: i.idNumber,
    classes: [i.class],
    classSince: { [i.class]: today },
    status: 'valid',
    statusSince: today,
    revocationCause: null,
    firstIssuedOn: today,
    validityTerm: '6y',
    validUntil: addYears(today, 6),
    probationUntil: probationEnd(today),
  };
}

/**
 * Issues a class after the exams (R162 §60): a first licence of 6 years (§13) with its
 * probation, or the class added to the licence held, whose validity stays as it was. A licence
 * cancelled (注销, stored or read so after a year overdue) or revoked (吊销) is held no more: the first licence
 * takes its row, kept in its city, with a new first-issue day, so the points cycles and full
 * scores of the cancelled one are not the new one's (violations/licence-full-scores.ts).
 */
export async function issueClass(
  tx: Tx,
  i: { idNumber: string; name: string; class: LicenceClass; cityCode: string; countyCode: string },
  on: LicenceChangeOn,
): Promise<LicenceRecord> {
  const held = await lockedLicenceOf(tx, i.idNumber);
  const heldStatus = held && effectiveLicenceStatus(held.status, held.validUntil, on.today);
  if (held && (heldStatus === 'cancelled' || heldStatus === 'revoked')) {
    const { cityCode, idNumber: _id, status: _status, ...fresh } = firstLicence(i, on.today);
    // The directory keeps the licence in its city; a county of another city would not be its.
    if (cityCode !== held.cityCode) fresh.countyCode = held.countyCode;
    return await applyLicenceEvent(tx, { ...held, status: heldStatus }, 'issue-anew', fresh, on);
  }
  if (held) {
    return await applyLicenceEvent(
      tx,
      held,
      'add-class',
      {
        classes: LICENCE_CLASSES.filter((c) => c === i.class || held.classes.includes(c)),
        classSince: { ...held.classSince, [i.class]: on.today },
        probationUntil: probationEnd(on.today),
      },
      on,
    );
  }
  const licence = firstLicence(i, on.today);
  const inserted = await insertLicences(tx, [licence]);
  if (!inserted.has(i.idNumber)) throw new Error('a licence appeared for the candidate meanwhile');
  await recordChange(tx, 'issue', null, licence, on);
  return licence;
}

/**
 * 恢复驾驶资格 (R162 §79 第三款): subject 1 passed, on an application made within two years of the
 * cancellation for being over a year overdue, returns the licence with its classes and first-issue
 * day, renewed that day as a renewal would be (换证, §62): the next term (6 → 10 years → long-term)
 * when the term that ran out had no full score, else the same, counted from the day (the old
 * validity is long past).
 */
export async function restoreLicence(
  tx: Tx,
  idNumber: string,
  points: Pick<DriverPoints, 'fullScoresBetween'>,
  on: LicenceChangeOn,
): Promise<LicenceRecord> {
  const held = await lockedLicenceOf(tx, idNumber);
  if (!held?.validUntil || held.validityTerm === 'long-term') {
    throw new Error(`no lapsed licence to restore for ${idNumber}`);
  }
  const termStart = addYears(held.validUntil, -TERM_YEARS[held.validityTerm]);
  const fullScores = await points.fullScoresBetween(tx, held, termStart, held.validUntil);
  const term = nextValidityTerm(held.validityTerm, fullScores > 0);
  const validUntil = term === 'long-term' ? null : addYears(on.today, TERM_YEARS[term]);
  return await applyLicenceEvent(
    tx,
    { ...held, status: 'cancelled' },
    'restore',
    { validityTerm: term, validUntil },
    on,
  );
}

/** A person's latest exam results in a city (the driver file). */
export async function examResultsOf(db: DbOrTx, cityCode: string, idNumber: string) {
  return (await resultsOf(db, cityCode, idNumber)).map((r) => ({
    id: r.id,
    subject: r.subject,
    class: r.class,
    score: Number(r.score),
    passed: r.passed,
    absent: r.absent,
    faceMatch: r.face_match,
    examSiteCode: r.exam_site_code,
    startedAt: r.started_at,
    counted: r.counted,
  }));
}

/** Registry rows migrated or seeded as they are (the demo), in the caller's transaction. */
export async function registerImportedLicences(tx: Tx, licences: LicenceRecord[]) {
  return await insertLicences(tx, licences);
}

/** Licence holders' names by identity number (anti-fraud reads surnames for household ties). */
export async function holderNames(
  db: DbOrTx,
  cityCode: string,
  idNumbers: readonly string[],
): Promise<Map<string, string>> {
  const rows = await holderNameRows(db, cityCode, idNumbers);
  return new Map(rows.map((r) => [r.id_number, r.name]));
}
