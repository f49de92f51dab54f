import { describe, expect, it } from 'vitest';
import { idNumber } from '../../../test/support/factories.ts';
import { detectIllegalAgents, type AgentParams } from './agents.ts';
import {
  agencyAsStaffEvent,
  detectCollusion,
  type CollusionParams,
  type StaffEvent,
} from './collusion.ts';
import type { AgencyEvent } from './graph.ts';

const AGENTS: AgentParams = { minApplicants: 5, minScore: 3, hubIdentities: 10 };
const COLLUSION: CollusionParams = { minBusiness: 5, maxFdr: 0.01 };

let n = 0;
/** The n-th weekday from Monday 2026-11-02 at an hour UTC (Beijing is UTC+8). */
function weekdayAt(i: number, hourUtc: number) {
  const day = Math.floor(i / 5) * 7 + (i % 5);
  return new Date(Date.UTC(2026, 10, 2 + day, hourUtc));
}
function agency(agent: string, applicant: string, extra: Partial<AgencyEvent> = {}): AgencyEvent {
  n += 1;
  return {
    id: `a${n}`,
    // 10:00 Beijing on a different weekday for each application: one visit each.
    at: weekdayAt(n, 2),
    agent,
    applicant,
    agentPhone: null,
    applicantPhone: null,
    device: null,
    channel: 'window',
    outletCode: 'CITY-HQ',
    outletCategory: 'city-office',
    staffId: 'S-honest',
    countyCode: '520302',
    businessType: 'vehicle.licence-reissue',
    status: 'completed',
    ...extra,
  };
}

const people = (k: number) => Array.from({ length: k }, () => idNumber());
const SURNAMES = '赵钱孙李周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
const namesOf = (ids: string[]) =>
  new Map(ids.map((id, i) => [id, `${SURNAMES[i % SURNAMES.length]}某`]));

/** An agent rotating three identities, one phone, for eight unrelated applicants. */
function rotatingAgent(staffOf: (i: number) => string = () => 'S-honest') {
  const identities = people(3);
  const applicants = people(8);
  const events = applicants.map((a, i) =>
    agency(identities[i % 3]!, a, { agentPhone: '13812340000', staffId: staffOf(i) }),
  );
  return { identities, applicants, events };
}

describe('illegal agents (非法代办)', () => {
  it('ties rotating identities through their shared phone and reports them as one agent', () => {
    const { identities, applicants, events } = rotatingAgent();
    const { findings } = detectIllegalAgents(
      events,
      namesOf([...identities, ...applicants]),
      AGENTS,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]!.core).toEqual([...identities].sort());
    expect(findings[0]!.phones).toEqual(['13812340000']);
    expect(findings[0]!.evidence[0]!.text).toContain('3 个代理人身份为 8 名无关申请人');
  });

  it('names as ties only the contacts two identities share, not the own phones of applicants', () => {
    const { identities, applicants, events } = rotatingAgent();
    const withOwnPhones = events.map((e, i) => ({ ...e, applicantPhone: `1390000000${i}` }));
    const [finding] = detectIllegalAgents(
      withOwnPhones,
      namesOf([...identities, ...applicants]),
      AGENTS,
    ).findings;
    expect(finding!.evidence[1]).toMatchObject({
      text: '这些身份通过共用的联系方式关联：电话 13812340000',
      count: 1,
    });
    // The phones the agent used or gave still belong to the finding.
    expect(finding!.phones).toHaveLength(9);
  });

  it('names the business in words a supervisor reads, not by its code', () => {
    const { identities, applicants, events } = rotatingAgent();
    const [finding] = detectIllegalAgents(
      events,
      namesOf([...identities, ...applicants]),
      AGENTS,
    ).findings;
    const business = finding!.evidence.find((e) => e.text.startsWith('业务类型'))!;
    expect(business.text).toContain('补领机动车行驶证 8 笔');
    expect(business.text).not.toContain('vehicle.licence-reissue');
    expect(business.textEn).toContain('Vehicle licence reissue 8');
  });

  it('does not speak of shared contacts for a single identity', () => {
    const agent = idNumber();
    const applicants = people(8);
    const events = applicants.map((a) => agency(agent, a, { agentPhone: '13812349999' }));
    const [finding] = detectIllegalAgents(events, namesOf([agent, ...applicants]), AGENTS).findings;
    expect(finding!.evidence.map((e) => e.text).join('\n')).not.toContain('共用的联系方式');
  });

  it('does not flag a dealer acting for its buyers at its own outlet', () => {
    const clerk = idNumber();
    const buyers = people(30);
    const events = buyers.map((b) =>
      agency(clerk, b, {
        outletCode: 'DEALER-1',
        outletCategory: 'dealer',
        businessType: 'vehicle.register',
        agentPhone: '08512223333',
      }),
    );
    expect(detectIllegalAgents(events, namesOf([clerk, ...buyers]), AGENTS).findings).toEqual([]);
  });

  it('does not flag a driving school applying for its trainees', () => {
    const staff = idNumber();
    const trainees = people(20);
    const events = trainees.flatMap((t) => [
      agency(staff, t, { businessType: 'licence.apply', agentPhone: '08510001111' }),
      agency(staff, t, { businessType: 'exam.book', agentPhone: '08510001111' }),
    ]);
    expect(detectIllegalAgents(events, namesOf([staff, ...trainees]), AGENTS).findings).toEqual([]);
  });

  it('does not flag a son acting for his family', () => {
    const son = idNumber();
    const family = people(6);
    const names = new Map([son, ...family].map((id) => [id, '王某']));
    const events = family.map((f) => agency(son, f, { agentPhone: '13700001111' }));
    expect(detectIllegalAgents(events, names, AGENTS).findings).toEqual([]);
  });
});

