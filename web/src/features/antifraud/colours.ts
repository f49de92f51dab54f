import type { CaseStatus, FindingKind } from '#shared/schemas/antifraud.ts';

/** Tag colours with AA contrast for antd's tag text on white (the ones axe passes elsewhere). */
export const KIND_COLOR: Record<FindingKind, string> = {
  'point-trading': 'warning',
  'illegal-agent': 'processing',
  'insider-collusion': 'error',
};
export const CASE_STATUS_COLOR: Record<CaseStatus, string> = {
  open: 'processing',
  investigating: 'warning',
  transferred: 'error',
  closed: 'default',
};
