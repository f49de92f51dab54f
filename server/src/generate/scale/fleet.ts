import { withVinCheckDigit } from '#shared/validators/index.ts';
import { MAKES, SERIAL_LETTERS, VIN_LETTERS } from '../../demo/demo-vehicles.ts';
import { modelYearCode } from '../../vehicles/vehicle-age.ts';
import { utcDay } from './format.ts';
import { Random, scrambler } from './random.ts';
import type { Plan } from './sizes.ts';

/** Plate serial characters (GA 36): digits and capitals without I and O. */
const SERIAL = `0123456789${SERIAL_LETTERS}`;
/** Ordinary plates start with a digit here, a layout the demo registry and the bench never use. */
const ORDINARY = 10 * SERIAL.length ** 4;
/** Small new-energy plates: a letter of A–K (not D, the demo's), a letter, four digits. */
const NEW_ENERGY_FIRST = 'ABCEFGHJK';
const NEW_ENERGY = NEW_ENERGY_FIRST.length * SERIAL_LETTERS.length * 10_000;
/** Plates given up on a transfer: letter, digit, letter, two serial characters. */
const FORMER = SERIAL_LETTERS.length * 10 * SERIAL_LETTERS.length * SERIAL.length ** 2;
/** The make of new-energy cars (the demo's, whose plates are new-energy too). */
const NEW_ENERGY_MAKE = MAKES.findIndex(([, brand]) => brand === '比亚迪');

const S_MAKE = 21;
const S_OWNER = 22;
const S_TYPE = 23;
const S_AGE = 24;
const S_DAY = 25;
const S_MODEL = 26;
const S_VDS = 27;

export type VehicleStatus = 'normal' | 'mortgaged' | 'stolen' | 'deregistered' | 'scrap-due';

export interface Vehicle {
  vin: string;
  plate: string;
  vehicleType: 'small-car' | 'large-car' | 'small-new-energy' | 'motorcycle';
  useNature: 'non-operating' | 'operating';
  seats: number;
  brand: string;
  model: string;
  owner: number;
  status: VehicleStatus;
  manufacturedOn: string;
  registeredOn: string;
  inspectionValidUntil: string;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/**
 * The city's vehicles, by index: VIN (GB 16735 with its check digit; the plant letter and six
 * digits of positions 11–17 are the index itself, so no two collide), plate (GA 36, the city's
 * prefix, a seeded bijection of the index so numbers look drawn, not counted), make, owner and
 * status. Vehicles V−R … V−1 are the year's new registrations.
 */
export class Fleet {
  private readonly random: Random;
  private readonly ordinary: (i: number) => number;
  private readonly newEnergy: (i: number) => number;
  private readonly formerly: (i: number) => number;

  constructor(private readonly plan: Plan) {
    this.random = new Random(plan.seed);
    this.ordinary = scrambler(ORDINARY, plan.seed);
    this.newEnergy = scrambler(NEW_ENERGY, plan.seed + 1);
    this.formerly = scrambler(FORMER, plan.seed + 2);
    const newEnergy = Math.ceil(plan.vehicles / 8);
    if (
      plan.vehicles > 23_000_000 ||
      plan.vehicles - newEnergy > ORDINARY ||
      newEnergy > NEW_ENERGY ||
      plan.counts['vehicle.transfer'] > FORMER
    )
      throw new RangeError('more vehicles than the VIN and plate layouts number');
  }

  /** Whether vehicle k runs on new energy (one in eight: its plate is green, 8 characters). */
  static isNewEnergy(k: number): boolean {
    return k % 8 === 0;
  }

  /** The current plate of vehicle k. */
  plate(k: number): string {
    const prefix = this.plan.platePrefix;
    if (Fleet.isNewEnergy(k)) {
      const x = this.newEnergy(k / 8);
      const first = NEW_ENERGY_FIRST[Math.floor(x / (SERIAL_LETTERS.length * 10_000))]!;
      const letter = SERIAL_LETTERS[Math.floor(x / 10_000) % SERIAL_LETTERS.length]!;
      return `${prefix}${first}${letter}${pad(x % 10_000, 4)}`;
    }
    // The vehicles that are not new-energy, counted without the gaps.
    let x = this.ordinary(k - Math.ceil(k / 8));
    let serial = '';
    for (let d = 0; d < 4; d++) {
      serial = SERIAL[x % SERIAL.length]! + serial;
      x = Math.floor(x / SERIAL.length);
    }
    return `${prefix}${x}${serial}`;
  }

