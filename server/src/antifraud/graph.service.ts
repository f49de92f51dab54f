import type { Insertable } from 'kysely';
import type { DbOrTx } from '../db/database.ts';
import type { FraudEventsTable, FraudPartiesTable } from '../db/types.ts';
import { holderNames } from '../licences/licences.service.ts';
import { outletDirectory } from '../network/network.service.ts';
import { phaseTimer, type PhaseObserver } from '../platform/phases.ts';
import {
  legacyAgency,
  legacyUndeclared,
  type LegacyAgency,
} from '../supervision/history.service.ts';
import { ownersOfPlates } from '../vehicles/vehicles.service.ts';
import {
  eventsPage,
  handlingsPage,
  insertEvents,
  knownEvents,
  namedPartiesIn,
  partiesExtent,
  partyNames,
  upsertParties,
  upsertVehicles,
  type EventRow,
  type WindowEventRow,
} from './antifraud.repository.ts';
import { isOrganisation, type AgencyEvent, type PointsEvent } from './graph.ts';

/** Rows read or written per query: every source is read in bounded pages. */
export const PAGE = 5000;

export type Window = { cityCode: string; since: Date; until: Date };
type Party = { id: string; name: string | null; phone: string | null };

/** Party nodes of some ids, with the licence registry's names (and the caller's, if it has any). */
export async function partyNodes(db: DbOrTx, cityCode: string, parties: Party[], at: Date) {
  const ids = [...new Set(parties.map((p) => p.id))];
  const licensed = await holderNames(db, cityCode, ids);
  const byId = new Map<string, Insertable<FraudPartiesTable>>();
  for (const p of parties) {
    const seen = byId.get(p.id);
    byId.set(p.id, {
      city_code: cityCode,
      id_number: p.id,
      kind: isOrganisation(p.id) ? 'organisation' : 'person',
      name: licensed.get(p.id) ?? p.name ?? seen?.name ?? null,
      phone: p.phone ?? seen?.phone ?? null,
      has_licence: licensed.has(p.id),
      refreshed_at: at,
    });
  }
  return [...byId.values()];
}

/**
 * Refreshes the evidence graph with the legacy sources of a period (DESIGN.md: runs are
 * repeatable): every imported violation handling and every legacy application done by an agent,
 * page by page, each page in one transaction. An event already in the graph is kept as it is
 * (`fresh`), so refreshing a period again adds nothing. The platform's own business comes in
 * through `platform-events.service.ts`.
 */
export async function refreshGraph(db: DbOrTx, w: Window, at: Date) {
  const outlets = await outletDirectory(db, w.cityCode);
  const handlings = await refreshHandlingEvents(
    db,
    w,
    at,
    outlets,
    'legacy-handling',
    async (after) =>
      (await handlingsPage(db, { ...w, after, limit: PAGE })).map((h) => ({
        violationId: h.violation_id,
        at: h.handled_at,
        driver: h.driver_id_number,
        owner: h.owner_id_number,
        plate: h.plate,
        points: h.points,
        countyCode: h.county_code,
        outletCode: h.outlet_code,
        staffId: h.staff_id,
        channel: h.channel,
        phone: h.phone,
        deviceId: h.device_id,
      })),
  );
  const agency = await refreshAgencyEvents(db, w, at, outlets, 'legacy-application', (after) =>
    legacyAgency(db, { ...w, after, limit: PAGE }),
  );
  return {
    handlings: handlings.read,
    applications: agency.read,
    added: handlings.added + agency.added,
  };
}

type Outlets = Awaited<ReturnType<typeof outletDirectory>>;

/** A violation handling from either source, as the graph takes it in. */
export interface HandlingRow {
  violationId: string;
  at: Date;
  /** Who took the points. */
  driver: string;
  /** Whose points they were; when the source does not say, the registry's owner of the plate. */
  owner: string | null;
  plate: string;
  points: number;
  countyCode: string;
  outletCode: string | null;
  staffId: string | null;
  channel: string;
  phone: string | null;
  deviceId: string | null;
}

/**
 * Points events of one source (imported handlings, the platform's own), page by page after the
 * last one's key: the parties and vehicles, then the events, each page in one transaction.
 */
