import type { EvidenceItem, GraphLink } from '#shared/schemas/antifraud.ts';
import { beijingHour, modeOf, pct, round, sorted, type FindingDraft } from './graph.ts';
import { benjaminiHochberg, fisherCombined, upperTail } from './stats.ts';

/** One piece of business a staff member handled (agency or a points handling). */
export interface StaffEvent {
  staffId: string | null;
  outletCode: string | null;
  at: Date;
  status: string;
  businessType: string;
  countyCode: string;
}

/** A broker or agent entity whose business is examined: its identities, contacts and business. */
export interface BrokerGroup {
  identities: string[];
  phones: string[];
  devices: string[];
  events: StaffEvent[];
}

export interface CollusionParams {
  /** Least visits of the broker one staff member handled before the platform names them. */
  minBusiness: number;
  /** The false discovery rate (Benjamini–Hochberg) of the staff members named over all tests. */
  maxFdr: number;
}

/** Reissue business: what an insider can push through for a broker. */
const REISSUES = /reissue/;
/** Ordinary office hours (工作时间): workdays 09:00–17:00 Beijing time. */
const outsideHours = (at: Date) => {
  const h = beijingHour(at);
  const weekday = new Date(at.getTime() + 8 * 3_600_000).getUTCDay();
  return weekday === 0 || weekday === 6 || h < 9 || h >= 17;
};
const dayOf = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
/** Jeffreys' estimate of a rate: never 0 or 1, so a clerk never seen before is not impossible. */
const rate = (part: number, whole: number) => (part + 0.5) / (whole + 1);

/**
 * A visit: the broker's business at one outlet on one day with one staff member. A broker brings
 * several applications at once and one clerk takes them all, so the visit, not the application,
 * is the unit that is assigned to a clerk; counting applications would make a relative's one
 * visit with four forms look like collusion.
 */
interface Visit {
  outlet: string;
  staffId: string;
  events: StaffEvent[];
}

function visitsOf(events: readonly StaffEvent[]): Visit[] {
  const visits = new Map<string, Visit>();
  for (const e of events) {
    if (!e.staffId || !e.outletCode) continue;
    const key = `${e.outletCode}|${dayOf(e.at)}|${e.staffId}`;
    const v = visits.get(key) ?? { outlet: e.outletCode, staffId: e.staffId, events: [] };
    v.events.push(e);
    visits.set(key, v);
  }
  return [...visits.keys()].sort().map((k) => visits.get(k)!);
}

/** Counts of the city's business per outlet and per (outlet, staff), and each staff's own. */
function baseline(all: readonly StaffEvent[]) {
  const outlet = new Map<string, StaffEvent[]>();
  const staff = new Map<string, StaffEvent[]>();
  for (const e of all) {
    if (!e.staffId || !e.outletCode) continue;
    outlet.set(e.outletCode, [...(outlet.get(e.outletCode) ?? []), e]);
    staff.set(e.staffId, [...(staff.get(e.staffId) ?? []), e]);
  }
  return { outlet, staff };
}

interface Test {
  group: BrokerGroup;
  staffId: string;
  mine: Visit[];
  visits: Visit[];
  /** The staff member's expected share of the broker's visits, from the outlets' usual mix. */
  expected: number;
  /** P-value of the clerk's share of the broker's visits. */
  share: number;
  signals: Signals;
  /** The decision's p-value: the share and the hours tests together (Fisher's method). */
  combined: number;
}

/**
 * 内外勾结: a staff member who handles a disproportionate share of one broker's business. Under
 * the hypothesis that the broker's visits go to the outlet's clerks as the rest of the outlet's
 * business does, the number a clerk took is a sum of independent trials with the clerk's share
 * of the outlet's other business (the broker's own excluded, so collusion does not raise its
 * own baseline); its upper tail is the p-value. Every (broker, clerk) pair is a test and the
 * Benjamini–Hochberg procedure keeps the false discovery rate at `maxFdr`: a busy honest clerk
 * (a large share of everything) and a one-clerk outlet have nothing to explain. Business outside
 * office hours and reissues, each compared with what the clerk or the outlets ordinarily do, are
 * tested as evidence and raise the score, never the decision (night-shift outlets work at night).
 */
export function detectCollusion(
  groups: readonly BrokerGroup[],
  all: readonly StaffEvent[],
  p: CollusionParams,
): FindingDraft[] {
  const base = baseline(all);
  const tests: Test[] = [];
  for (const group of groups) {
    const visits = visitsOf(group.events);
    // Which pairs are tested depends only on how much the broker did, never on who handled it,
    // so leaving small brokers out does not bias the tests that are made.
    if (visits.length < p.minBusiness) continue;
    const own = new Set(group.events);
    for (const staffId of sorted(visits.map((v) => v.staffId))) {
      const chances = visits.map((v) => {
        const other = (base.outlet.get(v.outlet) ?? []).filter((e) => !own.has(e));
        return rate(other.filter((e) => e.staffId === staffId).length, other.length);
      });
      const mine = visits.filter((v) => v.staffId === staffId);
      const share = upperTail(chances, mine.length);
      const sig = signals(
        mine,
        visits,
        own,
        (base.staff.get(staffId) ?? []).filter((e) => !own.has(e)),
        base.outlet,
      );
      tests.push({
        group,
        staffId,
        mine,
        visits,
        expected: chances.reduce((s, x) => s + x, 0) / chances.length,
        share,
        signals: sig,
        combined: fisherCombined([share, sig.offHours.p]),
      });
    }
  }
  const q = benjaminiHochberg(tests.map((t) => t.combined));
  return tests.flatMap((t, i) =>
    q[i]! <= p.maxFdr && t.mine.length >= p.minBusiness ? [collusionFinding(t, q[i]!)] : [],
  );
}

