import type { EvidenceItem, GraphLink } from '#shared/schemas/antifraud.ts';
import { denseBlocks, type BipartiteEdge } from './fraudar.ts';
import {
  atNight,
  DisjointSets,
  CHANNEL_ZH,
  groupBy,
  isOrganisation,
  modeOf,
  round,
  SmallSets,
  sorted,
  surnameOf,
  tally,
  type FindingDraft,
  type Names,
  type Phones,
  type PointsEvent,
} from './graph.ts';

/** The detector's parameters: policy values (catalog) read by the run. */
export interface PointTradingParams {
  /** FRAUDAR's column-weight constant c in 1 / ln(degree + c). */
  c: number;
  minDrivers: number;
  minOwners: number;
  /** Least weighted density g(S) of a block the platform reports. */
  minScore: number;
  /** A phone or device used by at most this many people is a household's. */
  householdMaxPeople: number;
  /** The national caps, for the evidence (a licence ≤ n non-own vehicles, a vehicle ≤ m licences). */
  capPlates: number;
  capDrivers: number;
  /** A phone or device more people than this use is a hub (a hot-line): it ties no drivers. */
  hubPeople: number;
}

const contactsOf = (e: { phone: string | null; device: string | null }) =>
  [e.phone ? `phone:${e.phone}` : null, e.device ? `device:${e.device}` : null].filter(
    (k): k is string => k !== null,
  );

/**
 * Which handlings are ordinary life (hard negatives), not trade: the driver's own vehicle; a
 * company's vehicle (its drivers handle its fleet); and a household's — a driver and owner of the
 * same surname, or who both handle points through a phone or device that only a few people use
 * (a family sharing a phone and each other's points). A broker's phone is used by the ring's
 * drivers, never by the owners who buy, so it ties no owner to a driver.
 */
export function relatedness(
  events: readonly PointsEvent[],
  names: Names,
  maxPeople: number,
  registered: Phones = new Map(),
) {
  // Who uses each phone and device, and each driver's phones and devices.
  const users = new SmallSets();
  const contactsOfDriver = new SmallSets();
  for (const e of events) {
    for (const k of contactsOf(e)) {
      users.add(k, e.driver);
      contactsOfDriver.add(e.driver, k);
    }
  }
  const surnames = new Map<string, string | null>();
  const surname = (id: string) => {
    let s = surnames.get(id);
    if (s === undefined) {
      const name = names.get(id);
      surnames.set(id, (s = name ? surnameOf(name) : null));
    }
    return s;
  };
  const related = (driver: string, owner: string) => {
    if (driver === owner || isOrganisation(owner)) return true;
    const a = surname(driver);
    if (a !== null && a === surname(owner)) return true;
    // The driver handles points on the phone the owner registered for the vehicle: one home.
    const home = registered.get(owner);
    if (home && contactsOfDriver.has(driver, `phone:${home}`)) return true;
    // A phone or device of a household (used by few people) that both handle points through.
    for (const k of contactsOfDriver.values(driver)) {
      if (users.size(k) <= maxPeople && contactsOfDriver.has(owner, k)) return true;
    }
    return false;
  };
  return { related, users };
}

/**
 * What of a ring went over the national caps, and only that: a driver's vehicles over “一证n车”,
 * a vehicle's drivers over “一车m证”, each with its figure.
 */
function overCaps(perDriver: number, perPlate: number, p: PointTradingParams): EvidenceItem {
  const zh: string[] = [];
  const en: string[] = [];
  if (perDriver > p.capPlates) {
    zh.push(`有驾驶人代处理 ${perDriver} 辆非本人机动车，超过“一证${p.capPlates}车”上限`);
    en.push(`a driver took points for ${perDriver} vehicles, over the cap of ${p.capPlates}`);
  }
  if (perPlate > p.capDrivers) {
    zh.push(`有机动车由 ${perPlate} 名驾驶人处理，超过“一车${p.capDrivers}证”上限`);
    en.push(`a vehicle had ${perPlate} drivers, over the cap of ${p.capDrivers}`);
  }
  const textEn = en.join('; ');
  return { text: zh.join('；'), textEn: textEn[0]!.toUpperCase() + textEn.slice(1) };
}

/**
 * 买分卖分: rings of drivers who take points for vehicles of unrelated owners, tied together by
 * the phones and devices the handlings came through. The graph is drivers × (vehicles ∪ phones ∪
 * devices) over the handlings that are not ordinary life; FRAUDAR finds its dense blocks, the
 * cores of rings. Peeling takes the densest part first, so a broker with several phones comes
 * out as several blocks, and a member with one trade on the broker's phone may fall outside
 * every block: entity resolution over the contacts then joins every driver tied to a core by a
 * phone or device of the trades (not a hub), so one broker's ring is one finding. A ring is
 * reported when several drivers share a contact and the owners are many.
 */
