import crypto from 'node:crypto';
import { audit } from '../audit/audit.service.ts';
import { policyIn } from '../catalog/catalog.service.ts';
import type { PolicyKey } from '../catalog/policy-keys.ts';
import type { Tx } from '../db/database.ts';
import type { Actor } from '../platform/actor.ts';
import { phaseTimer, type PhaseObserver } from '../platform/phases.ts';
import type { AppContext } from '../platform/context.ts';
import { addDays } from '../platform/time.ts';
import { detectIllegalAgents } from './agents.ts';
import { supersedeFindings, upsertFinding, withdrawFindings } from './antifraud.repository.ts';
import {
  agencyAsStaffEvent,
  detectCollusion,
  type BrokerGroup,
  type StaffEvent,
} from './collusion.ts';
import { refreshGraph, undeclaredEvents, windowEvents, withNames } from './graph.service.ts';
import {
  groupBy,
  isContactIdentity,
  isOnline,
  type AgencyEvent,
  type FindingDraft,
  type Names,
  type PointsEvent,
} from './graph.ts';
import { refreshPlatform } from './platform-events.service.ts';
import { detectPointTrading } from './point-trading.ts';
import { undeclaredAgency } from './undeclared.ts';
import { newId } from '../platform/ids.ts';
import { legacyWalkIns } from '../supervision/history.service.ts';

const startOf = (day: string) => new Date(`${day}T00:00:00+08:00`);

/** FRAUDAR's constant c in 1 / ln(degree + c), as in the paper (a method constant, not policy). */
const FRAUDAR_C = 5;

export const DETECTOR_KEYS = [
  'antifraud.window-days',
  'antifraud.point-trading.min-score',
  'antifraud.point-trading.min-drivers',
  'antifraud.point-trading.min-owners',
  'antifraud.household.max-people',
  'antifraud.illegal-agent.min-applicants',
  'antifraud.illegal-agent.min-score',
  'antifraud.collusion.min-business',
  'antifraud.collusion.max-fdr',
  'violation.substitute.max-plates',
  'violation.substitute.max-drivers',
] as const satisfies readonly PolicyKey[];
type Values = Record<(typeof DETECTOR_KEYS)[number], number | null>;

/**
 * A contact tying agents or drivers together that this many identities share is a hub (a call
 * centre, an outlet's line), not one broker: it links no identities in entity resolution.
 */
const HUB_IDENTITIES = 20;

/**
 * Every detector over the graph, each skipped when a policy value it needs is not configured.
 * `walkIns` gives the business applicants brought in person at some outlets (the graph holds
 * agency and handlings only): the outlets' usual split of work among their clerks. `undeclared`
 * gives the business without an agent by contacts at least so many applicants gave.
 */
