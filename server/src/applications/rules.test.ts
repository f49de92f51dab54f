import { describe, expect, it } from 'vitest';
import { evaluateRules, orderRules, type Rule } from './rules.ts';

interface Facts {
  registered: boolean;
  owner: boolean;
  stolen: boolean;
}

const fail = (what: string) => ({
  message: what,
  remedy: what,
  messageEn: what,
  remedyEn: what,
});
const registered: Rule<Facts> = {
  code: 'REGISTERED',
  legalBasis: 'R §1',
  check: (f) => (f.registered ? null : fail('not registered')),
};
const owner: Rule<Facts> = {
  code: 'OWNER',
  legalBasis: 'R §2',
  requires: [registered],
  check: (f) => (f.owner ? null : fail('not the owner')),
};
const ownerKnown: Rule<Facts> = {
  code: 'OWNER_KNOWN',
  legalBasis: 'R §3',
  requires: [owner],
  check: () => null,
};
const notStolen: Rule<Facts> = {
  code: 'NOT_STOLEN',
  legalBasis: 'R §4',
  check: (f) => (f.stolen ? fail('stolen') : null),
};

const codes = (rules: readonly Rule<Facts>[], f: Facts) =>
  evaluateRules(orderRules(rules), f).map((i) => i.code);

describe('rules that know their order', () => {
  it('puts each rule after the rules it requires, whatever the listed order', () => {
    expect(orderRules([ownerKnown, notStolen, owner, registered]).map((r) => r.code)).toEqual([
      'REGISTERED',
      'OWNER',
      'OWNER_KNOWN',
      'NOT_STOLEN',
    ]);
  });

  it('does not ask a rule whose requirement failed: no contradicting items', () => {
    const all = [registered, owner, ownerKnown, notStolen];
    expect(codes(all, { registered: false, owner: false, stolen: false })).toEqual(['REGISTERED']);
    expect(codes(all, { registered: true, owner: false, stolen: false })).toEqual(['OWNER']);
  });

  it('still lists every independent failure at once (1331)', () => {
    const all = [registered, owner, notStolen];
    expect(codes(all, { registered: true, owner: false, stolen: true })).toEqual([
      'OWNER',
      'NOT_STOLEN',
    ]);
  });

  it('refuses a requirement that is not listed, a cycle and a repeated code', () => {
    expect(() => orderRules([owner])).toThrow(/requires REGISTERED/);
    const a: Rule<Facts> = {
      code: 'A',
      legalBasis: '',
      requires: [{ code: 'B' }],
      check: () => null,
    };
    const b: Rule<Facts> = {
      code: 'B',
      legalBasis: '',
      requires: [{ code: 'A' }],
      check: () => null,
    };
    expect(() => orderRules([a, b])).toThrow(/cycle/);
    expect(() => orderRules([registered, registered])).toThrow(/share a code/);
  });
});

describe('the basis a failure cites', () => {
  it("is the rule's, unless the failure names the one its facts decided", () => {
    const capped = (basis?: string): Rule<Facts> => ({
      code: 'CAPPED',
      legalBasis: '机动车登记规定 第四十七条',
      check: () => ({
        message: '已达上限',
        remedy: '请办理注册登记',
        messageEn: 'The limit is reached.',
        remedyEn: 'Register the vehicle.',
        ...(basis ? { legalBasis: basis } : {}),
      }),
    });
    const facts = { registered: true, owner: true, stolen: false };
    expect(evaluateRules([capped()], facts)[0]?.legalBasis).toBe('机动车登记规定 第四十七条');
    expect(evaluateRules([capped('本市政策（2019-01-01 起施行）')], facts)[0]?.legalBasis).toBe(
      '本市政策（2019-01-01 起施行）',
    );
  });
});
