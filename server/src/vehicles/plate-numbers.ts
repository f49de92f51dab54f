import { parsePlate, type PlateKind } from '#shared/validators/index.ts';

/**
 * Plate numbers (GA 36-2018) as registration uses them: which layout each vehicle type gets,
 * whether a self-composed number is acceptable, and random candidates for selection (R164 §43).
 * Pure; whether a number is free is the repository's question.
 */
export type VehicleType =
  'small-car' | 'large-car' | 'small-new-energy' | 'large-new-energy' | 'motorcycle' | 'trailer';

const KIND_OF: Record<VehicleType, PlateKind> = {
  'small-car': 'ordinary',
  'large-car': 'ordinary',
  'small-new-energy': 'new-energy-small',
  'large-new-energy': 'new-energy-large',
  motorcycle: 'ordinary',
  trailer: 'trailer',
};

export const plateKindFor = (type: VehicleType): PlateKind => KIND_OF[type];

/** Serial characters: digits and capital letters without I and O (GA 36). */
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '0123456789';
/** New-energy letters: D/F first, then the expanded A–K (GA 36 amendment ⚠). */
const ENERGY = 'ABCDEFGHJK';

export type PlateProblem = 'format' | 'prefix' | 'type' | 'letters';

/**
 * What is wrong with a self-composed number for this office and vehicle type, or null. An
 * ordinary serial is all digits or holds at most two letters (the enabling sequences of GA 36
 * Table 4 ⚠), and a new-energy serial follows its own layout.
 */
export function plateProblem(
  plate: string,
  type: VehicleType,
  prefixes: readonly string[],
): PlateProblem | null {
  const parsed = parsePlate(plate);
  if (!parsed.ok) return 'format';
  const { province, authorityCode, serial, kind } = parsed.value;
  if (!prefixes.includes(`${province}${authorityCode}`)) return 'prefix';
  if (kind !== plateKindFor(type)) return 'type';
  if (kind === 'ordinary' && [...serial].filter((c) => LETTERS.includes(c)).length > 2) {
    return 'letters';
  }
  return null;
}

const pick = (alphabet: string, random: () => number) =>
  alphabet.charAt(Math.floor(random() * alphabet.length));

/** One random serial of the layout (the part after the prefix). */
export function randomSerial(kind: PlateKind, random: () => number = Math.random): string {
  const digits = (n: number) => Array.from({ length: n }, () => pick(DIGITS, random)).join('');
  switch (kind) {
    case 'new-energy-small':
      return pick(ENERGY, random) + pick(LETTERS + DIGITS, random) + digits(4);
    case 'new-energy-large':
      return digits(5) + pick(ENERGY, random);
    case 'trailer':
      return `${digits(4)}挂`;
    default: {
      // One letter at the head or one inside, as the selection systems offer most numbers.
      const at = Math.floor(random() * 5);
      return Array.from({ length: 5 }, (_, i) =>
        i === at ? pick(LETTERS, random) : pick(DIGITS, random),
      ).join('');
    }
  }
}

/** `n` distinct random numbers under a prefix for a vehicle type. */
export function randomPlates(
  prefix: string,
  type: VehicleType,
  n: number,
  random: () => number = Math.random,
): string[] {
  const out = new Set<string>();
  while (out.size < n) out.add(prefix + randomSerial(plateKindFor(type), random));
  return [...out];
}