export async function refreshHandlingEvents(
  db: DbOrTx,
  w: Window,
  at: Date,
  outlets: Outlets,
  source: 'legacy-handling' | 'platform-handling',
  readPage: (after: { at: Date; id: string } | undefined) => Promise<HandlingRow[]>,
) {
  return await refreshSource(db, w.cityCode, source, {
    kind: 'points',
    readPage,
    keyOf: (h) => ({ at: h.at, id: h.violationId }),
    atOf: (h) => h.at,
    idOf: (h) => h.violationId,
    take: async (todo) => {
      const registry = await ownersOfPlates(db, w.cityCode, [...new Set(todo.map((h) => h.plate))]);
      const byOwner = new Map(registry.map((o) => [o.ownerIdNumber, o]));
      const byPlate = new Map(registry.map((o) => [o.plate, o.ownerIdNumber]));
      const owned = todo.flatMap((h) => {
        const owner = h.owner ?? byPlate.get(h.plate);
        return owner ? [{ ...h, owner }] : [];
      });
      const parties = await partyNodes(
        db,
        w.cityCode,
        owned.flatMap((h) => [
          { id: h.driver, name: null, phone: null },
          {
            id: h.owner,
            name: byOwner.get(h.owner)?.ownerName ?? null,
            phone: byOwner.get(h.owner)?.ownerPhone ?? null,
          },
        ]),
        at,
      );
      return await db.transaction().execute(async (tx) => {
        await upsertParties(tx, parties);
        await upsertVehicles(
          tx,
          [...new Map(owned.map((h) => [h.plate, h.owner]))].map(([plate, owner]) => ({
            city_code: w.cityCode,
            plate,
            owner_id_number: owner,
            refreshed_at: at,
          })),
        );
        return await insertEvents(
          tx,
          owned.map((h): Insertable<FraudEventsTable> => ({
            city_code: w.cityCode,
            source,
            source_id: h.violationId,
            kind: 'points',
            at: h.at,
            county_code: h.countyCode,
            outlet_code: h.outletCode,
            outlet_category: h.outletCode ? (outlets.get(h.outletCode)?.category ?? null) : null,
            staff_id: h.staffId,
            channel: h.channel,
            actor_id: h.driver,
            subject_id: h.owner,
            plate: h.plate,
            points: h.points,
            phone: h.phone,
            subject_phone: null,
            device_id: h.deviceId,
            business_type: 'violation.handle',
            status: 'completed',
          })),
        );
      });
    },
  });
}

/**
 * Reads a source page by page after the last row's key, handing `take` the rows of each page
 * whose events the graph does not hold yet; returns the rows read and the events added.
 */
async function refreshSource<T, K>(
  db: DbOrTx,
  cityCode: string,
  source: Insertable<FraudEventsTable>['source'],
  s: {
    kind: 'points' | 'agency';
    readPage: (after: K | undefined) => Promise<T[]>;
    keyOf: (row: T) => K;
    /** The row's instant, the first part of its key: a page's rows come in its order. */
    atOf: (row: T) => Date;
    idOf: (row: T) => string;
    take: (rows: T[]) => Promise<number>;
  },
) {
  let added = 0;
  let read = 0;
  let after: K | undefined;
  for (;;) {
    const page = await s.readPage(after);
    read += page.length;
    const todo = await fresh(db, cityCode, source, page, s);
    if (todo.length) added += await s.take(todo);
    const last = page.at(-1);
    if (page.length < PAGE || !last) return { read, added };
    after = s.keyOf(last);
  }
}

/**
 * The rows of a page whose events the graph does not hold yet. A period read again (a monthly run
 * over days the daily runs took in) then costs the read and one look-up a page, not the parties'
 * registry look-ups and upserts again: at city size those were most of a run. An event kept is
 * kept with its parties as they were when it came in.
 */
