import { describe, expect, it } from 'vitest';
import { decideDelegation, type DelegationFacts } from './delegation.rules.ts';

const base: DelegationFacts = {
  today: '2026-11-26',
  outlet: { status: 'active', suspensionReason: null },
  businessType: { nameZh: '核发临时行驶车号牌', agentAllowed: true },
  businessTypeCode: 'vehicle.temp-plate',
  outletGrant: null,
  categoryGrant: { validFrom: null, validUntil: null },
  agreements: [],
  agentPresent: false,
  alternatives: '请到县级车管所办理',
};
const codes = (f: Partial<DelegationFacts>) =>
  decideDelegation({ ...base, ...f }).map((i) => i.code);

describe('delegation decision (放)', () => {
  it('lets a category grant through', () => {
    expect(codes({})).toEqual([]);
  });

  it('refuses without any grant, and names where to go', () => {
    const [item] = decideDelegation({ ...base, categoryGrant: null });
    expect(item).toMatchObject({ code: 'NOT_DELEGATED', remedy: '请到县级车管所办理' });
  });

  it('honours grant validity at both ends, inclusive', () => {
    expect(codes({ categoryGrant: { validFrom: '2026-11-26', validUntil: '2026-11-26' } })).toEqual(
      [],
    );
    expect(codes({ categoryGrant: { validFrom: '2026-11-27', validUntil: null } })).toEqual([
      'NOT_DELEGATED',
    ]);
    expect(codes({ categoryGrant: { validFrom: null, validUntil: '2026-11-25' } })).toEqual([
      'NOT_DELEGATED',
    ]);
  });

  it('lets an outlet override its category either way', () => {
    expect(
      codes({
        categoryGrant: null,
        outletGrant: { effect: 'allow', validFrom: null, validUntil: null },
      }),
    ).toEqual([]);
    expect(codes({ outletGrant: { effect: 'deny', validFrom: null, validUntil: null } })).toEqual([
      'NOT_DELEGATED',
    ]);
    expect(
      codes({
        categoryGrant: null,
        outletGrant: { effect: 'allow', validFrom: null, validUntil: '2026-01-01' },
      }),
    ).toEqual(['NOT_DELEGATED']);
  });

  it('requires a social outlet to work under an agreement that covers the business and is in force', () => {
    const agreement = {
      validFrom: '2024-01-01',
      validUntil: '2027-12-31',
      businessTypes: ['vehicle.temp-plate'],
    };
    expect(codes({ agreements: [agreement] })).toEqual([]);
    expect(codes({ agreements: [{ ...agreement, businessTypes: ['vehicle.register'] }] })).toEqual([
      'NOT_DELEGATED',
    ]);
    expect(codes({ agreements: [{ ...agreement, validUntil: '2026-11-25' }] })).toEqual([
      'NOT_DELEGATED',
    ]);
    // An explicit grant to the outlet is its own authority.
    expect(
      codes({
        agreements: [{ ...agreement, businessTypes: [] }],
        outletGrant: { effect: 'allow', validFrom: null, validUntil: null },
      }),
    ).toEqual([]);
  });

  it('refuses at a suspended outlet, with the reason', () => {
    const [item] = decideDelegation({
      ...base,
      outlet: { status: 'suspended', suspensionReason: '检验数据异常' },
    });
    expect(item?.code).toBe('OUTLET_SUSPENDED');
    expect(item?.message).toContain('检验数据异常');
  });

  it('refuses an agent where the owner must apply in person, and lists everything at once', () => {
    expect(
      codes({
        outlet: { status: 'suspended', suspensionReason: null },
        categoryGrant: null,
        businessType: {
          nameZh: '补领机动车登记证书',
          agentAllowed: false,
          agentRuleBasis: '机动车登记规定 第八十六条',
        },
        agentPresent: true,
      }),
    ).toEqual(['OUTLET_SUSPENDED', 'NOT_DELEGATED', 'AGENT_NOT_ALLOWED']);
  });
});