/** Ordinary business of an outlet: four clerks sharing it evenly, in office hours, one visit each. */
const background = (count: number): StaffEvent[] =>
  Array.from({ length: count }, (_, i) => ({
    actor: `P-${i}`,
    staffId: `S-${i % 4}`,
    outletCode: 'CITY-HQ',
    at: weekdayAt(i, 2),
    status: 'completed',
    businessType: 'vehicle.transfer',
    countyCode: '520302',
  }));

/** An agent's applications as the business a clerk handled, and the agent's group. */
function brokerOf(events: AgencyEvent[], identities: string[]) {
  const business = events.map(agencyAsStaffEvent);
  return {
    business,
    group: { identities, phones: ['13812340000'], devices: [], events: business },
  };
}

describe('insider collusion (内外勾结)', () => {
  it('flags a clerk who handles nearly all of one agent’s business', () => {
    const { identities, events } = rotatingAgent((i) => (i < 7 ? 'S-0' : 'S-1'));
    const { business, group } = brokerOf(events, identities);
    const found = detectCollusion([group], [...background(200), ...business], COLLUSION);
    expect(found).toHaveLength(1);
    expect(found[0]!.staff).toEqual(['S-0']);
    expect(found[0]!.people).toEqual(identities);
    expect(found[0]!.evidence[0]!.text).toContain('8 次窗口来办中的 7 次');
  });

  it('flags the clerk of an agent with a single identity', () => {
    const agent = idNumber();
    const events = people(6).map((a) => agency(agent, a, { staffId: 'S-2' }));
    const { business, group } = brokerOf(events, [agent]);
    const found = detectCollusion([group], [...background(200), ...business], COLLUSION);
    expect(found.map((f) => f.staff)).toEqual([['S-2']]);
  });

  it('does not take a clerk seen in a handful of visits for a certain baseline', () => {
    // The outlet's other business is four visits: S-2 took none of them, which says little.
    const agent = idNumber();
    const events = people(6).map((a) => agency(agent, a, { staffId: 'S-2' }));
    const { business, group } = brokerOf(events, [agent]);
    const found = detectCollusion([group], [...background(4), ...business], COLLUSION);
    expect(found).toEqual([]);
  });

  it('flags a busy clerk who serves one agent after hours, not for the share alone', () => {
    const busy = background(200).map((e, i) => ({ ...e, staffId: i % 10 < 7 ? 'S-busy' : 'S-1' }));
    const { identities, events } = rotatingAgent((i) => (i < 7 ? 'S-busy' : 'S-1'));
    const inHours = brokerOf(events, identities);
    expect(detectCollusion([inHours.group], [...busy, ...inHours.business], COLLUSION)).toEqual([]);
    // 19:00 Beijing: outside office hours, which the busy clerk otherwise never works.
    const late = brokerOf(
      events.map((e, i) => ({ ...e, at: weekdayAt(i + 40, 11) })),
      identities,
    );
    const found = detectCollusion([late.group], [...busy, ...late.business], COLLUSION);
    expect(found.map((f) => f.staff)).toEqual([['S-busy']]);
  });

  it('does not flag night work at a night-shift outlet on its own', () => {
    const { identities, events } = rotatingAgent((i) => `S-${i % 4}`);
    const nightly = brokerOf(
      events.map((e, i) => ({ ...e, at: weekdayAt(i, 15) })),
      identities,
    );
    const all = [
      ...background(200).map((e, i) => ({ ...e, at: weekdayAt(i, 15) })),
      ...nightly.business,
    ];
    expect(detectCollusion([nightly.group], all, COLLUSION)).toEqual([]);
  });

  it('does not flag the clerk who took a relative’s six forms in one visit', () => {
    const son = idNumber();
    const at = weekdayAt(3, 2);
    const { business, group } = brokerOf(
      people(6).map((a) => agency(son, a, { staffId: 'S-3', at })),
      [son],
    );
    expect(detectCollusion([group], [...background(200), ...business], COLLUSION)).toEqual([]);
  });
});
