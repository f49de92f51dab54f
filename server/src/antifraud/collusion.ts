import type { EvidenceItem, GraphLink } from '#shared/schemas/antifraud.ts';
import {
  beijingHour,
  groupBy,
  modeOf,
  pct,
  round,
  sorted,
  type AgencyEvent,
  type FindingDraft,
} from './graph.ts';
import { benjaminiHochberg, fisherCombined, hypergeometric, sumUpperTail } from './stats.ts';

/** One piece of business a staff member handled (agency or a points handling). */
export interface StaffEvent {
  /** Who came: the agent of an application, the driver of a handling. */
  actor: string;
  staffId: string | null;
  outletCode: string | null;
  at: Date;
  status: string;
  businessType: string;
  countyCode: string;
  /** Business the applicant came for in person: the outlets' baseline, never agency. */
  walkIn?: boolean;
}

/** An application done by an agent, as business a staff member handled. */
export const agencyAsStaffEvent = (e: AgencyEvent): StaffEvent => ({ ...e, actor: e.agent });

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
const beijing = (at: Date) => new Date(at.getTime() + 8 * 3_600_000);
/** Ordinary office hours (工作时间): workdays 09:00–17:00 Beijing time. */
const outsideHours = (at: Date) => {
  const h = beijingHour(at);
  const weekday = beijing(at).getUTCDay();
  return weekday === 0 || weekday === 6 || h < 9 || h >= 17;
};
const dayOf = (at: Date) => beijing(at).toISOString().slice(0, 10);

/**
 * A visit: one party's business at one outlet on one day with one staff member. A broker brings
 * several applications at once and one clerk takes them all, so the visit, not the application,
 * is the unit assigned to a clerk; counting applications would make a relative's one visit with
 * six forms look like collusion. The outlets' other business is counted in visits too.
 */
interface Visit {
  outlet: string;
  staffId: string;
  events: StaffEvent[];
}

function visitsOf(events: readonly StaffEvent[], byActor: boolean): Visit[] {
  const visits = new Map<string, Visit>();
  for (const e of events) {
    if (!e.staffId || !e.outletCode) continue;
    const key = `${byActor ? e.actor : ''}|${e.outletCode}|${dayOf(e.at)}|${e.staffId}`;
    const v = visits.get(key) ?? { outlet: e.outletCode, staffId: e.staffId, events: [] };
    v.events.push(e);
    visits.set(key, v);
  }
  return [...visits.keys()].sort().map((k) => visits.get(k)!);
}

