import { describe, expect, it } from 'vitest';
import { isValidPlate } from '#shared/validators/index.ts';
import { plateProblem, randomPlates, type VehicleType } from './plate-numbers.ts';

const TYPES: VehicleType[] = [
  'small-car',
  'large-car',
  'small-new-energy',
  'large-new-energy',
  'motorcycle',
  'trailer',
];

describe('plate numbers for registration (GA 36, R164 §43)', () => {
  it('draws valid numbers of the right layout for every vehicle type', () => {
    for (const type of TYPES) {
      for (const plate of randomPlates('贵C', type, 50)) {
        expect(isValidPlate(plate), plate).toBe(true);
        expect(plateProblem(plate, type, ['贵C']), plate).toBeNull();
      }
    }
  });

  it('refuses self-composed numbers that do not fit', () => {
    expect(plateProblem('贵CA12O4', 'small-car', ['贵C'])).toBe('format');
    expect(plateProblem('贵AA1234', 'small-car', ['贵C'])).toBe('prefix');
    expect(plateProblem('贵CD12345', 'small-car', ['贵C'])).toBe('type');
    expect(plateProblem('贵CA1234', 'small-new-energy', ['贵C'])).toBe('type');
    expect(plateProblem('贵CABC12', 'small-car', ['贵C'])).toBe('letters');
    expect(plateProblem('贵CAB123', 'small-car', ['贵C'])).toBeNull();
    expect(plateProblem('贵C12345D', 'large-new-energy', ['贵C'])).toBeNull();
    expect(plateProblem('贵C1234挂', 'trailer', ['贵C'])).toBeNull();
  });

  it('draws distinct numbers', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const plates = randomPlates('贵C', 'small-car', 20, random);
    expect(new Set(plates).size).toBe(20);
  });
});
