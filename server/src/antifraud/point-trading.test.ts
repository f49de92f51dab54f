import { describe, expect, it } from 'vitest';
import { idNumber, orgCode } from '../../../test/support/factories.ts';
import { denseBlocks, densestBlock } from './fraudar.ts';
import type { PointsEvent } from './graph.ts';
import { detectPointTrading, type PointTradingParams } from './point-trading.ts';

const PARAMS: PointTradingParams = {
  c: 5,
  minDrivers: 2,
  minOwners: 3,
  minScore: 0.42,
  householdMaxPeople: 4,
  capPlates: 3,
  capDrivers: 3,
  hubPeople: 20,
};

let n = 0;
/** One handling; ids and times are made up, the graph is what matters. */
function handling(
  driver: string,
  owner: string,
  plate: string,
  extra: Partial<PointsEvent> = {},
): PointsEvent {
  n += 1;
  return {
    id: `h${n}`,
    at: new Date(`2026-11-0${(n % 9) + 1}T15:30:00Z`), // 23:30 Beijing
    driver,
    owner,
    plate,
    points: 3,
    phone: null,
    device: null,
    channel: 'internet',
    outletCode: null,
    staffId: null,
    countyCode: '520302',
    ...extra,
  };
}

const people = (k: number) => Array.from({ length: k }, () => idNumber());

/**
 * A ring of three drivers under the caps: each takes points for three vehicles of unrelated
 * owners (no vehicle has more than one of them), all through the broker's phone and device, and
 * each also handles their own car through their own phone (camouflage).
 */
function ringOfThree() {
  const drivers = people(3);
  const owners = people(9);
  const events: PointsEvent[] = [];
  drivers.forEach((d, i) => {
    for (let j = 0; j < 3; j++) {
      const o = owners[i * 3 + j]!;
      events.push(
        handling(d, o, `贵C${i}${j}R01`, { phone: '13900000001', device: 'broker-dev-1' }),
      );
    }
    events.push(handling(d, d, `贵C${i}OWN1`, { phone: `1370000000${i}`, channel: 'window' }));
  });
  return { drivers, owners, events };
}

/** Names of everyone: distinct surnames unless given. */
const namesOf = (ids: string[], given: Record<string, string> = {}) => {
  const surnames = '赵钱孙李周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
  return new Map(ids.map((id, i) => [id, given[id] ?? `${surnames[i % surnames.length]}某`]));
};

describe('FRAUDAR greedy peeling', () => {
  it('finds the dense block and leaves a popular column out', () => {
    const edges = [
      ...['a', 'b', 'c'].flatMap((r) => ['x', 'y', 'z'].map((col) => ({ row: r, col }))),
      ...['a', 'd', 'e', 'f'].map((r) => ({ row: r, col: 'hub' })),
    ];
    const block = densestBlock(edges, (col) => (col === 'hub' ? 500 : 3), 5);
    expect(block.rows).toEqual(['a', 'b', 'c']);
    expect(block.cols).toEqual(['x', 'y', 'z']);
  });

  it('finds each of two rings that a popular column joins into one component', () => {
    const biclique = (rows: string[], cols: string[]) =>
      rows.flatMap((row) => cols.map((col) => ({ row, col })));
    const edges = [
      ...biclique(['a', 'b', 'c'], ['x1', 'x2', 'x3']),
      ...biclique(['d', 'e', 'f'], ['y1', 'y2', 'y3']),
      ...['a', 'd', 'g', 'h'].map((row) => ({ row, col: 'hub' })),
    ];
    const blocks = denseBlocks(edges, (col) => (col === 'hub' ? 500 : 3), {
      c: 5,
      minRows: 2,
      minDensity: 0.42,
    });
    expect(blocks.map((b) => b.rows)).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
  });
});

