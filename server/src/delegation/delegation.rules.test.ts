import { describe, expect, it } from 'vitest';
import {
  decideDelegation,
  DELEGATION_BASIS,
  NATIONAL_SUSPENSION_BASIS,
  type DelegationFacts,
} from './delegation.rules.ts';

const base: DelegationFacts = {
  today: '2026-11-26',
  suspensionBasis: NATIONAL_SUSPENSION_BASIS,
  outlet: { status: 'active', suspensionReason: null },
  businessType: { nameZh: '核发临时行驶车号牌', nameEn: 'Temporary plate', agentAllowed: true },
  businessTypeCode: 'vehicle.temp-plate',
  outletGrant: null,
  categoryGrant: { validFrom: null, validUntil: null },
  agreements: [],
  agentPresent: false,
  alternatives: '请到县级车管所办理',
  alternativesEn: 'Please apply at one of the following: county vehicle administration offices.',
};
const CHINESE = /[\u4e00-\u9fa5]/;
const codes = (f: Partial<DelegationFacts>) =>
  decideDelegation({ ...base, ...f }).map((i) => i.code);

describe('delegation decision (放)', () => {
  it('lets a category grant through', () => {
    expect(codes({})).toEqual([]);
  });

  it('refuses without any grant, and names where to go', () => {
    expect(decideDelegation({ ...base, categoryGrant: null })).toEqual([
      {
        code: 'NOT_DELEGATED',
        message: '本网点未获授权受理“核发临时行驶车号牌”业务',
        legalBasis: DELEGATION_BASIS,
        remedy: '请到县级车管所办理',
        messageEn: 'This outlet is not authorised to accept "Temporary plate" applications.',
        remedyEn: 'Please apply at one of the following: county vehicle administration offices.',
      },
    ]);
  });

  it('says why in Chinese and in English for every kind of gap', () => {
    const agreement = { validFrom: '2024-01-01', validUntil: '2027-12-31' };
    const gaps: Partial<DelegationFacts>[] = [
      { outletGrant: { effect: 'deny', validFrom: null, validUntil: null } },
      { outletGrant: { effect: 'allow', validFrom: null, validUntil: '2026-01-01' } },
      { categoryGrant: null },
      { categoryGrant: { validFrom: '2026-11-27', validUntil: null } },
      { agreements: [{ ...agreement, businessTypes: ['vehicle.register'] }] },
      {
        agreements: [
          { ...agreement, validUntil: '2026-11-25', businessTypes: ['vehicle.temp-plate'] },
        ],
      },
    ];
    const items = gaps.map((f) => decideDelegation({ ...base, ...f })[0]);
    expect(items.map((i) => i?.code)).toEqual(gaps.map(() => 'NOT_DELEGATED'));
    expect(new Set(items.map((i) => i?.messageEn)).size).toBe(gaps.length);
    for (const item of items) {
      expect(item?.message).toContain('“核发临时行驶车号牌”');
      expect(item?.messageEn).toContain('"Temporary plate"');
      expect(item?.messageEn).not.toMatch(CHINESE);
      expect(item?.remedyEn).toBe(base.alternativesEn);
    }
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
    expect(item).toEqual({
      code: 'OUTLET_SUSPENDED',
      message: '本网点已被暂停受理业务（原因：检验数据异常）',
      legalBasis: NATIONAL_SUSPENSION_BASIS,
      remedy: base.alternatives,
      messageEn:
        'This outlet has been suspended from accepting applications (reason: 检验数据异常).',
      remedyEn: base.alternativesEn,
    });
    const [withoutReason] = decideDelegation({
      ...base,
      outlet: { status: 'suspended', suspensionReason: null },
    });
    expect(withoutReason?.messageEn).toBe(
      'This outlet has been suspended from accepting applications.',
    );
  });

  it('refuses an agent where the owner must apply in person, and lists everything at once', () => {
    expect(
      codes({
        outlet: { status: 'suspended', suspensionReason: null },
        categoryGrant: null,
        businessType: {
          nameZh: '补领机动车登记证书',
          nameEn: 'Registration certificate reissue',
          agentAllowed: false,
          agentRuleBasis: '机动车登记规定 第八十六条',
        },
        agentPresent: true,
      }),
    ).toEqual(['OUTLET_SUSPENDED', 'NOT_DELEGATED', 'AGENT_NOT_ALLOWED']);
  });

  it('tells an agent in both languages that the owner must come in person', () => {
    const [item] = decideDelegation({
      ...base,
      businessType: {
        nameZh: '补领机动车登记证书',
        nameEn: 'Registration certificate reissue',
        agentAllowed: false,
        agentRuleBasis: '机动车登记规定 第八十六条',
      },
      agentPresent: true,
    });
    expect(item).toEqual({
      code: 'AGENT_NOT_ALLOWED',
      message: '“补领机动车登记证书”须由本人申请，不能由代理人代办',
      legalBasis: '机动车登记规定 第八十六条',
      remedy: '请申请人本人携带身份证明到场办理',
      messageEn:
        '"Registration certificate reissue" must be applied for by the applicant in person, not by a representative.',
      remedyEn: 'The applicant must come in person with proof of identity.',
    });
  });
});
