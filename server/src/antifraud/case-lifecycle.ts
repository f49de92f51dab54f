import type { CaseStatus } from '#shared/schemas/antifraud.ts';

/**
 * The lifecycle of an anti-fraud case, as data: opened from findings, investigated, then either
 * transferred to criminal investigation (R163 §30 ¶3: organisers; 刑法 where the gains are large)
 * or closed with an outcome. A transferred case is closed when the investigators answer.
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  open: ['investigating', 'closed'],
  investigating: ['transferred', 'closed'],
  transferred: ['closed'],
  closed: [],
};

/** States whose change must say how the case ended or where it went. */
export const NEEDS_OUTCOME: readonly CaseStatus[] = ['transferred', 'closed'];

/** A closed case takes no more steps or measures; every other state does. */
export const isActive = (status: CaseStatus) => status !== 'closed';

export type TransitionCheck =
  { ok: true } | { ok: false; reason: 'not-allowed' | 'outcome-required'; message: string };

/** Whether a case may move from one state to another, with the outcome given. */
export function checkTransition(
  from: CaseStatus,
  to: CaseStatus,
  outcome: string | undefined,
): TransitionCheck {
  if (!CASE_TRANSITIONS[from].includes(to)) {
    return {
      ok: false,
      reason: 'not-allowed',
      message: `案件状态不能从“${STATUS_ZH[from]}”变为“${STATUS_ZH[to]}”`,
    };
  }
  if (NEEDS_OUTCOME.includes(to) && !outcome?.trim()) {
    return { ok: false, reason: 'outcome-required', message: `案件${STATUS_ZH[to]}须写明结果` };
  }
  return { ok: true };
}

export const STATUS_ZH: Readonly<Record<CaseStatus, string>> = {
  open: '已立案',
  investigating: '调查中',
  transferred: '已移送',
  closed: '已结案',
};
