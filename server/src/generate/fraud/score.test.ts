import { describe, expect, it } from 'vitest';
import { capsRule } from './caps.ts';
import { explainScore, matches, scoreFindings } from './score.ts';
import type { GroundTruth, PlantedRing } from './truth.ts';

const ring = (
  id: string,
  kind: PlantedRing['kind'],
  people: string[],
  o: Partial<PlantedRing> = {},
): PlantedRing => ({
  id,
  kind,
  people,
  staff: [],
  associates: [],
  phones: [],
  devices: [],
  plates: [],
  underCaps: true,
  note: '',
  ...o,
});

const truth: GroundTruth = {
  seed: 1,
  size: 'hand-made',
  period: { from: '2026-08-01', to: '2026-10-31' },
  rings: [
    ring('pt-1', 'point-trading', ['a1', 'a2', 'a3'], { associates: ['o1', 'o2'] }),
    ring('pt-2', 'point-trading', ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'], { underCaps: false }),
    ring('ia-1', 'illegal-agent', ['g1', 'g2'], { associates: ['c1', 'c2', 'c3'] }),
    ring('ic-1', 'insider-collusion', ['g1', 'g2'], { staff: ['S9'] }),
  ],
  negatives: [
    { id: 'f-1', kind: 'family', people: ['m1', 'm2'], staff: [], note: '' },
    { id: 'f-2', kind: 'family', people: ['n1', 'n2'], staff: [], note: '' },
    { id: 'c-1', kind: 'busy-clerk', people: [], staff: ['S1'], note: '' },
  ],
};

const f = (id: string, kind: string, people: string[], staff: string[] = []) => ({
  id,
  kind,
  people,
  staff,
});

describe('matching a finding to a planted ring', () => {
  it('needs 2/3 of the core covered and 2/3 of the finding inside the ring', () => {
    const pt1 = truth.rings[0]!;
    expect(matches(f('x', 'point-trading', ['a1', 'a2']), pt1)).toBe(true);
    expect(matches(f('x', 'point-trading', ['a1']), pt1)).toBe(false); // 1/3 covered
    // Buyers may be listed; strangers may not outnumber a third.
    expect(matches(f('x', 'point-trading', ['a1', 'a2', 'a3', 'o1', 'o2']), pt1)).toBe(true);
    expect(matches(f('x', 'point-trading', ['a1', 'a2', 'z1', 'z2']), pt1)).toBe(false);
    expect(matches(f('x', 'point-trading', ['a1', 'a2', 'a3', 'z1']), pt1)).toBe(true);
    expect(matches(f('x', 'illegal-agent', ['a1', 'a2', 'a3']), pt1)).toBe(false); // wrong kind
  });

  it('counts staff ids apart from identity numbers', () => {
    const ic = truth.rings[3]!;
    expect(matches(f('x', 'insider-collusion', ['g1'], ['S9']), ic)).toBe(true);
    expect(matches(f('x', 'insider-collusion', ['g1', 'S9']), ic)).toBe(false);
  });
});

describe('scoring findings against the truth', () => {
  it('gives recall, precision and the hard-negative false-positive rate per kind', () => {
    const s = scoreFindings(truth, [
      f('1', 'point-trading', ['a1', 'a2', 'a3']),
      // A ring split in two: neither half covers 2/3 of it.
      f('2', 'point-trading', ['b1', 'b2', 'b3']),
      f('3', 'point-trading', ['b4', 'b5', 'b6']),
      f('4', 'point-trading', ['m1', 'm2']), // a family
      f('5', 'illegal-agent', ['g1', 'c1', 'c2']),
      f('6', 'insider-collusion', ['g1', 'g2'], ['S9']),
    ]);
    const row = (k: string) => s.kinds.find((x) => x.kind === k)!;
    expect(row('point-trading')).toMatchObject({
      planted: 2,
      touched: 2,
      recalled: 1,
      recall: 0.5,
      findings: 4,
      correct: 1,
      precision: 0.25,
    });
    expect(row('point-trading (under the caps)')).toMatchObject({
      planted: 1,
      recalled: 1,
      recall: 1,
      precision: 0.25,
    });
    expect(row('illegal-agent')).toMatchObject({
      planted: 1,
      recalled: 0,
      recall: 0,
      findings: 1,
      correct: 0,
    });
    expect(row('insider-collusion')).toMatchObject({ recalled: 1, recall: 1, precision: 1 });
    expect(s.negatives.find((g) => g.kind === 'family')).toMatchObject({
      groups: 2,
      flagged: 1,
      rate: 0.5,
    });
    expect(s.negatives.find((g) => g.kind === 'busy-clerk')).toMatchObject({
      groups: 1,
      flagged: 0,
      rate: 0,
    });
    expect(s.negativeRate).toBeCloseTo(1 / 3);
    expect(s.negatives.find((g) => g.kind === 'fleet')!.rate).toBeNull();
  });
});

describe('explaining the score', () => {
  it('names the closest finding of a missed ring and the groups inside a wrong finding', () => {
    const lines = explainScore(truth, [
      f('1', 'point-trading', ['a1', 'a2', 'a3']),
      f('2', 'point-trading', ['b1', 'b2', 'm1', 'z9']),
    ]);
    expect(lines).toContain(
      'missed pt-2 (6 people, 0 staff; ): closest finding 2 covers 33 %, 50 % of it in the ring',
    );
    expect(
      lines.some(
        (l) => l.startsWith('missed ia-1') && l.endsWith('no finding names any of its members'),
      ),
    ).toBe(true);
    expect(lines).toContain(
      'wrong point-trading finding 2 (4 members): 2 × pt-2, 1 × f-1, 1 × no planted group',
    );
    expect(lines.some((l) => l.includes('finding 1 '))).toBe(false);
  });
});

describe('the national caps rule', () => {
  const h = (driver: string, plate: string, owner = `owner-of-${plate}`) => ({
    driverIdNumber: driver,
    plate,
    ownerIdNumber: owner,
  });
  it('flags a licence over 3 non-own vehicles and a vehicle over 3 licences, grouped by shared vehicles', () => {
    const findings = capsRule([
      ...['P1', 'P2', 'P3', 'P4'].map((p) => h('d1', p)), // d1: 4 non-own vehicles
      h('d2', 'P4'), // d2 shares P4 with d1, under the cap itself: not flagged
      ...['d3', 'd4', 'd5', 'd6'].map((d) => h(d, 'Q1')), // Q1: 4 licences
      ...['P1', 'P2', 'P3'].map((p) => h('d7', p)), // d7: exactly 3, under the cap
      ...['R1', 'R2', 'R3', 'R4', 'R5'].map((p) => h('own', p, 'own')), // own vehicles never count
    ]);
    expect(findings.map((x) => x.people)).toEqual([['d1'], ['d3', 'd4', 'd5', 'd6']]);
  });
});