  /**
   * The plate given up on the year's t-th transfer (a transfer gives a new number): letter,
   * digit, letter, two characters, a layout no current plate here, in the demo or the bench has.
   */
  oldPlate(t: number): string {
    let x = this.formerly(t);
    let tail = '';
    for (let d = 0; d < 2; d++) {
      tail = SERIAL[x % SERIAL.length]! + tail;
      x = Math.floor(x / SERIAL.length);
    }
    const letters = SERIAL_LETTERS.length;
    const third = SERIAL_LETTERS[x % letters]!;
    x = Math.floor(x / letters);
    return `${this.plan.platePrefix}${SERIAL_LETTERS[Math.floor(x / 10)]}${x % 10}${third}${tail}`;
  }

  /** Whether vehicle k was registered in the generated year (by its vehicle.register). */
  isNew(k: number): boolean {
    return k >= this.plan.vehicles - this.plan.counts['vehicle.register'];
  }

  /**
   * Vehicle 16j+3 is mortgaged (the first of them by the year's vehicle.mortgage j), 32j+7 of
   * the older ones deregistered (the first by the year's vehicle.deregister j); a few stolen or
   * due for scrapping.
   */
  status(k: number): VehicleStatus {
    if (k % 16 === 3) return 'mortgaged';
    if (this.isNew(k)) return 'normal';
    if (k % 32 === 7) return 'deregistered';
    if (k % 1999 === 5) return 'stolen';
    if (k % 97 === 11) return 'scrap-due';
    return 'normal';
  }

  owner(k: number): number {
    return this.random.int(S_OWNER, k, this.plan.owners);
  }

  /** The year vehicle k was made: newer vehicles are more numerous, the fleet grew every year. */
  private made(k: number): number {
    const year = this.plan.year;
    if (this.isNew(k)) return year - (k % 3 === 0 ? 1 : 0);
    return year - 1 - Math.floor(this.random.unit(S_AGE, k) ** 1.6 * 18);
  }

  private make(k: number) {
    return MAKES[
      Fleet.isNewEnergy(k) ? NEW_ENERGY_MAKE : this.random.int(S_MAKE, k, MAKES.length)
    ]!;
  }

  vin(k: number): string {
    const vds = `${VIN_LETTERS[this.random.int(S_VDS, k, VIN_LETTERS.length)]}${pad(k % 1000, 3)}2`;
    const plant = VIN_LETTERS[Math.floor(k / 1_000_000)]!;
    const serial = `${modelYearCode(this.made(k))}${plant}${pad(k % 1_000_000, 6)}`;
    return withVinCheckDigit(`${this.make(k)[0]}${vds}0${serial}`);
  }

  vehicle(k: number): Vehicle {
    const r = this.random;
    const t = r.unit(S_TYPE, k);
    const vehicleType = Fleet.isNewEnergy(k)
      ? 'small-new-energy'
      : t < 0.06
        ? 'motorcycle'
        : t < 0.11
          ? 'large-car'
          : 'small-car';
    const [, brand, models] = this.make(k);
    const madeOn = Date.UTC(this.made(k), r.int(S_DAY, k, 12), 1 + (k % 28));
    const registeredOn = this.isNew(k)
      ? this.plan.registeredOn(k)
      : utcDay(
          Math.min(madeOn + (20 + (k % 60)) * 86_400_000, Date.UTC(this.plan.year - 1, 11, 31)),
        );
    return {
      vin: this.vin(k),
      plate: this.plate(k),
      vehicleType,
      useNature: k % 17 === 4 ? 'operating' : 'non-operating',
      seats: vehicleType === 'motorcycle' ? 2 : vehicleType === 'large-car' ? 35 : 5,
      brand,
      model: models[r.int(S_MODEL, k, models.length)]!,
      owner: this.owner(k),
      status: this.status(k),
      manufacturedOn: utcDay(Math.min(madeOn, Date.parse(registeredOn))),
      registeredOn,
      inspectionValidUntil: `${this.plan.year + 1 + (k % 2)}-${registeredOn.slice(5, 7)}-28`,
    };
  }
}
