import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '#shared/schemas/antifraud.ts';
import { CASE_TRANSITIONS, checkTransition, isActive } from './case-lifecycle.ts';

describe('anti-fraud case lifecycle', () => {
  it('investigates, then transfers or closes; a transferred case closes when answered', () => {
    expect(checkTransition('open', 'investigating', undefined)).toEqual({ ok: true });
    expect(checkTransition('investigating', 'transferred', '移送刑侦支队')).toEqual({ ok: true });
    expect(checkTransition('transferred', 'closed', '已判决')).toEqual({ ok: true });
    expect(checkTransition('open', 'closed', '经核查为家庭成员互相处理')).toEqual({ ok: true });
  });

  it('never leaves a closed case and never skips the investigation to transfer', () => {
    for (const to of CASE_STATUSES) {
      expect(checkTransition('closed', to, '结果').ok).toBe(false);
    }
    expect(checkTransition('open', 'transferred', '移送')).toMatchObject({ reason: 'not-allowed' });
    expect(checkTransition('investigating', 'investigating', undefined).ok).toBe(false);
  });

  it('wants an outcome to transfer or close', () => {
    expect(checkTransition('investigating', 'closed', '  ')).toMatchObject({
      reason: 'outcome-required',
    });
    expect(checkTransition('investigating', 'transferred', undefined)).toMatchObject({
      reason: 'outcome-required',
    });
  });

  it('names every state, and only a closed case is inactive', () => {
    expect(Object.keys(CASE_TRANSITIONS).sort()).toEqual([...CASE_STATUSES].sort());
    expect(CASE_STATUSES.filter((s) => !isActive(s))).toEqual(['closed']);
  });
});
