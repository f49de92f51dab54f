import { describe, expect, it } from 'vitest';
import { AGENT_FLAG_RULES, AGENT_REVIEW_RULE, type FlagFacts } from './agent-review.rules.ts';
import { evaluateRules, orderRules } from './rules.ts';

const flagRules = orderRules(AGENT_FLAG_RULES);
const decide = (f: Partial<FlagFacts>) =>
  evaluateRules(flagRules, { today: '2026-11-26', until: '2027-02-28', standing: null, ...f }).map(
    (i) => i.code,
  );

describe('a review flag on an agent', () => {
  it('stands from today to a last day not already past, one at a time', () => {
    expect(decide({})).toEqual([]);
    expect(decide({ until: '2026-11-26' })).toEqual([]);
    expect(decide({ until: '2026-11-25' })).toEqual(['FLAG_PERIOD_ENDED']);
    expect(decide({ standing: { caseId: 'C1', until: '2027-01-31' } })).toEqual([
      'ALREADY_FLAGGED',
    ]);
  });

  it('refuses the agent under review citing the agency article of the business', () => {
    const facts = { agent: { name: '张某' }, flag: { until: '2027-02-28' } };
    const basis = (subject: keyof typeof AGENT_REVIEW_RULE) =>
      evaluateRules([AGENT_REVIEW_RULE[subject]], facts).map((i) => [i.code, i.legalBasis]);
    expect(basis('vehicle')).toEqual([['AGENT_UNDER_REVIEW', '机动车登记规定 第八十六条']]);
    expect(basis('licence')).toEqual([
      ['AGENT_UNDER_REVIEW', '机动车驾驶证申领和使用规定 第一百零五条'],
    ]);
    // Fine payment has no agency article; the nearest is R163 §30 on brokers.
    expect(basis('violation')).toEqual([
      ['AGENT_UNDER_REVIEW', '道路交通安全违法行为记分管理办法 第三十条'],
    ]);
    const [item] = evaluateRules([AGENT_REVIEW_RULE.vehicle], facts);
    expect(item!.message).toContain('张某');
    expect(item!.message).toContain('2027-02-28');
    expect(item!.remedyEn).toContain('in person');
    expect(evaluateRules([AGENT_REVIEW_RULE.vehicle], { ...facts, flag: null })).toEqual([]);
  });
});
