import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '#shared/schemas/antifraud.ts';
import { CASE_TRANSITIONS, checkTransition, isActive } from './case-lifecycle.ts';

describe('anti-fraud case lifecycle', () => {
  it('investigates, then transfers or closes; a transferred case closes when answered', () => {
    expect(checkTransition('open', 'investigating')).toEqual({ ok: true });
    expect(checkTransition('investigating', 'transferred')).toEqual({ ok: true });
    expect(checkTransition('transferred', 'closed')).toEqual({ ok: true });
    expect(checkTransition('open', 'closed')).toEqual({ ok: true });
    // Findings that already suffice go to the criminal investigators at once.
    expect(checkTransition('open', 'transferred')).toEqual({ ok: true });
  });

  it('never leaves a closed case, never goes back, never repeats a state', () => {
    for (const to of CASE_STATUSES) {
      expect(checkTransition('closed', to)).toMatchObject({ reason: 'not-allowed' });
    }
    expect(checkTransition('transferred', 'investigating').ok).toBe(false);
    expect(checkTransition('investigating', 'open').ok).toBe(false);
    expect(checkTransition('investigating', 'investigating').ok).toBe(false);
  });

  it('names every state, and only a closed case is inactive', () => {
    expect(Object.keys(CASE_TRANSITIONS).sort()).toEqual([...CASE_STATUSES].sort());
    expect(CASE_STATUSES.filter((s) => !isActive(s))).toEqual(['closed']);
  });
});
