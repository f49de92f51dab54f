import { describe, expect, it } from 'vitest';
import { median, rateStations, type StationMetrics } from './station-risk.ts';

const station = (code: string, n: number, passes: number, over: Partial<StationMetrics> = {}) => ({
  code,
  countyCode: '520302',
  n,
  passes,
  short: 0,
  offHours: 0,
  photoReuse: 0,
  ...over,
});

describe('inspection-station risk rating', () => {
  it('medians', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBe(0);
  });

  it('rates the station that passes everything high, with its reason (worked example)', () => {
    // Five stations of 100: pass rates .80 .82 .84 .86 .99. Median M = .84; deviations
    // .04 .02 0 .02 .15 → D = .02, spread 1.4826·.02 = .029652. For n = 100,
    // M′ = (84 + .5)/101 = .836634, binomial variance .836634·.163366/100 = .0013668;
    // s = √(.029652² + .0013668) = √.0022460 = .047392; z(.99) = .15/.047392 = 3.165 ≥ 3.09.
    const rated = rateStations(
      [
        station('S1', 100, 80),
        station('S2', 100, 82),
        station('S3', 100, 84),
        station('S4', 100, 86),
        station('S5', 100, 99),
      ],
      { minSize: 20 },
    );
    const s5 = rated.find((r) => r.code === 'S5')!;
    expect(s5.rating).toBe('high');
    expect(s5.weight).toBe(4);
    expect(s5.contributions[0]).toMatchObject({
      metric: 'passRate',
      value: 0.99,
      peerMedian: 0.84,
    });
    expect(s5.contributions[0]!.z).toBeCloseTo(3.165, 2);
    expect(rated[0]!.code).toBe('S5');
    // S4 at .86: z = .02/.047392 = 0.42: low.
    expect(rated.find((r) => r.code === 'S4')).toMatchObject({ rating: 'low', weight: 1 });
  });

  it('a few off-hours inspections of a small station are noise; many of a large one are not', () => {
    const peers = ['A', 'B', 'C', 'D'].map((c) => station(c, 400, 320));
    // Peers have none: M = 0, D = 0. Small station, 1 of 25 off hours: M′ = .5/26 = .01923,
    // s = √(.01923·.98077/25) = .02747, z = .04/.02747 = 1.46: low.
    // Large station, 40 of 400: M′ = .5/401, s = √(.001247·.998753/400) = .001765, z = 56.7: high.
    const rated = rateStations(
      [
        ...peers,
        station('SMALL', 25, 20, { offHours: 1 }),
        station('BIG', 400, 320, { offHours: 40 }),
      ],
      { minSize: 20 },
    );
    const small = rated.find((r) => r.code === 'SMALL')!;
    expect(small.contributions[0]!.metric).toBe('offHoursShare');
    expect(small.contributions[0]!.z).toBeCloseTo(1.456, 2);
    expect(small.rating).toBe('low');
    expect(rated.find((r) => r.code === 'BIG')).toMatchObject({ rating: 'high', weight: 4 });
  });

  it('leaves stations with too few inspections, or too few peers, unrated at weight 1', () => {
    const rated = rateStations([station('X', 10, 10), station('Y', 100, 50)], { minSize: 20 });
    expect(rated.every((r) => !r.rated && r.weight === 1)).toBe(true);
  });
});