async function fresh<T>(
  db: DbOrTx,
  cityCode: string,
  source: Insertable<FraudEventsTable>['source'],
  page: T[],
  s: { kind: 'points' | 'agency'; atOf: (row: T) => Date; idOf: (row: T) => string },
): Promise<T[]> {
  const [first, last] = [page[0], page.at(-1)];
  if (!first || !last) return page;
  // The events of the page's span of time, all of them the page's or its neighbours'. An event
  // whose instant moved since it came in is not among them: taken again, it is inserted as
  // nothing (its key is taken), at the cost of its parties' look-ups.
  const known = await knownEvents(db, {
    cityCode,
    source,
    kind: s.kind,
    from: s.atOf(first),
    to: s.atOf(last),
  });
  return known.size ? page.filter((r) => !known.has(s.idOf(r))) : page;
}

/** An application made by an agent, from either source, as the graph takes it in. */
export type AgencyRow = Omit<LegacyAgency, 'staffId'> & { staffId: string | null };

/**
 * Agency events of one source (the legacy history, the platform's own applications), page by
 * page after the last one's key: the parties, then the events, each page in one transaction.
 */
export async function refreshAgencyEvents(
  db: DbOrTx,
  w: Window,
  at: Date,
  outlets: Outlets,
  source: 'legacy-application' | 'platform-application',
  readPage: (after: { submittedAt: Date; id: string } | undefined) => Promise<AgencyRow[]>,
) {
  return await refreshSource(db, w.cityCode, source, {
    kind: 'agency',
    readPage,
    keyOf: (a) => ({ submittedAt: a.submittedAt, id: a.id }),
    atOf: (a) => a.submittedAt,
    idOf: (a) => a.id,
    take: async (todo) => {
      const parties = await partyNodes(
        db,
        w.cityCode,
        todo.flatMap((a) => [
          { id: a.agent.idNumber, name: a.agent.name, phone: null },
          { id: a.applicant.idNumber, name: a.applicant.name, phone: null },
        ]),
        at,
      );
      return await db.transaction().execute(async (tx) => {
        await upsertParties(tx, parties);
        return await insertEvents(
          tx,
          todo.map((a) => ({
            city_code: w.cityCode,
            source,
            source_id: a.id,
            kind: 'agency' as const,
            at: a.submittedAt,
            county_code: a.countyCode,
            outlet_code: a.outletCode,
            outlet_category: outlets.get(a.outletCode)?.category ?? null,
            staff_id: a.staffId,
            channel: a.channel,
            actor_id: a.agent.idNumber,
            subject_id: a.applicant.idNumber,
            plate: a.plate,
            points: null,
            phone: a.agent.phone,
            subject_phone: a.applicant.phone,
            device_id: a.deviceId,
            business_type: a.businessType,
            status: a.status,
          })),
        );
      });
    },
  });
}

/** Every event of a kind in the window, each page's rows made into the detectors' shape as read. */
async function allEvents<T>(
  db: DbOrTx,
  w: Window,
  kind: 'points' | 'agency',
  shape: (r: WindowEventRow) => T,
) {
  const events: T[] = [];
  let after: { at: Date; source: EventRow['source']; key: string } | undefined;
  for (;;) {
    const page = await eventsPage(db, { ...w, kind, after, limit: PAGE });
    for (const r of page) events.push(shape(r));
    const last = page.at(-1);
    if (page.length < PAGE || !last) return events;
    after = { at: last.at, source: last.source, key: last.source_id };
  }
}

/** A window's events as the detectors take them: handlings and agency, each in page order. */
export interface WindowEvents {
  points: PointsEvent[];
  agency: AgencyEvent[];
}

/** The events of a window (or of a part of one), each read reported to `observe` under `part`. */
export async function windowEvents(
  db: DbOrTx,
  w: Window,
  part: string,
  observe?: PhaseObserver,
): Promise<WindowEvents> {
  const phase = phaseTimer(observe);
  const points = await phase(`anti-fraud: handlings ${part}`, () =>
    allEvents(db, w, 'points', (r): PointsEvent => ({
      id: r.source_id,
      at: r.at,
      driver: r.actor_id,
      owner: r.subject_id,
      plate: r.plate ?? '',
      points: r.points ?? 0,
      phone: r.phone,
      device: r.device_id,
      channel: r.channel,
      outletCode: r.outlet_code,
      staffId: r.staff_id,
      countyCode: r.county_code,
    })),
  );
  const agency = await phase(`anti-fraud: agency ${part}`, () =>
    allEvents(db, w, 'agency', (r): AgencyEvent => ({
      id: r.source_id,
      at: r.at,
      agent: r.actor_id,
      applicant: r.subject_id,
      agentPhone: r.phone,
      applicantPhone: r.subject_phone,
      device: r.device_id,
      channel: r.channel,
      outletCode: r.outlet_code,
      outletCategory: r.outlet_category,
      staffId: r.staff_id,
      countyCode: r.county_code,
      businessType: r.business_type ?? '',
      status: r.status,
    })),
  );
  return { points, agency };
}

