import { describe, expect, it } from 'vitest';
import { ownApplications, plateAt, type PlateEvent } from './plate-periods.ts';

const at = (hhmm: string) => new Date(`2026-11-26T${hhmm}:00+08:00`);
const event = (hhmm: string, e: Partial<PlateEvent> & { event: string }): PlateEvent => ({
  at: at(hhmm),
  plate: null,
  applicationId: null,
  details: {},
  ...e,
});
const app = (id: string, hhmm: string, data: Record<string, unknown>) => ({
  id,
  submittedAt: at(hhmm),
  data,
});

describe('plateAt', () => {
  it('is the current plate of an imported vehicle whose record never changed here', () => {
    expect(plateAt([], '贵CA0001', at('09:00'))).toBe('贵CA0001');
  });

  it('is no plate before a registration here, and the old plate before a first transfer', () => {
    const registered = [event('10:00', { event: 'registered', plate: '贵CA0001' })];
    expect(plateAt(registered, '贵CA0001', at('09:00'))).toBeNull();
    expect(plateAt(registered, '贵CA0001', at('10:00'))).toBe('贵CA0001');
    const transferred = [
      event('10:00', {
        event: 'transferred',
        plate: '贵CB0002',
        details: { oldPlate: '贵CA0001' },
      }),
    ];
    expect(plateAt(transferred, '贵CB0002', at('09:00'))).toBe('贵CA0001');
    expect(plateAt(transferred, '贵CB0002', at('11:00'))).toBe('贵CB0002');
  });
});

describe('ownApplications', () => {
  const vehicle = { vin: 'LSVAU2180N2183294', plate: '贵CB0002' };
  const events = [
    event('10:00', { event: 'registered', plate: '贵CA0001', applicationId: 'reg' }),
    event('12:00', {
      event: 'transferred',
      plate: '贵CB0002',
      applicationId: 'transfer',
      details: { oldPlate: '贵CA0001' },
    }),
  ];

  it("keeps its VIN's and its changes' applications, and a plate's while it carried that plate", () => {
    const found = [
      app('reg', '10:00', { vin: vehicle.vin, plate: '贵CA0001' }),
      app('other-vin', '10:30', { vin: 'LSVAU2180N2183295', plate: '贵CA0001' }),
      app('reissue', '11:00', { plate: '贵CA0001' }),
      app('transfer', '12:00', { plate: '贵CA0001' }),
      app('next-holder', '13:00', { plate: '贵CA0001' }),
      app('now', '13:00', { plate: '贵CB0002' }),
      app('before', '09:00', { plate: '贵CB0002' }),
    ];
    expect(ownApplications(found, vehicle, events).map((a) => a.id)).toEqual([
      'reg',
      'reissue',
      'transfer',
      'now',
    ]);
  });
});
