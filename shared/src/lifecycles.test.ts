import { describe, expect, it } from 'vitest';
import {
  eventsFrom,
  LIFECYCLES,
  lifecycleProblems,
  STATUS_TRANSITIONS,
  targetState,
  type LifecycleDefinition,
} from './lifecycles.ts';

const stage = (code: string, withdrawable = false) => ({
  code,
  nameZh: code,
  nameEn: code,
  slaWorkingDays: 1,
  withdrawable,
});
const event = (code: string, from: string[], to: LifecycleDefinition['events'][number]['to']) => ({
  code,
  nameZh: code,
  nameEn: code,
  from,
  to,
  by: { kind: 'clerk' as const },
});

describe('application lifecycles as data', () => {
  it('every lifecycle in the table is sound', () => {
    for (const [type, lifecycle] of Object.entries(LIFECYCLES)) {
      expect(lifecycleProblems(lifecycle!), type).toEqual([]);
    }
  });

  it('closed statuses lead nowhere; submission never lands on withdrawn or expired', () => {
    for (const closed of ['completed', 'refused', 'withdrawn', 'expired'] as const) {
      expect(STATUS_TRANSITIONS[closed]).toEqual([]);
    }
    expect(STATUS_TRANSITIONS.submitted).toEqual(['accepted', 'completed', 'refused']);
  });

  it('finds unknown stages, dead ends and unreachable stages', () => {
    const broken: LifecycleDefinition = {
      stages: [stage('a'), stage('b'), stage('c')],
      events: [event('go', ['a'], [{ stage: 'b' }]), event('nowhere', ['x'], [{ stage: 'y' }])],
    };
    expect(lifecycleProblems(broken)).toEqual(
      expect.arrayContaining([
        'nowhere: unknown stage x',
        'nowhere: unknown target y',
        'stage c is unreachable',
        'stage b has no way out',
      ]),
    );
  });

  it('offers staff the events of a stage, withdrawal where the stage allows it', () => {
    expect(eventsFrom('vehicle.plate-reissue', 'plate-in-production')).toEqual([
      'plate-produced',
      'withdraw',
    ]);
    // The collection deadline is the platform's own event, not offered to staff.
    expect(eventsFrom('vehicle.plate-reissue', 'plate-ready')).toEqual(['plate-handed-over']);
    expect(eventsFrom('vehicle.temp-plate', 'anything')).toEqual([]);
  });

  it('reads targets as status and stage', () => {
    expect(targetState({ stage: 'b' })).toEqual({ status: 'accepted', stage: 'b' });
    expect(targetState('completed')).toEqual({ status: 'completed', stage: null });
  });
});
