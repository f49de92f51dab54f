import { sql, type Insertable, type Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';
import type {
  FraudEventsTable,
  FraudFindingsTable,
  FraudPartiesTable,
  FraudVehiclesTable,
  FraudViolationHandlingsTable,
} from '../db/types.ts';

export type HandlingRow = Selectable<FraudViolationHandlingsTable>;
export type EventRow = Selectable<FraudEventsTable>;
export type FindingRow = Selectable<FraudFindingsTable>;

/** Inserts imported handlings; returns the violation ids that went in (a repeated id is skipped). */
export async function insertHandlings(
  tx: Tx,
  rows: Insertable<FraudViolationHandlingsTable>[],
): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const inserted = await tx
    .insertInto('fraud_violation_handlings')
    .values(rows)
    .onConflict((oc) => oc.columns(['city_code', 'violation_id']).doNothing())
    .returning('violation_id')
    .execute();
  return new Set(inserted.map((r) => r.violation_id));
}

/** Imported handlings of [since, until), a keyset page after (handledAt, violationId). */
export async function handlingsPage(
  db: DbOrTx,
  f: {
    cityCode: string;
    since: Date;
    until: Date;
    after?: { at: Date; id: string };
    limit: number;
  },
): Promise<HandlingRow[]> {
  let q = db
    .selectFrom('fraud_violation_handlings')
    .selectAll()
    .where('city_code', '=', f.cityCode)
    .where('handled_at', '>=', f.since)
    .where('handled_at', '<', f.until);
  if (f.after) {
    const a = f.after;
    q = q.where((eb) =>
      eb.or([
        eb('handled_at', '>', a.at),
        eb.and([eb('handled_at', '=', a.at), eb('violation_id', '>', a.id)]),
      ]),
    );
  }
  return await q.orderBy('handled_at').orderBy('violation_id').limit(f.limit).execute();
}

/** Adds events to the graph; an event already there (same source and id) is left as it is. */
/**
 * Rows per multi-row INSERT: PostgreSQL binds at most 65,535 parameters in one statement, and an
 * event has about twenty columns (a page of 5,000 answered 500 at county size).
 */
const INSERT_ROWS = 1000;
const chunks = <T>(rows: readonly T[]) =>
  Array.from({ length: Math.ceil(rows.length / INSERT_ROWS) }, (_, i) =>
    rows.slice(i * INSERT_ROWS, (i + 1) * INSERT_ROWS),
  );

export async function insertEvents(tx: Tx, rows: Insertable<FraudEventsTable>[]) {
  let inserted = 0;
  for (const chunk of chunks(rows)) {
    const ids = await tx
      .insertInto('fraud_events')
      .values(chunk)
      .onConflict((oc) => oc.columns(['city_code', 'source', 'source_id']).doNothing())
      .returning('source_id')
      .execute();
    inserted += ids.length;
  }
  return inserted;
}

/** Adds or refreshes party nodes (the registries' latest name and phone win). */
export async function upsertParties(tx: Tx, rows: Insertable<FraudPartiesTable>[]) {
  for (const chunk of chunks(rows)) await upsertPartyChunk(tx, chunk);
}

async function upsertPartyChunk(tx: Tx, rows: Insertable<FraudPartiesTable>[]) {
  await tx
    .insertInto('fraud_parties')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['city_code', 'id_number']).doUpdateSet((eb) => ({
        name: eb.fn.coalesce(eb.ref('excluded.name'), eb.ref('fraud_parties.name')),
        phone: eb.fn.coalesce(eb.ref('excluded.phone'), eb.ref('fraud_parties.phone')),
        has_licence: sql<boolean>`excluded.has_licence OR fraud_parties.has_licence`,
        refreshed_at: eb.ref('excluded.refreshed_at'),
      })),
    )
    .execute();
}

/** Adds or refreshes vehicle nodes. */
export async function upsertVehicles(tx: Tx, rows: Insertable<FraudVehiclesTable>[]) {
  for (const chunk of chunks(rows)) await upsertVehicleChunk(tx, chunk);
}

async function upsertVehicleChunk(tx: Tx, rows: Insertable<FraudVehiclesTable>[]) {
  await tx
    .insertInto('fraud_vehicles')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['city_code', 'plate']).doUpdateSet((eb) => ({
        owner_id_number: eb.ref('excluded.owner_id_number'),
        refreshed_at: eb.ref('excluded.refreshed_at'),
      })),
    )
    .execute();
}

/**
 * The columns of a window's events that the detectors of each kind read, with the page's order:
 * a handling carries no agency columns, and the city and kind are the page's own (at a city's
 * year, 1.39 M handlings a run, each column left out is 1.39 M values less to send and read).
 */
