import { describe, expect, it } from 'vitest';
import { idNumber, orgCode } from '../../../test/support/factories.ts';
import { detectIllegalAgents } from './agents.ts';
import type { AgencyEvent } from './graph.ts';
import { undeclaredAgency, unrelatedApplicants, type UndeclaredParams } from './undeclared.ts';

const P: UndeclaredParams = { minApplicants: 6, householdMaxPeople: 4 };
const AGENTS = { minApplicants: 6, minScore: 3, hubIdentities: 20 };

let n = 0;
/** Business without an agent (`agent` empty, as the history's lines come in). */
function line(applicant: string, extra: Partial<AgencyEvent> = {}): AgencyEvent {
  n += 1;
  return {
    id: `u${n}`,
    at: new Date(Date.UTC(2026, 8, 1 + (n % 28), 2)),
    agent: '',
    applicant,
    agentPhone: null,
    applicantPhone: null,
    device: null,
    channel: 'internet',
    outletCode: 'CITY-HQ',
    outletCategory: 'city-office',
    staffId: 'NET',
    countyCode: '520302',
    businessType: 'licence.renew',
    status: 'completed',
    ...extra,
  };
}
const SURNAMES = '赵钱孙李周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何';
/** `k` people, each of another surname unless one is given. */
function people(k: number, surname?: string) {
  const ids = Array.from({ length: k }, () => idNumber());
  return {
    ids,
    names: ids.map((id, i): [string, string] => [id, `${surname ?? SURNAMES[i]}${i}`]),
  };
}

describe('undeclared agents: clustering by contact', () => {
  it('takes a phone twelve strangers give as one contact acting for them', () => {
    const { ids, names } = people(12);
    const out = undeclaredAgency(
      ids.map((a) => line(a, { applicantPhone: '13900000005' })),
      new Map(names),
      P,
    );
    expect(out.map((e) => e.agent)).toEqual(ids.map(() => 'phone:13900000005'));
  });

  it('counts twelve people of one surname as strangers: no household is that large', () => {
    const { ids, names } = people(12, '王');
    expect(unrelatedApplicants(ids, new Map(names), 4)).toBe(12);
  });

  it('counts two households sharing a home phone as two', () => {
    const a = people(4, '赵');
    const b = people(4, '钱');
    const names = new Map([...a.names, ...b.names]);
    expect(unrelatedApplicants([...a.ids, ...b.ids], names, 4)).toBe(2);
    const out = undeclaredAgency(
      [...a.ids, ...b.ids].map((x) => line(x, { applicantPhone: '13900000011' })),
      names,
      P,
    );
    expect(out).toEqual([]);
  });

  it('takes an own online device, keeping the applicants’ own phones out of it', () => {
    const { ids, names } = people(8);
    const out = undeclaredAgency(
      ids.map((a, i) => line(a, { device: 'DEV-1', applicantPhone: `1380000000${i}` })),
      new Map(names),
      P,
    );
    expect(out.map((e) => [e.agent, e.device, e.applicantPhone])).toEqual(
      ids.map(() => ['device:DEV-1', 'DEV-1', null]),
    );
  });

  it.each([
    ['a window terminal', (a: string) => line(a, { device: 'WIN-1', channel: 'window' })],
    [
      'a dealer’s own business',
      (a: string) => line(a, { applicantPhone: '1', outletCategory: 'dealer' }),
    ],
    [
      'a driving school’s trainees',
      (a: string) => line(a, { applicantPhone: '1', businessType: 'exam.book' }),
    ],
  ])('leaves out %s', (_, make) => {
    const { ids, names } = people(10);
    expect(undeclaredAgency(ids.map(make), new Map(names), P)).toEqual([]);
  });

  it('leaves out a company’s fleet (one applicant) and a phone too few applicants give', () => {
    const company = orgCode();
    const fleet = Array.from({ length: 15 }, () => line(company, { applicantPhone: '2' }));
    const { ids, names } = people(5);
    const few = ids.map((a) => line(a, { applicantPhone: '3' }));
    expect(undeclaredAgency([...fleet, ...few], new Map(names), P)).toEqual([]);
  });
});

describe('undeclared agents as illegal-agent findings', () => {
  it('names the applicants served and nobody else, scored as one identity', () => {
    const { ids, names } = people(12);
    const events = undeclaredAgency(
      ids.map((a) => line(a, { applicantPhone: '13900000005', device: 'DEV-9' })),
      new Map(names),
      P,
    );
    const { findings } = detectIllegalAgents(events, new Map(names), AGENTS);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f!.people).toEqual([...ids].sort());
    expect(f!.phones).toEqual(['13900000005']);
    expect(f!.devices).toEqual(['DEV-9']);
    expect(f!.score).toBeCloseTo(Math.log2(13), 2);
    expect(f!.evidence.slice(0, 2).map((e) => e.text)).toEqual([
      '同一手机号 139****0005 为 12 名无亲属关系的申请人办理业务 12 笔，均未登记代理人',
      '同一网上办理设备 DEV-9 为 12 名无亲属关系的申请人办理业务 12 笔，均未登记代理人',
    ]);
  });

  it('merges with the declared agent who gives the same phone', () => {
    const agent = idNumber();
    const declared = people(3);
    const undeclared = people(6);
    const names = new Map([
      ...declared.names,
      ...undeclared.names,
      [agent, '欧阳某'] as [string, string],
    ]);
    const events = [
      ...declared.ids.map((a) => ({ ...line(a), agent, agentPhone: '13900000099' })),
      ...undeclaredAgency(
        undeclared.ids.map((a) => line(a, { applicantPhone: '13900000099' })),
        names,
        P,
      ),
    ];
    const { findings } = detectIllegalAgents(events, names, AGENTS);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.people).toEqual([agent, ...declared.ids, ...undeclared.ids].sort());
    expect(findings[0]!.core).toEqual([agent, 'phone:13900000099'].sort());
  });
});
