import type { Rule } from '../applications/handler.ts';

const R163_30 = '道路交通安全违法行为记分管理办法 第三十条';

/** What deciding a hold needs: the person and whether a hold is already on them. */
export interface HoldFacts {
  idNumber: string;
  held: { caseId: string } | null;
}

/** One hold per person: a second measure on a held person changes nothing. */
export const notAlreadyHeld: Rule<HoldFacts> = {
  code: 'ALREADY_HELD',
  legalBasis: R163_30,
  check: (f) =>
    f.held
      ? {
          message: `该人员的代为处理交通违法已因案件 ${f.held.caseId} 暂停`,
          remedy: '无需重复采取措施；如需调整请在原案件中处理',
          messageEn: `This person's substitute handling is already held by case ${f.held.caseId}.`,
          remedyEn: 'No second measure is needed; adjust it within the original case.',
        }
      : null,
};

export const SUBSTITUTE_HOLD_RULES: readonly Rule<HoldFacts>[] = [notAlreadyHeld];
