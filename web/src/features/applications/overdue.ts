import type { ApplicationResponse } from './api.ts';

/**
 * Accepted and past its due date (SLA) on `today` (a Beijing date), as the server's `overdue`
 * filter decides it.
 */
export const isOverdue = (
  a: Pick<ApplicationResponse, 'status' | 'slaDueOn'>,
  today: string,
): boolean => a.status === 'accepted' && !!a.slaDueOn && a.slaDueOn < today;
