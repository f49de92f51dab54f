import type { CaseStatus } from '#shared/schemas/antifraud.ts';

/**
 * The lifecycle of an anti-fraud case, as data: opened from findings, investigated, then either
 * transferred to criminal investigation (R163 §30 ¶3: organisers; 刑法 where the gains are large)
 * or closed. A case whose findings already suffice may be transferred at once; a transferred
 * case is closed when the investigators answer. The outcome is optional (CONTRACT.md
 * `"outcome"?`): the web app asks for one, and a later step may add it.
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  open: ['investigating', 'transferred', 'closed'],
  investigating: ['transferred', 'closed'],
  transferred: ['closed'],
  closed: [],
};

/** A closed case takes no more steps or measures; every other state does. */
export const isActive = (status: CaseStatus) => status !== 'closed';

export type TransitionCheck = { ok: true } | { ok: false; reason: 'not-allowed'; message: string };

/** Whether a case may move from one state to another. */
export function checkTransition(from: CaseStatus, to: CaseStatus): TransitionCheck {
  if (!CASE_TRANSITIONS[from].includes(to)) {
    return {
      ok: false,
      reason: 'not-allowed',
      message: `案件状态不能从“${STATUS_ZH[from]}”变为“${STATUS_ZH[to]}”`,
    };
  }
  return { ok: true };
}

export const STATUS_ZH: Readonly<Record<CaseStatus, string>> = {
  open: '已立案',
  investigating: '调查中',
  transferred: '已移送',
  closed: '已结案',
};