const WINDOW_COLUMNS = {
  points: [
    'source',
    'source_id',
    'at',
    'actor_id',
    'subject_id',
    'plate',
    'points',
    'phone',
    'device_id',
    'channel',
    'outlet_code',
    'staff_id',
    'county_code',
  ],
  agency: [
    'source',
    'source_id',
    'at',
    'actor_id',
    'subject_id',
    'phone',
    'subject_phone',
    'device_id',
    'channel',
    'outlet_code',
    'outlet_category',
    'staff_id',
    'county_code',
    'business_type',
    'status',
  ],
} as const satisfies Record<EventsPageOf['kind'], readonly (keyof EventRow)[]>;

/**
 * A window's event as a page answers it: a handling's row has the columns of
 * `WINDOW_COLUMNS.points` only.
 */
export type WindowEventRow = Pick<
  EventRow,
  (typeof WINDOW_COLUMNS)[keyof typeof WINDOW_COLUMNS][number]
>;

/** Graph events of one kind in [since, until), a keyset page after (at, source, sourceId). */
export async function eventsPage(db: DbOrTx, f: EventsPageOf): Promise<WindowEventRow[]> {
  return await eventsPageQuery(db, f).execute();
}

type EventsPageOf = {
  cityCode: string;
  kind: 'points' | 'agency';
  since: Date;
  until: Date;
  after?: { at: Date; source: EventRow['source']; key: string };
  limit: number;
};

/** `eventsPage`'s query, for its plan to be checked. */
export function eventsPageQuery(db: DbOrTx, f: EventsPageOf) {
  let q = db
    .selectFrom('fraud_events')
    .select(WINDOW_COLUMNS[f.kind])
    .where('city_code', '=', f.cityCode)
    .where('kind', '=', f.kind)
    .where('at', '>=', f.since)
    .where('at', '<', f.until);
  if (f.after) {
    // A kind has several sources (legacy and platform), and ids are unique within a source. A
    // row comparison, which `fraud_events_window` takes as its bound.
    const { at, source, key } = f.after;
    q = q.where((eb) =>
      eb(eb.refTuple('at', 'source', 'source_id'), '>', eb.tuple(at, source, key)),
    );
  }
  return q.orderBy('at').orderBy('source').orderBy('source_id').limit(f.limit);
}

/**
 * The source ids of the events of one source the graph holds at instants in [from, to]: a
 * page's, read as one range of `fraud_events_window` (its source and id are in the index), not
 * one look-up per id.
 */
export async function knownEvents(
  db: DbOrTx,
  f: {
    cityCode: string;
    source: FraudEventsTable['source'];
    kind: 'points' | 'agency';
    from: Date;
    to: Date;
  },
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('fraud_events')
    .select('source_id')
    .where('city_code', '=', f.cityCode)
    .where('kind', '=', f.kind)
    .where('at', '>=', f.from)
    .where('at', '<=', f.to)
    .where('source', '=', f.source)
    .execute();
  return new Set(rows.map((r) => r.source_id));
}

/**
 * How the party nodes lie on disk, for reading their names by look-ups or by a scan: the table's
 * blocks, and its rows as the planner last counted them (-1 before it first did).
 */
export async function partiesExtent(db: DbOrTx): Promise<{ blocks: number; rows: number }> {
  const r = await sql<{ blocks: string; rows: number }>`
    SELECT pg_relation_size('fraud_parties') / current_setting('block_size')::int AS blocks,
           reltuples AS rows
      FROM pg_class WHERE oid = 'fraud_parties'::regclass`.execute(db);
  return { blocks: Number(r.rows[0]!.blocks), rows: Number(r.rows[0]!.rows) };
}

/**
 * The named party nodes of a city stored in blocks [from, to) of the table: a bounded piece of a
 * sequential read (a TID range scan), for a window that needs most of the city's parties.
 */
export async function namedPartiesIn(
  db: DbOrTx,
  cityCode: string,
  blocks: { from: number; to: number },
) {
  const r = await sql<{ id_number: string; name: string; phone: string | null }>`
    SELECT id_number, name, phone FROM fraud_parties
     WHERE ctid >= ${`(${blocks.from},0)`}::tid AND ctid < ${`(${blocks.to},0)`}::tid
       AND city_code = ${cityCode} AND name IS NOT NULL`.execute(db);
  return r.rows;
}

/** Names and registered phones of some party nodes. */
export async function partyNames(db: DbOrTx, cityCode: string, ids: readonly string[]) {
  if (!ids.length) return [];
  return await db
    .selectFrom('fraud_parties')
    .select(['id_number', 'name', 'phone'])
    .where('city_code', '=', cityCode)
    .where('id_number', 'in', [...ids])
    .where('name', 'is not', null)
    .execute();
}

/**
 * Stores a finding, or refreshes the one with the same fingerprint (a ring found again keeps its
 * id and case); returns the stored finding's id and whether it is new.
 */
