import type { LicenceClass } from '#shared/licences.ts';

/**
 * Adding a class (增驾, R162 §17): which classes must have been held how long, and how many
 * recent cycles must be free of a full score (the cycle in force and those before it).
 */
export const UPGRADE_PATHS: Partial<
  Record<LicenceClass, { paths: { from: LicenceClass[]; years: number }[]; cleanCycles: number }>
> = {
  C6: { paths: [{ from: ['C1', 'C2'], years: 1 }], cleanCycles: 2 },
  B1: { paths: [{ from: ['A3', 'B2', 'C1', 'C2', 'C3', 'C4'], years: 2 }], cleanCycles: 2 },
  A2: {
    paths: [
      { from: ['B1', 'B2'], years: 2 },
      { from: ['A1'], years: 1 },
    ],
    cleanCycles: 2,
  },
  A1: {
    paths: [
      { from: ['A3', 'B1'], years: 2 },
      { from: ['B2'], years: 3 },
      { from: ['A2'], years: 1 },
    ],
    cleanCycles: 3,
  },
};

/** Every other added class: no 12-point record in the cycle in force and the one before. */
export const DEFAULT_CLEAN_CYCLES = 2;