export function detectPointTrading(
  events: readonly PointsEvent[],
  names: Names,
  p: PointTradingParams,
  registered: Phones = new Map(),
): FindingDraft[] {
  const { related, users } = relatedness(events, names, p.householdMaxPeople, registered);
  const suspicious = events.filter((e) => !related(e.driver, e.owner));
  // The drivers of every handling of the vehicles that are columns of the graph.
  const columnPlates = new Set(suspicious.map((e) => e.plate));
  const plateDrivers = new SmallSets();
  for (const e of events) if (columnPlates.has(e.plate)) plateDrivers.add(e.plate, e.driver);
  const edges: BipartiteEdge[] = [];
  for (const e of suspicious) {
    edges.push({ row: e.driver, col: `vehicle:${e.plate}` });
    for (const k of contactsOf(e)) edges.push({ row: e.driver, col: k });
  }
  // Degrees over every handling: a contact or vehicle many people touch weighs little.
  const degree = (col: string) =>
    (col.startsWith('vehicle:') ? plateDrivers.size(col.slice(8)) : users.size(col)) || 1;
  const cores = denseBlocks(edges, degree, {
    c: p.c,
    minRows: p.minDrivers,
    minDensity: p.minScore,
  }).filter((b) => b.density >= p.minScore);
  const ties = tiesOverContacts(suspicious, users, p.hubPeople);
  // A dense block's drivers are one ring when a column of the block that is no hub joins them
  // (a shared stranger's vehicle as much as a phone); a hub inside a block ties nobody.
  const rowsOf = groupBy(edges, (e) => e.col);
  for (const b of cores) {
    const rows = new Set(b.rows);
    for (const col of b.cols) {
      if (degree(col) > p.hubPeople) continue;
      ties.unionAll(sorted((rowsOf.get(col) ?? []).map((e) => e.row)).filter((r) => rows.has(r)));
    }
  }
  // Each ring: the entity of a core's drivers, scored by its densest core.
  const density = new Map<string, number>();
  for (const b of cores) {
    for (const r of b.rows) {
      const root = ties.find(r);
      density.set(root, Math.max(density.get(root) ?? 0, b.density));
    }
  }
  const members = groupBy(sorted(suspicious.map((e) => e.driver)), (d) => ties.find(d));
  const rings = [...density]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([root, score]) => ({ drivers: members.get(root) ?? [], score }));
  // The rings' drivers' handlings, each driver's in order, so a ring reads its own and not the
  // whole city's.
  const inRings = new Set(rings.flatMap((r) => r.drivers));
  const ofDriver = groupBy(
    events.filter((e) => inRings.has(e.driver)),
    (e) => e.driver,
  );
  const findings: FindingDraft[] = [];
  for (const { drivers, score } of rings) {
    const own = drivers.flatMap((d) => ofDriver.get(d) ?? []);
    const ring = own.filter((e) => !related(e.driver, e.owner));
    const owners = sorted(ring.map((e) => e.owner));
    const shared = sorted(ring.flatMap(contactsOf)).filter(
      (k) => new Set(ring.filter((e) => contactsOf(e).includes(k)).map((e) => e.driver)).size >= 2,
    );
    if (!shared.length || owners.length < p.minOwners) continue;
    const camouflage = own.length - ring.length;
    findings.push(ringFinding(ring, owners, shared, score, camouflage, p));
  }
  return findings;
}

/**
 * Entity resolution over the trades' contacts: drivers who took points for unrelated owners
 * through the same phone or device are tied, unless the contact is a hub that more than
 * `hubPeople` people use (an outlet's hot-line, a busy terminal), which ties nobody.
 */
function tiesOverContacts(suspicious: readonly PointsEvent[], users: SmallSets, hubPeople: number) {
  const ties = new DisjointSets();
  const byContact = new Map<string, Set<string>>();
  for (const e of suspicious) {
    for (const k of contactsOf(e)) {
      if (users.size(k) > hubPeople) continue;
      const set = byContact.get(k) ?? new Set<string>();
      set.add(e.driver);
      byContact.set(k, set);
    }
  }
  for (const drivers of byContact.values()) ties.unionAll([...drivers].sort());
  return ties;
}