/** The graph as the detectors take it: the window's events and their parties' names. */
export async function withNames(
  db: DbOrTx,
  cityCode: string,
  events: WindowEvents,
  observe?: PhaseObserver,
) {
  const parties = new Set<string>();
  for (const e of events.points) parties.add(e.driver).add(e.owner);
  for (const e of events.agency) parties.add(e.agent).add(e.applicant);
  const { names, phones } = await phaseTimer(observe)('anti-fraud: the parties’ names', () =>
    partyNamesOf(db, cityCode, [...parties]),
  );
  return { ...events, names, phones };
}

/**
 * The names and registered phones of a window's parties. A window that names a few of the
 * parties looks them up by key, a page at a time. One that names at least a `scanShare`-th of all
 * party nodes (a city's year: 796,026 of 868,807, where the look-ups took 9–12 s) reads the table
 * through instead, `scanBlocks` blocks (about a page of rows) a statement, keeping what it asked
 * for; what that read missed (a node an update moved meanwhile, or one without a name) is looked
 * up after it.
 */
export async function partyNamesOf(
  db: DbOrTx,
  cityCode: string,
  ids: readonly string[],
  { scanShare = 4, scanBlocks = 128 } = {},
) {
  const names = new Map<string, string>();
  const phones = new Map<string, string>();
  const take = (r: { id_number: string; name: string | null; phone: string | null }) => {
    names.set(r.id_number, r.name!);
    if (r.phone) phones.set(r.id_number, r.phone);
  };
  let missing = ids;
  const extent = await partiesExtent(db);
  // Before the planner first counts the table its rows are unknown (-1): look-ups, as for few.
  if (ids.length && extent.rows > 0 && ids.length * scanShare >= extent.rows) {
    const wanted = new Set(ids);
    for (let from = 0; from < extent.blocks; from += scanBlocks) {
      for (const r of await namedPartiesIn(db, cityCode, { from, to: from + scanBlocks })) {
        if (wanted.has(r.id_number)) take(r);
      }
    }
    missing = ids.filter((id) => !names.has(id));
  }
  for (let i = 0; i < missing.length; i += PAGE) {
    for (const r of await partyNames(db, cityCode, missing.slice(i, i + PAGE))) take(r);
  }
  return { names, phones };
}

/**
 * The window's legacy business without an agent by a contact (applicant phone, own online device)
 * at least `minApplicants` applicants gave, as agency with no agent yet (`undeclared.ts` names the
 * contact as one), with the applicants' names as the history gives them. Read past the graph: it
 * mirrors agency only, and the business without an agent is most of the history.
 */
export async function undeclaredEvents(db: DbOrTx, w: Window, minApplicants: number) {
  const outlets = await outletDirectory(db, w.cityCode);
  const rows = await legacyUndeclared(db, { ...w, minApplicants });
  const names = new Map(rows.map((r) => [r.applicant.idNumber, r.applicant.name]));
  const events = rows.map((r): AgencyEvent => ({
    id: r.id,
    at: r.submittedAt,
    agent: '',
    applicant: r.applicant.idNumber,
    agentPhone: null,
    applicantPhone: r.applicant.phone,
    device: r.deviceId,
    channel: r.channel,
    outletCode: r.outletCode,
    outletCategory: outlets.get(r.outletCode)?.category ?? null,
    staffId: r.staffId,
    countyCode: r.countyCode,
    businessType: r.businessType,
    status: r.status,
  }));
  return { events, names };
}
