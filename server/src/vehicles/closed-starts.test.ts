import { describe, expect, it } from 'vitest';
import { closedQuarterBytes, closedStarts } from './closed-starts.ts';

const open = '0'.repeat(96);
/** Closed from 18:00 (quarter 72) to midnight. */
const evenings = '0'.repeat(72) + '1'.repeat(24);

describe('closedQuarterBytes', () => {
  it('numbers the kinds in order of appearance and marks each station’s closed quarters', () => {
    const { days, closed } = closedQuarterBytes({
      days: [
        { day: '2026-11-06', kind: 'workday' },
        { day: '2026-11-07', kind: 'saturday' },
        { day: '2026-11-08', kind: 'sunday' },
        { day: '2026-11-09', kind: 'workday' },
      ],
      masks: [
        { stationCode: 'S1', kind: 'saturday', mask: evenings },
        { stationCode: 'S1', kind: 'workday', mask: open },
        { stationCode: 'S1', kind: 'holiday', mask: '1'.repeat(96) }, // no holiday in the days
      ],
    });
    expect(days.first).toBe('2026-11-06');
    expect([...days.kinds]).toEqual([0, 1, 2, 0]);
    const s1 = closed.get('S1')!;
    expect(s1).toHaveLength(3 * 96);
    expect(s1.indexOf(1)).toBe(96 + 72); // Saturday 18:00
    expect(s1.slice(96, 192).reduce((a, b) => a + b, 0)).toBe(24);
    expect(s1.slice(0, 96).every((b) => b === 0)).toBe(true);
  });
});

describe('closedStarts', () => {
  // Days 0–2: a Friday (workday), a Saturday and a Sunday; S1 closes Saturday evenings only.
  const { days, closed } = closedQuarterBytes({
    days: [
      { day: '2026-11-06', kind: 'workday' },
      { day: '2026-11-07', kind: 'saturday' },
      { day: '2026-11-08', kind: 'sunday' },
    ],
    masks: [
      { stationCode: 'S1', kind: 'saturday', mask: evenings },
      { stationCode: 'S1', kind: 'workday', mask: open },
      { stationCode: 'S1', kind: 'sunday', mask: open },
    ],
  });

  it('takes the kind of the day an inspection started on, also across midnight', () => {
    const found = closedStarts(
      [
        // Finished on Sunday: started Saturday 23:45 (-1), Sunday 23:45 (95, open), Saturday 18:00 (-24).
        { station_code: 'S1', day: '2026-11-08', start_quarters: [-1, 95, -24] },
        // Finished on Saturday: 17:45 (71, open), 18:00 (72, closed).
        { station_code: 'S1', day: '2026-11-07', start_quarters: [71, 72] },
      ],
      days,
      closed,
      10,
    );
    expect(found.get('S1')).toEqual({
      n: 3,
      places: [
        { stationCode: 'S1', day: '2026-11-08', i: 1 },
        { stationCode: 'S1', day: '2026-11-08', i: 3 },
        { stationCode: 'S1', day: '2026-11-07', i: 2 },
      ],
    });
  });

  it('leaves out starts before the first day or after the last, and stations without hours', () => {
    const found = closedStarts(
      [
        // Friday's inspection started on Thursday evening: a day outside the days given.
        { station_code: 'S1', day: '2026-11-06', start_quarters: [-10] },
        // Finished on Monday (after the days) from a Sunday start, and a Monday one.
        { station_code: 'S1', day: '2026-11-09', start_quarters: [-20, 80] },
        { station_code: 'S2', day: '2026-11-07', start_quarters: [80] },
      ],
      days,
      closed,
      10,
    );
    expect(found.size).toBe(0);
  });

  it('counts every closed start but keeps the places of the first `limit` only', () => {
    const found = closedStarts(
      [{ station_code: 'S1', day: '2026-11-07', start_quarters: [72, 10, 80, 90, 95] }],
      days,
      closed,
      2,
    );
    expect(found.get('S1')).toEqual({
      n: 4,
      places: [
        { stationCode: 'S1', day: '2026-11-07', i: 1 },
        { stationCode: 'S1', day: '2026-11-07', i: 3 },
      ],
    });
  });
});