function ringFinding(
  ring: PointsEvent[],
  owners: string[],
  shared: string[],
  density: number,
  camouflage: number,
  p: PointTradingParams,
): FindingDraft {
  const drivers = sorted(ring.map((e) => e.driver));
  const plates = sorted(ring.map((e) => e.plate));
  const phones = sorted(ring.map((e) => e.phone));
  const devices = sorted(ring.map((e) => e.device));
  const throughShared = ring.filter((e) => contactsOf(e).some((k) => shared.includes(k))).length;
  const night = ring.filter((e) => atNight(e.at)).length;
  const perDriver = Math.max(
    ...drivers.map((d) => new Set(ring.filter((e) => e.driver === d).map((e) => e.plate)).size),
  );
  const perPlate = Math.max(
    ...plates.map((v) => new Set(ring.filter((e) => e.plate === v).map((e) => e.driver)).size),
  );
  const underCaps = perDriver <= p.capPlates && perPlate <= p.capDrivers;
  const points = ring.reduce((s, e) => s + e.points, 0);
  const channels = [...tally(ring, (e) => e.channel).entries()].sort();
  const sharedNames = shared.map((k) => k.replace(/^phone:/, '电话 ').replace(/^device:/, '设备 '));
  const evidence: EvidenceItem[] = [
    {
      text: `${drivers.length} 名驾驶人为 ${owners.length} 名无关车主的 ${plates.length} 辆机动车处理记分违法 ${ring.length} 起，共记 ${points} 分`,
      textEn: `${drivers.length} drivers took ${points} points in ${ring.length} handlings for ${plates.length} vehicles of ${owners.length} unrelated owners`,
      count: ring.length,
    },
    {
      text: `其中 ${throughShared} 起通过 ${shared.length} 个共用的联系方式办理：${sharedNames.join('、')}`,
      textEn: `${throughShared} of them came through ${shared.length} shared contacts: ${shared.join(', ')}`,
      count: throughShared,
    },
    underCaps
      ? {
          text: `每名驾驶人最多代处理 ${perDriver} 辆非本人机动车、每辆车最多由 ${perPlate} 名驾驶人处理，均未超过“一证${p.capPlates}车、一车${p.capDrivers}证”上限，现有限制无法发现`,
          textEn: `No driver took points for more than ${perDriver} vehicles and no vehicle had more than ${perPlate} drivers: every member stayed under the national caps (${p.capPlates}/${p.capDrivers}), which cannot see this ring`,
        }
      : overCaps(perDriver, perPlate, p),
    {
      text: `办理渠道：${channels.map(([c, n]) => `${CHANNEL_ZH[c] ?? c} ${n} 起`).join('，')}；夜间（22:00—06:00）办理 ${night} 起`,
      textEn: `Channels: ${channels.map(([c, n]) => `${c} ${n}`).join(', ')}; ${night} at night (22:00–06:00)`,
      count: night,
    },
  ];
  if (camouflage) {
    evidence.push({
      text: `成员另有 ${camouflage} 起本人、亲属或单位车辆的正常处理（可能用于掩饰）`,
      textEn: `Members also made ${camouflage} ordinary handlings of their own, family or company vehicles (possible camouflage)`,
      count: camouflage,
    });
  }
  return {
    kind: 'point-trading',
    score: round(density),
    core: drivers,
    countyCode: modeOf(ring.map((e) => e.countyCode)),
    people: sorted([...drivers, ...owners]),
    plates,
    // The clerks who processed the handlings are not the ring's (CONTRACT: a finding lists what
    // belongs to it); a clerk tied to the ring by a test is an insider-collusion finding.
    staff: [],
    phones,
    devices,
    evidence,
    links: ringLinks(ring),
  };
}

function ringLinks(ring: PointsEvent[]): GraphLink[] {
  const links: GraphLink[] = [];
  const add = (counts: Map<string, number>, make: (key: string) => Omit<GraphLink, 'count'>) => {
    for (const [key, count] of [...counts.entries()].sort()) links.push({ ...make(key), count });
  };
  const split = (key: string) => key.split('\u0000') as [string, string];
  add(
    tally(ring, (e) => `${e.driver}\u0000${e.plate}`),
    (k) => ({
      from: { kind: 'person', id: split(k)[0] },
      to: { kind: 'vehicle', id: split(k)[1] },
      relation: 'took-points',
    }),
  );
  add(
    tally(ring, (e) => `${e.plate}\u0000${e.owner}`),
    (k) => ({
      from: { kind: 'vehicle', id: split(k)[0] },
      to: { kind: isOrganisation(split(k)[1]) ? 'organisation' : 'person', id: split(k)[1] },
      relation: 'owned-by',
    }),
  );
  add(
    tally(ring, (e) => (e.phone ? `${e.driver}\u0000${e.phone}` : null)),
    (k) => ({
      from: { kind: 'person', id: split(k)[0] },
      to: { kind: 'phone', id: split(k)[1] },
      relation: 'used-phone',
    }),
  );
  add(
    tally(ring, (e) => (e.device ? `${e.driver}\u0000${e.device}` : null)),
    (k) => ({
      from: { kind: 'person', id: split(k)[0] },
      to: { kind: 'device', id: split(k)[1] },
      relation: 'used-device',
    }),
  );
  return links;
}