const offHours = (v: Visit) => v.events.some((e) => outsideHours(e.at));
const count = <T>(list: readonly T[], test: (x: T) => boolean) => list.filter(test).length;

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
 * 内外勾结: a staff member who handles a disproportionate share of one broker's business.
 *
 * Share: at each outlet, the broker's visits and the outlet's other visits form a 2×2 table with
 * the clerk's and the other clerks' (the broker's own business is not its own baseline). Under
 * the hypothesis that the broker's visits go to clerks as the rest do, the clerk's count at an
 * outlet is hypergeometric (Fisher's exact test, conditional on the margins, so a baseline seen
 * in few visits counts as uncertain), and the sum over outlets gives the stratified exact
 * p-value. A busy honest clerk (a large share of everything) and a one-clerk outlet have nothing
 * to explain.
 *
 * Hours: the clerk's visits for the broker outside office hours against the clerk's other
 * visits, by the same exact test: a night-shift clerk works at night for everybody.
 *
 * Every (broker, clerk) pair of a broker with `minBusiness` visits is a test; the two p-values are
 * combined by Fisher's method and the Benjamini–Hochberg procedure keeps the false discovery rate
 * of the clerks named at `maxFdr`.
 */
export function detectCollusion(
  groups: readonly BrokerGroup[],
  all: readonly StaffEvent[],
  p: CollusionParams,
): FindingDraft[] {
  const atOutlet = groupBy(
    all.filter((e) => e.staffId && e.outletCode),
    (e) => e.outletCode!,
  );
  const ofStaff = groupBy(
    all.filter((e) => e.staffId && e.outletCode),
    (e) => e.staffId!,
  );
  const tests: Test[] = [];
  for (const group of groups) {
    const visits = visitsOf(group.events, false);
    // Which pairs are tested depends only on how much the broker did, never on who handled it,
    // so leaving small brokers out does not bias the tests that are made.
    if (visits.length < p.minBusiness) continue;
    const own = new Set(group.events);
    const outlets = sorted(visits.map((v) => v.outlet));
    const others = new Map(
      outlets.map((o) => [
        o,
        visitsOf(
          (atOutlet.get(o) ?? []).filter((e) => !own.has(e)),
          true,
        ),
      ]),
    );
    for (const staffId of sorted(visits.map((v) => v.staffId))) {
      const mine = visits.filter((v) => v.staffId === staffId);
      let expected = 0;
      const laws = outlets.map((o) => {
        const n = count(visits, (v) => v.outlet === o);
        const other = others.get(o)!;
        const marked =
          count(mine, (v) => v.outlet === o) + count(other, (v) => v.staffId === staffId);
        expected += (n * marked) / (n + other.length);
        return hypergeometric(n + other.length, marked, n);
      });
      const share = sumUpperTail(laws, mine.length);
      const sig = signals(mine, visits, own, ofStaff.get(staffId) ?? [], atOutlet);
      tests.push({
        group,
        staffId,
        mine,
        visits,
        expected: expected / visits.length,
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
  reissues: { mine: number; usual: number };
  refused: { mine: number; usual: number };
}

/**
 * The issue's other signals: the clerk's visits for the broker outside office hours against the
 * clerk's other visits (tested, exact); reissues against the other agency business at the same
 * outlets and refusals against the clerk's other business (reported: a broker's business mix is
 * not the clerk's doing).
 */
function signals(
  mine: Visit[],
  visits: Visit[],
  own: ReadonlySet<StaffEvent>,
  staffAll: readonly StaffEvent[],
  atOutlet: ReadonlyMap<string, StaffEvent[]>,
): Signals {
  const staffOther = staffAll.filter((e) => !own.has(e));
  const usual = visitsOf(staffOther, true);
  const off = count(mine, offHours);
  const offUsual = count(usual, offHours);
  const agency = [...new Set(visits.map((v) => v.outlet))].flatMap((o) =>
    (atOutlet.get(o) ?? []).filter(
      (e) => !own.has(e) && !e.walkIn && e.businessType !== 'violation.handle',
    ),
  );
  const events = mine.flatMap((v) => v.events);
  const share = (part: number, whole: number) => (whole ? part / whole : 0);
  return {
    offHours: {
      mine: off,
      usual: share(offUsual, usual.length),
      p: sumUpperTail(
        [hypergeometric(mine.length + usual.length, off + offUsual, mine.length)],
        off,
      ),
    },
    reissues: {
      mine: count(mine, (v) => v.events.some((e) => REISSUES.test(e.businessType))),
      usual: share(
        count(agency, (e) => REISSUES.test(e.businessType)),
        agency.length,
      ),
    },
    refused: {
      mine: share(
        count(events, (e) => e.status === 'refused'),
        events.length,
      ),
      usual: share(
        count(staffOther, (e) => e.status === 'refused'),
        staffOther.length,
      ),
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
      text: `其中 ${s.offHours.mine} 次在工作时间外（工作日 9:00—17:00 以外或周末），该工作人员其他来办为 ${Math.round(100 * s.offHours.usual)}%（p = ${pText(s.offHours.p)}）；两项合并（Fisher）p = ${pText(t.combined)}，对全部“中介—工作人员”组合做多重检验校正后 q = ${pText(q)}`,
      textEn: `${s.offHours.mine} of the visits outside office hours (weekdays 9:00–17:00) against ${Math.round(100 * s.offHours.usual)}% of the staff member's other visits (p = ${pText(s.offHours.p)}); both together (Fisher) p = ${pText(t.combined)}, q = ${pText(q)} after multiple-testing control over every broker–staff pair`,
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