describe('point trading (买分卖分)', () => {
  it('finds a ring of three that stays under the caps and camouflages with own handlings', () => {
    const { drivers, owners, events } = ringOfThree();
    const found = detectPointTrading(events, namesOf([...drivers, ...owners]), PARAMS);
    expect(found).toHaveLength(1);
    const ring = found[0]!;
    expect(ring.core).toEqual([...drivers].sort());
    expect(ring.people).toEqual([...drivers, ...owners].sort());
    expect(ring.plates).toHaveLength(9);
    expect(ring.phones).toEqual(['13900000001']);
    expect(ring.devices).toEqual(['broker-dev-1']);
    expect(ring.score).toBeGreaterThanOrEqual(PARAMS.minScore);
    expect(ring.evidence[0]!.text).toContain('3 名驾驶人为 9 名无关车主的 9 辆机动车');
    expect(ring.evidence[2]!.text).toContain('均未超过');
    expect(ring.evidence.at(-1)!.count).toBe(3); // the own handlings, reported as camouflage
  });

  it('says which cap a ring went over, and by how much, not that it reached both', () => {
    // Four drivers taking points for up to six vehicles each; no vehicle has more than two drivers.
    const drivers = people(4);
    const owners = people(10);
    const events = owners.flatMap((o, k) =>
      [0, 1].map((j) =>
        handling(drivers[(k + j) % 4]!, o, `贵C${k}T001`, {
          phone: '13900000001',
          device: 'broker-dev-1',
        }),
      ),
    );
    const [ring] = detectPointTrading(events, namesOf([...drivers, ...owners]), PARAMS);
    const caps = ring!.evidence[2]!;
    expect(caps.text).toBe('有驾驶人代处理 6 辆非本人机动车，超过“一证3车”上限');
    expect(caps.textEn).toBe('A driver took points for 6 vehicles, over the cap of 3');
  });

  it('keeps finding the ring among many honest drivers using an outlet hot-line', () => {
    const { drivers, owners, events } = ringOfThree();
    const honest = people(120);
    const friends = people(120);
    honest.forEach((d, i) =>
      events.push(handling(d, friends[i]!, `贵C${i}F001`, { phone: '08512345678' })),
    );
    const found = detectPointTrading(
      events,
      namesOf([...drivers, ...owners, ...honest, ...friends]),
      PARAMS,
    );
    expect(found.map((f) => f.core)).toEqual([[...drivers].sort()]);
  });

  it('joins the pieces of one broker’s ring that his several phones split, not other rings', () => {
    // The broker's first phone serves four drivers, his second four more; one member used both.
    const drivers = people(8);
    const owners = people(16);
    const events = drivers.flatMap((d, i) =>
      [0, 1].map((j) =>
        handling(d, owners[i * 2 + j]!, `贵C${i}${j}SPL`, {
          phone: i < 4 || (i === 4 && j === 0) ? '13900000011' : '13900000022',
        }),
      ),
    );
    // Another broker's ring of three, its members sharing nothing with the first.
    const other = ringOfThree();
    const found = detectPointTrading(
      [...events, ...other.events],
      namesOf([...drivers, ...owners, ...other.drivers, ...other.owners]),
      PARAMS,
    );
    expect(found.map((f) => f.core).sort()).toEqual(
      [[...drivers].sort(), [...other.drivers].sort()].sort(),
    );
    expect(found.find((f) => f.core.length === 8)!.phones).toEqual(['13900000011', '13900000022']);
  });

  it('keeps two rings apart when they share only an outlet’s hot-line', () => {
    const a = ringOfThree();
    const b = ringOfThree();
    // Every member of both rings also called the hot-line once, as did 25 honest drivers.
    const b2 = b.events.map((e) =>
      e.phone === '13900000001'
        ? { ...e, plate: `${e.plate}B`, phone: '13900000002', device: 'broker-dev-2' }
        : e,
    );
    const honest = people(25);
    const friends = people(25);
    const hotline = { phone: '08512345678' };
    const events = [
      ...a.events,
      ...b2,
      ...[...a.drivers, ...b.drivers].map((d, i) =>
        handling(d, friends[i]!, `贵C${i}HOT1`, hotline),
      ),
      ...honest.map((d, i) => handling(d, friends[i]!, `贵C${i}HON1`, hotline)),
    ];
    const found = detectPointTrading(
      events,
      namesOf([...a.drivers, ...a.owners, ...b.drivers, ...b.owners, ...honest, ...friends]),
      PARAMS,
    );
    expect(found.map((f) => f.core).sort()).toEqual(
      [[...a.drivers].sort(), [...b.drivers].sort()].sort(),
    );
  });

  it('names a member whose only tie is one trade on the broker’s phone', () => {
    const { drivers, owners, events } = ringOfThree();
    const [late, stranger] = people(2);
    events.push(handling(late!, stranger!, '贵C9LATE1', { phone: '13900000001' }));
    const found = detectPointTrading(
      events,
      namesOf([...drivers, ...owners, late!, stranger!]),
      PARAMS,
    );
    expect(found.map((f) => f.core)).toEqual([[...drivers, late!].sort()]);
  });

  it('does not flag a family of five on the home phone registered for their cars', () => {
    // Five people are more than a household's phone of the policy: the phone the owners
    // registered for their vehicles still ties them together.
    const family = people(5);
    const home = '13922223333';
    const events = family.flatMap((d, i) => [
      handling(d, family[(i + 1) % 5]!, `贵CHOM${i}1`, { phone: home }),
      handling(d, family[(i + 2) % 5]!, `贵CHOM${i}2`, { phone: home }),
    ]);
    const registered = new Map(family.map((f) => [f, home]));
    expect(detectPointTrading(events, namesOf(family), PARAMS, registered)).toEqual([]);
    // Without the registry's phones they would look like a ring: the test means something.
    expect(detectPointTrading(events, namesOf(family), PARAMS)).not.toEqual([]);
  });

  it('does not flag a family sharing a phone and each other’s points', () => {
    const [dad, mum, son, daughter] = people(4);
    const phone = '13911112222';
    const events = [
      handling(dad!, dad!, '贵CFAM01', { phone }),
      handling(mum!, dad!, '贵CFAM01', { phone }),
      handling(son!, mum!, '贵CFAM02', { phone }),
      handling(daughter!, mum!, '贵CFAM02', { phone }),
      handling(mum!, son!, '贵CFAM03', { phone }),
      handling(dad!, daughter!, '贵CFAM04', { phone }),
      handling(son!, dad!, '贵CFAM01', { phone }),
    ];
    // The mother has her own surname; the phone ties the household together.
    const names = namesOf([dad!, mum!, son!, daughter!], {
      [dad!]: '王建国',
      [mum!]: '李秀英',
      [son!]: '王磊',
      [daughter!]: '王芳',
    });
    expect(detectPointTrading(events, names, PARAMS)).toEqual([]);
  });

  it('does not flag a company fleet whose drivers handle the company’s vehicles', () => {
    const company = orgCode();
    const drivers = people(6);
    const events = drivers.flatMap((d, i) =>
      [0, 1, 2].map((j) =>
        handling(d, company, `贵C${i}${j}FLT`, { phone: '08518888888', device: 'fleet-office' }),
      ),
    );
    expect(detectPointTrading(events, namesOf(drivers), PARAMS)).toEqual([]);
  });

  it('does not flag unrelated drivers who each helped one friend from their own phones', () => {
    const drivers = people(10);
    const owners = people(10);
    const events = drivers.map((d, i) =>
      handling(d, owners[i]!, `贵C${i}HLP1`, { phone: `1360000000${i}` }),
    );
    expect(detectPointTrading(events, namesOf([...drivers, ...owners]), PARAMS)).toEqual([]);
  });
});