interface Signals {
  offHours: { mine: number; usual: number; p: number };
  reissues: { mine: number; usual: number; p: number };
  refused: { mine: number; usual: number };
}

/**
 * The issue's other signals, each against its own baseline: the clerk's business for the broker
 * outside office hours against the clerk's own other business (a night-shift clerk works at
 * night for everyone); reissues against the reissue share of other agency business at the same
 * outlets (handlings are never reissues); refusals as a plain comparison.
 */
function signals(
  mine: Visit[],
  visits: Visit[],
  own: ReadonlySet<StaffEvent>,
  staffOther: StaffEvent[],
  outlets: ReadonlyMap<string, StaffEvent[]>,
): Signals {
  const tail = (hits: number, r: number) => upperTail(new Array<number>(mine.length).fill(r), hits);
  const off = mine.filter((v) => v.events.some((e) => outsideHours(e.at))).length;
  const offUsual = rate(staffOther.filter((e) => outsideHours(e.at)).length, staffOther.length);
  const agency = [...new Set(visits.map((v) => v.outlet))].flatMap((o) =>
    (outlets.get(o) ?? []).filter((e) => !own.has(e) && e.businessType !== 'violation.handle'),
  );
  const reissue = mine.filter((v) => v.events.some((e) => REISSUES.test(e.businessType))).length;
  const reissueUsual = rate(
    agency.filter((e) => REISSUES.test(e.businessType)).length,
    agency.length,
  );
  const events = mine.flatMap((v) => v.events);
  return {
    offHours: { mine: off, usual: offUsual, p: tail(off, offUsual) },
    reissues: { mine: reissue, usual: reissueUsual, p: tail(reissue, reissueUsual) },
    refused: {
      mine: events.filter((e) => e.status === 'refused').length / events.length,
      usual: rate(staffOther.filter((e) => e.status === 'refused').length, staffOther.length),
    },
  };
}

function collusionFinding(t: Test, q: number): FindingDraft {
  const { group: g, staffId, mine, visits, signals: s } = t;
  const outlets = sorted(mine.map((v) => v.outlet));
  const events = mine.flatMap((v) => v.events);
  const pText = (x: number) => (x < 1e-6 ? x.toExponential(1) : String(round(x, 6)));
  const evidence: EvidenceItem[] = [
    {
      text: `工作人员 ${staffId} 经办了该中介（${g.identities.length} 个身份）${visits.length} 次窗口来办中的 ${mine.length} 次（${pct(mine.length, visits.length)}，${events.length} 笔业务），按所在网点平常的人员分工预期仅约 ${pct(t.expected * visits.length, visits.length)}；偶然出现的概率 p = ${pText(t.share)}`,
      textEn: `Staff ${staffId} handled ${mine.length} of the broker's ${visits.length} window visits (${pct(mine.length, visits.length)}, ${events.length} applications) against about ${pct(t.expected * visits.length, visits.length)} expected from the outlets' usual split of work; chance p = ${pText(t.share)}`,
      count: mine.length,
    },
    {
      text: `其中 ${s.offHours.mine} 次在工作时间外（工作日 9:00—17:00 以外或周末），该工作人员其他业务仅 ${Math.round(100 * s.offHours.usual)}%（p = ${pText(s.offHours.p)}）；两项合并（Fisher）p = ${pText(t.combined)}，对全部“中介—工作人员”组合做多重检验校正后 q = ${pText(q)}`,
      textEn: `${s.offHours.mine} of the visits outside office hours (weekdays 9:00–17:00) against ${Math.round(100 * s.offHours.usual)}% of the staff member's other business (p = ${pText(s.offHours.p)}); both together (Fisher) p = ${pText(t.combined)}, q = ${pText(q)} after multiple-testing control over every broker–staff pair`,
      count: s.offHours.mine,
    },
    {
      text: `补领补证类 ${s.reissues.mine} 次（同网点其他代办业务为 ${Math.round(100 * s.reissues.usual)}%）；退办率 ${Math.round(100 * s.refused.mine)}%（该工作人员其他业务 ${Math.round(100 * s.refused.usual)}%）`,
      textEn: `${s.reissues.mine} visits with reissues (other agency business at the outlets ${Math.round(100 * s.reissues.usual)}%); refused ${Math.round(100 * s.refused.mine)}% (the staff member's other business ${Math.round(100 * s.refused.usual)}%)`,
      count: s.reissues.mine,
    },
    {
      text: `涉及网点：${outlets.join('、')}；中介身份：${g.identities.length} 个`,
      textEn: `Outlets: ${outlets.join(', ')}; broker identities: ${g.identities.length}`,
    },
  ];
  const links: GraphLink[] = g.identities.map((id) => ({
    from: { kind: 'staff', id: staffId },
    to: { kind: 'person', id },
    relation: 'handled',
    count: events.length,
  }));
  for (const outlet of outlets) {
    links.push({
      from: { kind: 'staff', id: staffId },
      to: { kind: 'outlet', id: outlet },
      relation: 'works-at',
      count: mine.filter((v) => v.outlet === outlet).reduce((n, v) => n + v.events.length, 0),
    });
  }
  return {
    kind: 'insider-collusion',
    // −log10 of the decision's p-value (share and hours, Fisher's method).
    score: round(-Math.log10(Math.max(t.combined, 1e-300)), 2),
    core: [staffId, ...g.identities],
    countyCode: modeOf(events.map((e) => e.countyCode)),
    people: g.identities,
    plates: [],
    staff: [staffId],
    phones: g.phones,
    devices: g.devices,
    evidence,
    links,
  };
}