export async function upsertFinding(tx: Tx, row: Insertable<FraudFindingsTable>) {
  const r = await tx
    .insertInto('fraud_findings')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['city_code', 'kind', 'fingerprint']).doUpdateSet((eb) => ({
        score: eb.ref('excluded.score'),
        county_code: eb.ref('excluded.county_code'),
        people: eb.ref('excluded.people'),
        plates: eb.ref('excluded.plates'),
        staff: eb.ref('excluded.staff'),
        phones: eb.ref('excluded.phones'),
        devices: eb.ref('excluded.devices'),
        evidence: eb.ref('excluded.evidence'),
        links: eb.ref('excluded.links'),
        period_from: eb.ref('excluded.period_from'),
        period_to: eb.ref('excluded.period_to'),
        run_id: eb.ref('excluded.run_id'),
        updated_at: eb.ref('excluded.updated_at'),
        core: eb.ref('excluded.core'),
        // Found again as it was, it stands again (what superseded it is superseded in turn).
        superseded_by: null,
        superseded_at: null,
        withdrawn_at: null,
        withdrawn_by_run: null,
      })),
    )
    .returning(['id'])
    .executeTakeFirstOrThrow();
  return { id: r.id, isNew: r.id === row.id };
}

/**
 * Marks as superseded by `by` the standing findings of its kind that share a core member with it,
 * other than those of the same run (one run's findings are distinct rings); returns their ids.
 */
export async function supersedeFindings(
  tx: Tx,
  f: {
    cityCode: string;
    kind: FindingRow['kind'];
    by: string;
    runId: string;
    core: string[];
    at: Date;
  },
) {
  if (!f.core.length) return [];
  const rows = await tx
    .updateTable('fraud_findings')
    .set({ superseded_by: f.by, superseded_at: f.at })
    .where('city_code', '=', f.cityCode)
    .where('kind', '=', f.kind)
    .where('superseded_by', 'is', null)
    .where('id', '!=', f.by)
    .where('run_id', '!=', f.runId)
    .where(sql<boolean>`core && ${sql.val(f.core)}::text[]`)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Withdraws the standing findings of `kinds` of exactly the run's period that the run did not
 * store (`kept`): a later run over the same period no longer finds them. Returns their ids.
 */
export async function withdrawFindings(
  tx: Tx,
  f: {
    cityCode: string;
    kinds: FindingRow['kind'][];
    from: string;
    to: string;
    kept: string[];
    runId: string;
    at: Date;
  },
) {
  if (!f.kinds.length) return [];
  let q = tx
    .updateTable('fraud_findings')
    .set({ withdrawn_at: f.at, withdrawn_by_run: f.runId })
    .where('city_code', '=', f.cityCode)
    .where('period_from', '=', f.from)
    .where('period_to', '=', f.to)
    .where('kind', 'in', f.kinds)
    .where('superseded_by', 'is', null)
    .where('withdrawn_at', 'is', null)
    .where('run_id', '!=', f.runId);
  if (f.kept.length) q = q.where('id', 'not in', f.kept);
  const rows = await q.returning('id').execute();
  return rows.map((r) => r.id);
}

/**
 * Findings of a city (and county), highest score first, with the case each belongs to. A list
 * leaves out superseded and withdrawn findings; asked for by id, they are found. `after` is the keyset of a
 * list's next page: the rows after the last one in the order score descending, then id.
 */
export async function findingRows(
  db: DbOrTx,
  f: {
    cityCode: string;
    countyCode?: string;
    kind?: string;
    ids?: string[];
    after?: { score: number; id: string };
    limit: number;
  },
) {
  let q = db
    .selectFrom('fraud_findings as f')
    .leftJoin('fraud_case_findings as cf', (j) =>
      j.onRef('cf.city_code', '=', 'f.city_code').onRef('cf.finding_id', '=', 'f.id'),
    )
    .selectAll('f')
    .select('cf.case_id')
    .where('f.city_code', '=', f.cityCode);
  if (f.countyCode) q = q.where('f.county_code', '=', f.countyCode);
  if (f.kind) q = q.where('f.kind', '=', f.kind as FindingRow['kind']);
  if (f.ids) {
    if (!f.ids.length) return [];
    q = q.where('f.id', 'in', f.ids);
  } else {
    q = q.where('f.superseded_by', 'is', null).where('f.withdrawn_at', 'is', null);
  }
  if (f.after) {
    // The order mixes directions, so no row comparison: `score < s OR (score = s AND id > i)`.
    // The redundant `score <= s` is what lets the index (fraud_findings_list and its kind and
    // county variants) start the scan at the cursor instead of filtering every earlier row.
    const { score, id } = f.after;
    q = q
      .where('f.score', '<=', score)
      .where(sql<boolean>`(f.score < ${score} OR (f.score = ${score} AND f.id > ${id}::uuid))`);
  }
  return await q.orderBy('f.score', 'desc').orderBy('f.id').limit(f.limit).execute();
}
