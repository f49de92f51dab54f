import type { RefusalItem } from '#shared/schemas/applications.ts';

/**
 * A legal precondition (1331): a code, its article, what it needs to have passed first, and what
 * to tell the applicant when it fails. Pure: facts in, failure or null out.
 */
export interface Rule<F> {
  code: string;
  legalBasis: string;
  /**
   * Rules that must pass before this one is asked at all (e.g. "owner matches" needs "vehicle
   * registered"): a notice never lists an item that another item makes meaningless, and no rule
   * guards itself by hand against facts that a prerequisite already ruled out.
   */
  requires?: readonly { code: string }[];
  /**
   * null when satisfied; otherwise the message and remedy for the refusal notice, in Chinese
   * (`message`, `remedy`: CONTRACT.md) and in English (`messageEn`, `remedyEn`) with the same facts.
   */
  check(facts: F): RuleFailure | null;
}

export interface RuleFailure {
  message: string;
  remedy: string;
  messageEn: string;
  remedyEn: string;
  /**
   * The basis this failure cites instead of the rule's, where the facts decide it: a limit set by
   * a city's own policy, or the article of the case at hand when one rule serves several.
   */
  legalBasis?: string;
}

/**
 * Orders rules so that each comes after the rules it requires (stable otherwise). Throws on a
 * requirement that is not in the list and on a cycle: both are programming errors, found when
 * the registry is built at start and by its test.
 */
export function orderRules<F>(rules: readonly Rule<F>[]): readonly Rule<F>[] {
  const byCode = new Map(rules.map((r) => [r.code, r]));
  if (byCode.size !== rules.length) throw new Error('two rules share a code');
  const ordered: Rule<F>[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (rule: Rule<F>, path: string[]) => {
    const seen = state.get(rule.code);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new Error(`rule cycle: ${[...path, rule.code].join(' → ')}`);
    state.set(rule.code, 'visiting');
    for (const { code } of rule.requires ?? []) {
      const required = byCode.get(code);
      if (!required) throw new Error(`rule ${rule.code} requires ${code}, which is not listed`);
      visit(required, [...path, rule.code]);
    }
    state.set(rule.code, 'done');
    ordered.push(rule);
  };
  for (const rule of rules) visit(rule, []);
  return ordered;
}

/**
 * Every failing rule at once (the 1331 notice), in dependency order. A rule whose requirement
 * failed, or was itself not asked, is not asked.
 */
export function evaluateRules<F>(ordered: readonly Rule<F>[], facts: F): RefusalItem[] {
  const passed = new Set<string>();
  const items: RefusalItem[] = [];
  for (const rule of ordered) {
    if (!(rule.requires ?? []).every((r) => passed.has(r.code))) continue;
    const failure = rule.check(facts);
    if (!failure) {
      passed.add(rule.code);
      continue;
    }
    const { message, remedy, messageEn, remedyEn } = failure;
    items.push({
      code: rule.code,
      message,
      legalBasis: failure.legalBasis ?? rule.legalBasis,
      remedy,
      messageEn,
      remedyEn,
    });
  }
  return items;
}
