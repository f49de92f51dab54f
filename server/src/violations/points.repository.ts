import { compiledQuery, mapRead, writtenBehind } from '../db/compiled-query.ts';
import type { DbOrTx, Tx } from '../db/database.ts';
import { fineSettledOnRecording, type LedgerEntry } from './cycle.ts';

/** The points ledger and the full-score records of licences (R163): the cycle's raw facts. */

// Every licence read runs it (the points cycle): built and compiled once. It reads the index
// point_entries_driver alone (migration 20261219100000): each entry carries its fine's
// settlement day, so no violation is looked up.
const ledger = compiledQuery((db, v: { cityCode: string; idNumber: string }) =>
  db
    .selectFrom('point_entries')
    .select(['kind', 'points', 'recorded_on', 'fine_settled_on'])
    .where('city_code', '=', v.cityCode)
    .where('id_number', '=', v.idNumber)
    .orderBy('recorded_on')
    .orderBy('id'),
);

/** A licence's ledger, with the day each violation's fine was settled (for carry-over). */
export async function ledgerOf(db: DbOrTx, cityCode: string, idNumber: string) {
  return toLedger(await ledger(db, { cityCode, idNumber }));
}

/** `ledgerOf`'s read, to be sent with other reads (`readTogether`). */
export const ledgerRead = (cityCode: string, idNumber: string) =>
  mapRead(ledger.read({ cityCode, idNumber }), toLedger);

type LedgerRow = Awaited<ReturnType<typeof ledger>>[number];

const toLedger = (rows: LedgerRow[]) =>
  rows.map((r): LedgerEntry => ({
    kind: r.kind,
    points: r.points,
    on: r.recorded_on,
    paidOn: r.fine_settled_on,
  }));

export async function insertPointEntry(
  tx: Tx,
  e: {
    cityCode: string;
    idNumber: string;
    kind: LedgerEntry['kind'];
    points: number;
    recordedOn: string;
    /** The violation of a violation entry, with its fine. */
    violation?: { cityCode: string; id: string; fine: number };
    applicationId?: string;
    method?: 'online' | 'onsite' | 'public-welfare';
  },
) {
  await insertPointEntryQuery(tx, {
    cityCode: e.cityCode,
    idNumber: e.idNumber,
    kind: e.kind,
    points: e.points,
    recordedOn: e.recordedOn,
    violationCityCode: e.violation?.cityCode ?? null,
    violationId: e.violation?.id ?? null,
    fineSettledOn: e.violation ? fineSettledOnRecording(e.violation.fine, e.recordedOn) : null,
    applicationId: e.applicationId ?? null,
    method: e.method ?? null,
  });
}

// Every violation handling writes one: compiled once.
const insertPointEntryQuery = writtenBehind(
  (
    db,
    v: {
      cityCode: string;
      idNumber: string;
      kind: LedgerEntry['kind'];
      points: number;
      recordedOn: string;
      violationCityCode: string | null;
      violationId: string | null;
      fineSettledOn: string | null;
      applicationId: string | null;
      method: 'online' | 'onsite' | 'public-welfare' | null;
    },
  ) =>
    db.insertInto('point_entries').values({
      city_code: v.cityCode,
      id_number: v.idNumber,
      kind: v.kind,
      points: v.points,
      recorded_on: v.recordedOn,
      violation_city_code: v.violationCityCode,
      violation_id: v.violationId,
      fine_settled_on: v.fineSettledOn,
      application_id: v.applicationId,
      method: v.method,
    }),
);

/** A violation's fine paid on a day: its entry in the driver's ledger is settled that day. */
export async function settlePointEntry(
  tx: Tx,
  e: {
    cityCode: string;
    idNumber: string;
    violation: { cityCode: string; id: string };
    on: string;
  },
) {
  await tx
    .updateTable('point_entries')
    .set({ fine_settled_on: e.on })
    .where('city_code', '=', e.cityCode)
    .where('id_number', '=', e.idNumber)
    .where('violation_city_code', '=', e.violation.cityCode)
    .where('violation_id', '=', e.violation.id)
    .execute();
}

export interface FullScoreRecord {
  id: string;
  cycleStart: string;
  reachedOn: string;
  ordinal: number;
  points: number;
  studyDays: number;
  subjects: number[];
  status: 'studying' | 'released';
  examsPassedOn: string | null;
  releasedOn: string | null;
}

/** A driver's full scores, oldest first. */
export async function fullScoresOf(db: DbOrTx, cityCode: string, idNumber: string) {
  const rows = await db
    .selectFrom('full_score_records')
    .selectAll()
    .where('city_code', '=', cityCode)
    .where('id_number', '=', idNumber)
    .orderBy('reached_on')
    .orderBy('id')
    .execute();
  return rows.map((r): FullScoreRecord => ({
    id: r.id,
    cycleStart: r.cycle_start,
    reachedOn: r.reached_on,
    ordinal: r.ordinal,
    points: r.points,
    studyDays: r.study_days,
    subjects: r.subjects,
    status: r.status,
    examsPassedOn: r.exams_passed_on,
    releasedOn: r.released_on,
  }));
}

export async function insertFullScore(
  tx: Tx,
  r: {
    cityCode: string;
    idNumber: string;
    cycleStart: string;
    reachedOn: string;
    ordinal: number;
    points: number;
    studyDays: number;
    onsiteDays: number;
    onsiteOnlineDays: number;
    subjects: number[];
    /** The handling that reached it; none for a licence imported at full score. */
    applicationId: string | null;
  },
) {
  await tx
    .insertInto('full_score_records')
    .values({
      city_code: r.cityCode,
      id_number: r.idNumber,
      cycle_start: r.cycleStart,
      reached_on: r.reachedOn,
      ordinal: r.ordinal,
      points: r.points,
      study_days: r.studyDays,
      onsite_days: r.onsiteDays,
      onsite_online_days: r.onsiteOnlineDays,
      subjects: r.subjects,
      status: 'studying',
      application_id: r.applicationId,
    })
    .execute();
}

/** A full score still being studied takes further points of the same vehicle (R163 §14, §18). */
export async function updateFullScore(
  tx: Tx,
  r: { cityCode: string; id: string; points: number; studyDays: number; subjects: number[] },
) {
  await tx
    .updateTable('full_score_records')
    .set({ points: r.points, study_days: r.studyDays, subjects: r.subjects })
    .where('city_code', '=', r.cityCode)
    .where('id', '=', r.id)
    .execute();
}

/** The exams a full score owes were passed on a day (R163 §§21–22). */
export async function markFullScoreExamsPassed(tx: Tx, cityCode: string, id: string, on: string) {
  await tx
    .updateTable('full_score_records')
    .set({ exams_passed_on: on })
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .execute();
}

/** A full score ends: exams passed and fines paid (R163 §23). */
export async function releaseFullScoreRecord(tx: Tx, cityCode: string, id: string, on: string) {
  await tx
    .updateTable('full_score_records')
    .set({ status: 'released', released_on: on })
    .where('city_code', '=', cityCode)
    .where('id', '=', id)
    .execute();
}