export async function detectAll(
  graph: Awaited<ReturnType<typeof withNames>>,
  v: Values,
  walkIns: (outletCodes: string[]) => Promise<StaffEvent[]> = async () => [],
  undeclared: (
    minApplicants: number,
  ) => Promise<{ events: AgencyEvent[]; names: Names }> = async () => ({
    events: [],
    names: new Map(),
  }),
) {
  const found: FindingDraft[] = [];
  const skipped: string[] = [];
  /** The kinds whose detector ran (its policy values configured). */
  const ran: FindingDraft['kind'][] = [];
  const need = (...keys: (keyof Values)[]) => {
    const missing = keys.filter((k) => v[k] === null);
    skipped.push(...missing);
    return missing.length ? null : (v as Record<keyof Values, number>);
  };
  const pt = need(
    'antifraud.point-trading.min-score',
    'antifraud.point-trading.min-drivers',
    'antifraud.point-trading.min-owners',
    'antifraud.household.max-people',
    'violation.substitute.max-plates',
    'violation.substitute.max-drivers',
  );
  const rings = pt
    ? detectPointTrading(
        graph.points,
        graph.names,
        {
          c: FRAUDAR_C,
          minScore: pt['antifraud.point-trading.min-score'],
          minDrivers: pt['antifraud.point-trading.min-drivers'],
          minOwners: pt['antifraud.point-trading.min-owners'],
          householdMaxPeople: pt['antifraud.household.max-people'],
          capPlates: pt['violation.substitute.max-plates'],
          capDrivers: pt['violation.substitute.max-drivers'],
          hubPeople: HUB_IDENTITIES,
        },
        graph.phones,
      )
    : [];
  found.push(...rings);
  if (pt) ran.push('point-trading');
  const ag = need('antifraud.illegal-agent.min-applicants', 'antifraud.illegal-agent.min-score');
  const hh = ag && need('antifraud.household.max-people');
  // Agency by agents who never declare themselves, found by the contacts they give (they join a
  // declared agent's entity when they share one); the registries' names before the history's.
  const loaded = hh
    ? await undeclared(hh['antifraud.illegal-agent.min-applicants'])
    : { events: [], names: new Map<string, string>() };
  const names = new Map([...loaded.names, ...graph.names]);
  const byContact = hh
    ? undeclaredAgency(loaded.events, names, {
        minApplicants: hh['antifraud.illegal-agent.min-applicants'],
        householdMaxPeople: hh['antifraud.household.max-people'],
      })
    : [];
  const agents = detectIllegalAgents(graph.agency.concat(byContact), names, {
    minApplicants: ag?.['antifraud.illegal-agent.min-applicants'] ?? Infinity,
    minScore: ag?.['antifraud.illegal-agent.min-score'] ?? Infinity,
    hubIdentities: HUB_IDENTITIES,
  });
  if (ag) {
    found.push(...agents.findings);
    ran.push('illegal-agent');
  }
  const co = need('antifraud.collusion.min-business', 'antifraud.collusion.max-fdr');
  if (co) {
    ran.push('insider-collusion');
    // Each event becomes one StaffEvent object, made when first needed: the detector tells a
    // broker's own business from the outlets' other business by identity.
    const staffEvents = new Map<AgencyEvent | PointsEvent, StaffEvent>();
    const asStaff = <E extends AgencyEvent | PointsEvent>(e: E, make: (e: E) => StaffEvent) => {
      let s = staffEvents.get(e);
      if (!s) staffEvents.set(e, (s = make(e)));
      return s;
    };
    // The brokers examined: every agent entity, and every point-trading ring's handlings.
    const inRings = new Set(rings.flatMap((r) => r.core));
    const ofDriver = groupBy(
      graph.points.filter((e) => inRings.has(e.driver)),
      (e) => e.driver,
    );
    // An undeclared agent has no identity a clerk could be tied to: his entity's declared
    // identities and their business are what collusion weighs.
    const groups: BrokerGroup[] = [
      ...agents.entities
        .filter((e) => e.identities.some((id) => !isContactIdentity(id)))
        .map((e) => ({
          identities: e.identities.filter((id) => !isContactIdentity(id)),
          phones: e.contacts.filter((k) => k.startsWith('phone:')).map((k) => k.slice(6)),
          devices: e.contacts.filter((k) => k.startsWith('device:')).map((k) => k.slice(7)),
          events: e.events
            .filter((x) => !isContactIdentity(x.agent) && inPerson(x))
            .map((x) => asStaff(x, agencyAsStaffEvent)),
        })),
      ...rings.map((r) => {
        const plates = new Set(r.plates);
        return {
          identities: r.core,
          phones: r.phones,
          devices: r.devices,
          events: r.core
            .flatMap((d) => ofDriver.get(d) ?? [])
            .filter((e) => plates.has(e.plate) && inPerson(e))
            .map((e) => asStaff(e, asStaffEvent)),
        };
      }),
    ];
    // The outlets' business the tests compare with: every in-person event at an outlet where a
    // broker did business or of a staff member who handled it (the detector reads no other),
    // agency first, then the walk-ins (business without an agent) at the tested brokers' outlets.
    const outlets = new Set(groups.flatMap((g) => g.events.map((e) => e.outletCode)));
    const staff = new Set(groups.flatMap((g) => g.events.map((e) => e.staffId)));
    const compared = (e: { outletCode: string | null; staffId: string | null; channel: string }) =>
      inPerson(e) &&
      !!e.staffId &&
      !!e.outletCode &&
      (outlets.has(e.outletCode) || staff.has(e.staffId));
    // Walk-ins only where a broker did enough business to be tested: the rest are never compared.
    const tested = groups.filter((g) => g.events.length >= co['antifraud.collusion.min-business']);
    const all = groups.length
      ? [
          ...graph.agency.filter(compared).map((e) => asStaff(e, agencyAsStaffEvent)),
          ...graph.points.filter(compared).map((e) => asStaff(e, asStaffEvent)),
          ...(await walkIns(sortedCodes(tested.flatMap((g) => g.events.map((e) => e.outletCode))))),
        ]
      : [];
    found.push(
      ...detectCollusion(groups, all, {
        minBusiness: co['antifraud.collusion.min-business'],
        maxFdr: co['antifraud.collusion.max-fdr'],
      }),
    );
  }
  return { found, skipped: [...new Set(skipped)], ran };
}

