import type { TFunction } from 'i18next';
import type { Validity } from './api.ts';

/** "2024-01-01 to 2026-12-31", or "no end date" for an open grant. */
export function validityText(v: Validity, t: TFunction): string {
  if (!v.validFrom && !v.validUntil) return t('delegation.longTerm');
  return t('delegation.validity', {
    from: v.validFrom ?? '…',
    until: v.validUntil ?? t('delegation.longTerm'),
  });
}
