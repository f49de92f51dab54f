import { idNumberCheckCharacterOfSum, idNumberWeightedSum } from '#shared/validators/index.ts';
import { GIVEN, SURNAMES } from '../../demo/demo-vehicles.ts';
import { Random, scrambler } from './random.ts';

/** Birth dates of the city's adults: 1950-01-01 to 2006-12-31 (all 18 or over in 2025). */
const FIRST_BIRTH = Date.UTC(1950, 0, 1);
const BIRTH_DAYS = (Date.UTC(2007, 0, 1) - FIRST_BIRTH) / 86_400_000;
/**
 * Sequence codes 900–999 only: the demo registry's people use 011 and 100–899, so a generated
 * person never takes a demo person's number (the directories' keys would refuse the year).
 */
const SEQUENCES = 100;
const FIRST_SEQUENCE = 900;
/** Each birth day as YYYYMMDD and each sequence as three digits, built once. */
const BIRTHS = Array.from({ length: BIRTH_DAYS }, (_, d) =>
  new Date(FIRST_BIRTH + d * 86_400_000).toISOString().slice(0, 10).replace(/-/g, ''),
);
const SEQ = Array.from({ length: SEQUENCES }, (_, s) => String(FIRST_SEQUENCE + s));
/** Their parts of the check character's weighted sum (positions 7–14 and 15–17). */
const BIRTH_SUMS = BIRTHS.map((b) => idNumberWeightedSum(b, 6));
const SEQ_SUMS = SEQ.map((q) => idNumberWeightedSum(q, 14));

const S_NAME = 11;
const S_GIVEN = 12;
const S_PHONE = 13;

export interface Person {
  idNumber: string;
  name: string;
  phone: string;
  countyCode: string;
  birthDate: string;
}

/**
 * The people of the generated city, by index: person p's identity number (GB 11643: county of
 * birth, birth date, sequence, check character) comes from a seeded bijection of p onto
 * (county, birth day, sequence), so every index has its own number and the same seed always
 * gives the same person. Persons 0 … licences−1 hold a driving licence.
 */
export class People {
  private readonly random: Random;
  private readonly place: (p: number) => number;
  /** The counties' parts of the weighted sum (positions 1–6). */
  private readonly countySums: number[];
  /** Each county's place among the counties' codes in order. */
  private readonly countyRanks: number[];
  readonly capacity: number;

  constructor(
    seed: number,
    private readonly counties: readonly string[],
  ) {
    this.random = new Random(seed);
    this.capacity = counties.length * BIRTH_DAYS * SEQUENCES;
    this.place = scrambler(this.capacity, seed);
    this.countySums = counties.map((c) => idNumberWeightedSum(c));
    const sorted = [...counties].sort();
    this.countyRanks = counties.map((c) => sorted.indexOf(c));
  }

  /**
   * Where person p's identity number sorts among the city's: by county, birth day and sequence,
   * the check character following from them (all digits but a final X, so every collation
   * orders them alike).
   */
  idRank(p: number): number {
    const x = this.place(p);
    const rest = Math.floor(x / BIRTH_DAYS);
    const c = rest % this.counties.length;
    const q = Math.floor(rest / this.counties.length);
    return (this.countyRanks[c]! * BIRTH_DAYS + (x % BIRTH_DAYS)) * SEQUENCES + q;
  }

  idNumber(p: number): string {
    const x = this.place(p);
    const rest = Math.floor(x / BIRTH_DAYS);
    const c = rest % this.counties.length;
    const b = x % BIRTH_DAYS;
    const q = Math.floor(rest / this.counties.length);
    // The check character from the parts' sums, computed once each (GB 11643's sum is linear).
    const check = idNumberCheckCharacterOfSum(this.countySums[c]! + BIRTH_SUMS[b]! + SEQ_SUMS[q]!);
    return `${this.counties[c]!}${BIRTHS[b]!}${SEQ[q]!}${check}`;
  }

  name(p: number): string {
    return (
      SURNAMES[this.random.int(S_NAME, p, SURNAMES.length)]! +
      GIVEN[this.random.int(S_GIVEN, p, GIVEN.length)]!
    );
  }

  phone(p: number): string {
    const n = this.random.u32(S_PHONE, p);
    return `1${3 + (n % 7)}${String(n % 1_000_000_000).padStart(9, '0')}`;
  }

  person(p: number): Person {
    const idNumber = this.idNumber(p);
    return {
      idNumber,
      name: this.name(p),
      phone: this.phone(p),
      countyCode: idNumber.slice(0, 6),
      birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
    };
  }
}