/**
 * Business brought to a clerk in person (a window, a partner's counter): what collusion weighs.
 * Online business falls to whoever reviews it, not to the clerk a broker chooses to see.
 */
const inPerson = (e: { channel: string }) => !isOnline(e.channel);

const sortedCodes = (codes: (string | null)[]) =>
  [...new Set(codes.filter((c): c is string => c !== null))].sort();

/** A handling as business a staff member did (handlings are completed when recorded). */
const asStaffEvent = (e: PointsEvent): StaffEvent => ({
  actor: e.driver,
  staffId: e.staffId,
  outletCode: e.outletCode,
  at: e.at,
  status: 'completed',
  businessType: 'violation.handle',
  countyCode: e.countyCode,
});

/** Two results once both have settled: the first failure, if any, after both ended. */
async function bothSettled<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === 'rejected') throw ra.reason;
  if (rb.status === 'rejected') throw rb.reason;
  return [ra.value, rb.value];
}

const fingerprint = (d: FindingDraft) =>
  crypto
    .createHash('sha256')
    .update(`${d.kind}|${[...d.core].sort().join(',')}`)
    .digest('hex');

/**
 * The anti-fraud phase of a supervision run (DESIGN.md "Watching what was delegated and finding
 * fraud"): refresh the evidence graph with the period's sources (the imported legacy business and
 * the platform's own), read the detection window (the policy's days up to the period's end) in
 * bounded pages and run every detector. What passes its policy threshold is stored by `store`, in
 * the run's own transaction; the graph's refresh commits on its own (it mirrors the sources, and
 * what a failed run took in is there for the next). A ring found again (same kind and core
 * members) updates its finding, so running a period twice adds no finding; found with other
 * members (it grew), it is a new finding. Whatever a run stores stands, and supersedes the
 * findings of earlier runs that share a core member with it.
 */
