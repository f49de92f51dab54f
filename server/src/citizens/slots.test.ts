import { describe, expect, it } from 'vitest';
import { slotsOf } from './slots.ts';

const HOURS = {
  weekdays: [
    { open: '08:30', close: '12:00' },
    { open: '14:00', close: '17:30' },
  ],
  saturday: [{ open: '09:00', close: '10:00' }],
  sunday: [],
  holidays: false,
};

describe('appointment slots', () => {
  it('cuts each period of a weekday into whole slots', () => {
    // 2026-12-01 is a Tuesday.
    const slots = slotsOf(HOURS, '2026-12-01', null, 60);
    expect(slots).toEqual(['08:30', '09:30', '10:30', '14:00', '15:00', '16:00']);
  });
  it('uses the weekend sessions on Saturday and Sunday', () => {
    expect(slotsOf(HOURS, '2026-12-05', null, 30)).toEqual(['09:00', '09:30']);
    expect(slotsOf(HOURS, '2026-12-06', null, 30)).toEqual([]);
  });
  it('closes on a public holiday unless the outlet serves on holidays, then in its Sunday sessions', () => {
    const sundays = { ...HOURS, sunday: [{ open: '09:00', close: '12:30' }] };
    expect(slotsOf(sundays, '2026-12-01', 'holiday', 60)).toEqual([]);
    // As the bulletins read a holiday (supervision/hours.ts): a weekday slot at 08:30 would be
    // counted as business done while closed.
    expect(slotsOf({ ...sundays, holidays: true }, '2026-12-01', 'holiday', 210)).toEqual([
      '09:00',
    ]);
  });
  it('offers the extended session (错时延时) of a working day, not of a weekend day', () => {
    const extended = { ...HOURS, extendedUntil: '19:00' };
    expect(slotsOf(extended, '2026-12-01', null, 60)).toEqual([
      '08:30',
      '09:30',
      '10:30',
      '14:00',
      '15:00',
      '16:00',
      '17:00',
      '18:00',
    ]);
    expect(slotsOf(extended, '2026-12-05', null, 30)).toEqual(['09:00', '09:30']);
    // An extension that ends before the last session closes extends nothing.
    expect(slotsOf({ ...HOURS, extendedUntil: '17:00' }, '2026-12-01', null, 210)).toEqual([
      '08:30',
      '14:00',
    ]);
  });
  it('opens a working weekend day (调休) with weekday hours', () => {
    expect(slotsOf(HOURS, '2026-12-06', 'workday', 210)).toEqual(['08:30', '14:00']);
  });
});
