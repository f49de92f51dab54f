import type { EvidenceItem, GraphLink } from '#shared/schemas/antifraud.ts';
import { atNight, modeOf, pct, round, sorted, type FindingDraft } from './graph.ts';

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
  /** Least business of the group one staff member handled. */
  minBusiness: number;
  /** Least share of the group's window business handled by the one staff member. */
  minShare: number;
  /** Least lift: that share over the staff member's share of all business at the same outlets. */
  minLift: number;
}

/** Reissue and override-prone business: what an insider can push through for a broker. */
const REISSUES = /reissue/;

/**
 * 内外勾结: a staff member who handles a disproportionate share of one broker's business. The
 * share is compared with the staff member's share of all business at the same outlets (its lift),
 * so a busy honest clerk (a large share of everything) and a one-clerk outlet are not flagged;
 * night work, reissues and refusals are evidence beside the lift, never criteria (night-shift
 * outlets are a hard negative).
 */
export function detectCollusion(
  groups: readonly BrokerGroup[],
  all: readonly StaffEvent[],
  p: CollusionParams,
): FindingDraft[] {
  const byStaff = new Map<string, StaffEvent[]>();
  const byOutlet = new Map<string, number>();
  for (const e of all) {
    if (!e.staffId || !e.outletCode) continue;
    const list = byStaff.get(e.staffId) ?? [];
    list.push(e);
    byStaff.set(e.staffId, list);
    byOutlet.set(e.outletCode, (byOutlet.get(e.outletCode) ?? 0) + 1);
  }
  const findings: FindingDraft[] = [];
  for (const g of groups) {
    const handled = g.events.filter((e) => e.staffId && e.outletCode);
    if (handled.length < p.minBusiness) continue;
    for (const staffId of sorted(handled.map((e) => e.staffId))) {
      const mine = handled.filter((e) => e.staffId === staffId);
      if (mine.length < p.minBusiness) continue;
      const outlets = new Set(mine.map((e) => e.outletCode!));
      const overall = (byStaff.get(staffId) ?? []).filter((e) => outlets.has(e.outletCode!));
      const outletTotal = [...outlets].reduce((s, o) => s + (byOutlet.get(o) ?? 0), 0);
      const expected = outletTotal ? overall.length / outletTotal : 1;
      const share = mine.length / handled.length;
      const lift = expected ? share / expected : 0;
      if (share < p.minShare || lift < p.minLift) continue;
      findings.push(
        collusionFinding(g, staffId, { mine, overall, handled, share, expected, lift, outlets }),
      );
    }
  }
  return findings;
}

function collusionFinding(
  g: BrokerGroup,
  staffId: string,
  s: {
    mine: StaffEvent[];
    overall: StaffEvent[];
    handled: StaffEvent[];
    share: number;
    expected: number;
    lift: number;
    outlets: Set<string>;
  },
): FindingDraft {
  const night = (list: StaffEvent[]) => list.filter((e) => atNight(e.at)).length;
  const refused = (list: StaffEvent[]) => list.filter((e) => e.status === 'refused').length;
  const reissues = (list: StaffEvent[]) => list.filter((e) => REISSUES.test(e.businessType)).length;
  const evidence: EvidenceItem[] = [
    {
      text: `工作人员 ${staffId} 经办了该中介（${g.identities.length} 个身份）窗口业务 ${s.handled.length} 笔中的 ${s.mine.length} 笔（${pct(s.mine.length, s.handled.length)}），而其在相同网点全部业务中的占比仅为 ${Math.round(100 * s.expected)}%，为预期的 ${round(s.lift, 1)} 倍`,
      textEn: `Staff ${staffId} handled ${s.mine.length} of the broker's ${s.handled.length} window applications (${pct(s.mine.length, s.handled.length)}) against ${Math.round(100 * s.expected)}% of all business at the same outlets: ${round(s.lift, 1)} times the expected share`,
      count: s.mine.length,
    },
    {
      text: `其中夜间（22:00—06:00）办理 ${night(s.mine)} 笔（该工作人员全部业务为 ${pct(night(s.overall), s.overall.length)}）；补领补证类 ${reissues(s.mine)} 笔（全部业务为 ${pct(reissues(s.overall), s.overall.length)}）；退办 ${refused(s.mine)} 笔（全部业务为 ${pct(refused(s.overall), s.overall.length)}）`,
      textEn: `Of these ${night(s.mine)} at night (staff overall ${pct(night(s.overall), s.overall.length)}), ${reissues(s.mine)} reissues (overall ${pct(reissues(s.overall), s.overall.length)}), ${refused(s.mine)} refused (overall ${pct(refused(s.overall), s.overall.length)})`,
      count: night(s.mine),
    },
    {
      text: `涉及网点：${[...s.outlets].sort().join('、')}；中介身份：${g.identities.length} 个`,
      textEn: `Outlets: ${[...s.outlets].sort().join(', ')}; broker identities: ${g.identities.length}`,
    },
  ];
  const links: GraphLink[] = g.identities.map((id) => ({
    from: { kind: 'staff', id: staffId },
    to: { kind: 'person', id },
    relation: 'handled',
    count: s.mine.length,
  }));
  for (const outlet of [...s.outlets].sort()) {
    links.push({
      from: { kind: 'staff', id: staffId },
      to: { kind: 'outlet', id: outlet },
      relation: 'works-at',
      count: s.mine.filter((e) => e.outletCode === outlet).length,
    });
  }
  return {
    kind: 'insider-collusion',
    score: round(s.share * s.lift),
    core: [staffId, ...g.identities],
    countyCode: modeOf(s.mine.map((e) => e.countyCode)),
    people: g.identities,
    plates: [],
    staff: [staffId],
    phones: g.phones,
    devices: g.devices,
    evidence,
    links,
  };
}
