import { describe, expect, it } from 'vitest';
import { VEHICLE_STATUSES } from '#shared/schemas/vehicles.ts';
import {
  liftEvent,
  nextVehicleStatus,
  RESTORE,
  statusToRestore,
  VEHICLE_EVENTS,
  type VehicleEvent,
} from './vehicle-lifecycle.ts';

describe('vehicle status lifecycle', () => {
  it('mortgages and releases a normal vehicle', () => {
    expect(nextVehicleStatus('normal', 'mortgage')).toBe('mortgaged');
    expect(nextVehicleStatus('mortgaged', 'release-mortgage')).toBe('normal');
  });

  it('never deregisters a mortgaged or seized vehicle (R164 §42)', () => {
    expect(nextVehicleStatus('mortgaged', 'deregister')).toBeNull();
    expect(nextVehicleStatus('seized', 'deregister')).toBeNull();
    expect(nextVehicleStatus('scrap-due', 'deregister')).toBe('deregistered');
  });

  it('gives a lifted flag back the status the vehicle had before it', () => {
    expect(nextVehicleStatus('seized', 'lift-seizure', 'mortgaged')).toBe('mortgaged');
    expect(nextVehicleStatus('stolen', 'recover', 'normal')).toBe('normal');
    expect(nextVehicleStatus('stolen', 'recover', 'seized')).toBeNull();
    expect(nextVehicleStatus('normal', 'recover', 'normal')).toBeNull();
  });

  it('gives back a status that can be restored, the mortgage telling it where none is on record', () => {
    expect(statusToRestore('scrap-due', { mortgage: null })).toBe('scrap-due');
    expect(statusToRestore('stolen', { mortgage: null })).toBe('normal');
    expect(statusToRestore('seized', { mortgage: {} })).toBe('mortgaged');
    expect(statusToRestore(undefined, { mortgage: {} })).toBe('mortgaged');
  });

  it('lifts a flag by an event that can happen in the status, or changes no status', () => {
    const statuses = ['normal', 'mortgaged', 'scrap-due'] as const;
    for (const from of ['seized', 'stolen'] as const) {
      for (const remaining of [null, 'seized', 'stolen'] as const) {
        for (const restore of statuses) {
          const lift = liftEvent(from, remaining, restore);
          if (lift) expect(nextVehicleStatus(from, lift.event, lift.before)).not.toBeNull();
        }
      }
    }
    expect(liftEvent('stolen', null, 'mortgaged')).toEqual({
      event: 'recover',
      before: 'mortgaged',
    });
    expect(liftEvent('stolen', 'seized', 'normal')).toEqual({ event: 'recover-seized' });
    expect(liftEvent('stolen', 'stolen', 'normal')).toBeNull();
    expect(liftEvent('deregistered', null, 'normal')).toBeNull();
  });

  it('lets nothing happen to a deregistered vehicle', () => {
    for (const event of Object.keys(VEHICLE_EVENTS) as VehicleEvent[]) {
      expect(nextVehicleStatus('deregistered', event, 'normal')).toBeNull();
    }
  });

  it('only names statuses of the contract', () => {
    for (const rule of Object.values(VEHICLE_EVENTS)) {
      if (rule.to !== RESTORE) expect(VEHICLE_STATUSES).toContain(rule.to);
      for (const from of rule.from) expect(VEHICLE_STATUSES).toContain(from);
    }
  });
});