export async function detectFraud(
  ctx: AppContext,
  actor: Actor | null,
  run: { cityCode: string; from: string; to: string; runId: string },
  observe?: PhaseObserver,
): Promise<{ findings: number; store: (tx: Tx) => Promise<void> }> {
  const phase = phaseTimer(observe);
  const now = ctx.clock.now();
  const { values } = await policyIn(ctx.db, DETECTOR_KEYS, run.to, run.cityCode);
  const until = startOf(addDays(run.to, 1));
  const period = { cityCode: run.cityCode, since: startOf(run.from), until };
  const windowDays = values['antifraud.window-days'] ?? 365;
  const since = startOf(addDays(run.to, 1 - windowDays));
  // The window's events before the period are none of the refresh's to change (an event's instant
  // is its business's, inside the period it came in with): they are read while it works, and the
  // period's part after it.
  const split = new Date(
    Math.min(Math.max(since.getTime(), period.since.getTime()), until.getTime()),
  );
  const before = windowEvents(
    ctx.db,
    { cityCode: run.cityCode, since, until: split },
    'before the period',
    observe,
  );
  const refreshing = (async () => ({
    legacy: await phase(
      'anti-fraud: the graph’s legacy sources',
      () => refreshGraph(ctx.db, period, now),
      (n) => n.handlings + n.applications,
    ),
    platform: await phase(
      'anti-fraud: the graph’s platform sources',
      () => refreshPlatform(ctx.db, period, now),
      (n) => n.handlings + n.applications,
    ),
  }))();
  // Both end before the detection goes on or fails: nothing of a run works on after it.
  const [earlier, refreshed] = await bothSettled(before, refreshing);
  const later = await windowEvents(
    ctx.db,
    { cityCode: run.cityCode, since: split, until },
    'of the period',
    observe,
  );
  const graph = await withNames(
    ctx.db,
    run.cityCode,
    {
      points: earlier.points.concat(later.points),
      agency: earlier.agency.concat(later.agency),
    },
    observe,
  );
  const { found, skipped, ran } = await phase(
    'anti-fraud: the detectors in memory',
    async () =>
      await detectAll(
        graph,
        values,
        async (outletCodes) =>
          (await legacyWalkIns(ctx.db, { cityCode: run.cityCode, outletCodes, since, until })).map(
            ({ applicant, ...w }): StaffEvent => ({ ...w, actor: applicant, walkIn: true }),
          ),
        (minApplicants) =>
          undeclaredEvents(ctx.db, { cityCode: run.cityCode, since, until }, minApplicants),
      ),
    (r) => r.found.length,
  );
  const store = async (tx: Tx) => {
    const created: string[] = [];
    const kept: string[] = [];
    const superseded: string[] = [];
    for (const d of found) {
      const id = newId();
      const stored = await upsertFinding(tx, {
        city_code: run.cityCode,
        id,
        kind: d.kind,
        fingerprint: fingerprint(d),
        score: d.score,
        county_code: d.countyCode,
        people: d.people,
        plates: d.plates,
        staff: d.staff,
        phones: d.phones,
        devices: d.devices,
        evidence: JSON.stringify(d.evidence),
        links: JSON.stringify(d.links),
        period_from: run.from,
        period_to: run.to,
        run_id: run.runId,
        created_at: now,
        updated_at: now,
        core: d.core,
      });
      if (stored.isNew) created.push(id);
      kept.push(stored.id);
      superseded.push(
        ...(await supersedeFindings(tx, {
          cityCode: run.cityCode,
          kind: d.kind,
          by: stored.id,
          runId: run.runId,
          core: d.core,
          at: now,
        })),
      );
    }
    // What an earlier run over this period found and this one no longer finds is withdrawn: the
    // list shows only what the platform stands behind now (CONTRACT.md Part 2 "Anti-fraud").
    const withdrawn = await withdrawFindings(tx, {
      cityCode: run.cityCode,
      kinds: ran,
      from: run.from,
      to: run.to,
      kept,
      runId: run.runId,
      at: now,
    });
    await audit(tx, actor, now, {
      cityCode: run.cityCode,
      action: 'antifraud.detect',
      entityType: 'supervision-run',
      entityId: run.runId,
      details: {
        from: run.from,
        to: run.to,
        refreshed,
        read: { handlings: graph.points.length, agency: graph.agency.length },
        findings: found.length,
        newFindings: created,
        superseded,
        withdrawn,
        skipped,
      },
      event: 'antifraud.detect',
    });
  };
  return { findings: found.length, store };
}
