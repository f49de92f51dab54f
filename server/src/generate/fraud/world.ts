/**
 * The synthetic city the fraud generator fills: people, organisations, vehicles, violations,
 * their handlings and the legacy applications, with valid identifiers (GB 11643, GB 32100,
 * GB 16735, GA 36) that are unique within one generated city and never collide with the demo
 * registry (identity sequence numbers 900–999, plates whose serial starts with a digit, VINs with
 * plant code Z).
 */
import type { BusinessTypeCode, OutletCategory } from '#shared/catalog.ts';
import type { HistoryImport } from '#shared/schemas/supervision.ts';
import {
  computeUsccCheckCharacter,
  USCC_ALPHABET,
  withVinCheckDigit,
} from '#shared/validators/index.ts';
import { demoIdNumber, GIVEN, SURNAMES } from '../../demo/demo-vehicles.ts';
import { COUNTY_POPULATION_10K } from '../../demo/zunyi-names.ts';
import { buildZunyiNetwork, INTERNET_CENTRE_CODE } from '../../demo/zunyi-network.ts';
import { addDays, weekday } from '../../platform/time.ts';
import type { Random } from './random.ts';
import type { Channel, FraudDataset, HandlingLine } from './truth.ts';

/** The demo city's plate prefix (its reference data, server/reference/jurisdictions/520300.json). */
export const PLATE_PREFIX = '贵C';

export interface Person {
  idNumber: string;
  name: string;
  phone: string;
  /** The person's own phone's device id, used for internet business. */
  device: string;
  county: string;
  licensed: boolean;
  /** Points taken in the generated period (a seller keeps under 12). */
  points: number;
}

export interface Party {
  idNumber: string;
  name: string;
  phone: string;
}

export interface Vehicle {
  plate: string;
  owner: Party;
}

export interface Violation {
  id: string;
  plate: string;
  owner: string;
  points: number;
  /** Day index (from the period's start) on which it may be handled at the earliest. */
  day: number;
}

/**
 * Hands out honest people as customers of agents, dealers and stations, each at most once, so
 * two agents never share a customer (in a real city of this size they almost never do).
 */
export type Customers = (n: number) => Person[];

export function customerPool(random: Random, people: readonly Person[]): Customers {
  const pool = random.sample(people, people.length);
  let next = 0;
  return (n) => {
    if (next + n > pool.length) throw new RangeError('the city has too few people for its agents');
    next += n;
    return pool.slice(next - n, next);
  };
}

export interface Outlet {
  code: string;
  category: OutletCategory;
  countyCode: string;
  staff: string[];
}

/** Camera codes of the violations table in force since 2022 (R163), with a usual fine. */
const CODES = [
  { code: '1625', points: 6, fine: 200 },
  { code: '1357', points: 3, fine: 200 },
  { code: '1223', points: 3, fine: 100 },
  { code: '1352', points: 3, fine: 200 },
  { code: '1116', points: 1, fine: 100 },
  { code: '1240', points: 1, fine: 50 },
  { code: '1344', points: 1, fine: 100 },
] as const;

const STAFF_PER_CATEGORY: Partial<Record<OutletCategory, number>> = {
  'city-office': 12,
  'branch-office': 10,
  'county-office': 6,
  'service-centre': 3,
  'police-window': 2,
  post: 2,
  dealer: 3,
  'used-car-market': 3,
  'registration-station': 3,
  insurer: 2,
  internet: 1,
};

const SERIAL_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const WMIS = ['LSV', 'LFV', 'LGB', 'LVG', 'LGX', 'LB3', 'LS5', 'LHG'] as const;
const BIRTH_DAYS = 14_600; // forty years of birth dates, 1960–1999
const pad = (n: number, w: number) => String(n).padStart(w, '0');

export class City {
  readonly data: FraudDataset = {
    licences: [],
    vehicles: [],
    violations: [],
    'violation-handlings': [],
    'applications-history': [],
  };
  readonly persons: Person[] = [];
  readonly outlets: Outlet[];
  readonly days: number;
  private readonly perCounty = new Map<string, number>();
  private readonly records = new Map<string, FraudDataset['violations'][number]>();
  private serial = 0;
  /** Outlets where one clerk takes a fixed share of the work (busy clerks, night shifts, insiders). */
  private readonly leaning = new Map<string, { staff: string; share: number }>();
  private readonly counties = Object.entries(COUNTY_POPULATION_10K).flatMap(([code, n]) =>
    Array.from({ length: n }, () => code),
  );

  constructor(
    readonly random: Random,
    readonly period: { from: string; to: string },
    readonly tag: string,
  ) {
    this.days =
      (Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / 86_400_000 +
      1;
    this.outlets = buildZunyiNetwork()
      .outlets.filter((o) => STAFF_PER_CATEGORY[o.category] !== undefined)
      .map((o) => ({
        code: o.code,
        category: o.category,
        countyCode: o.countyCode,
        staff: Array.from(
          { length: STAFF_PER_CATEGORY[o.category]! },
          (_, i) => `${o.code}-S${pad(i + 1, 2)}`,
        ),
      }));
  }

  private next(): number {
    return ++this.serial;
  }

  /** The id of a planted ring or hard-negative group. */
  groupId(kind: string): string {
    return `${kind}-${this.next()}`;
  }

  /** A county, weighted by population. */
  county(): string {
    return this.random.pick(this.counties);
  }

  /** From now on `staff` takes `share` of the outlet's work that names no clerk. */
  lean(outlet: Outlet, staff: string, share: number) {
    this.leaning.set(outlet.code, { staff, share });
  }

  /** The clerk an outlet leans on (a busy clerk, a hard negative), if any. */
  leaningOn(outlet: Outlet): string | undefined {
    return this.leaning.get(outlet.code)?.staff;
  }

  /** The clerk who serves a customer at an outlet. */
  clerk(outlet: Outlet): string {
    const l = this.leaning.get(outlet.code);
    if (l && this.random.chance(l.share)) return l.staff;
    return this.random.pick(outlet.staff);
  }

  name(surname?: string): string {
    const s = surname ?? this.random.pick([...SURNAMES]);
    return `${s}${this.random.pick(GIVEN)}`;
  }

  newPhone(): string {
    return `1${this.random.pick(['35', '58', '77', '86', '99'])}${pad(this.next(), 8)}`;
  }

  newDevice(): string {
    return `DEV-${this.tag}-${pad(this.next(), 7)}`;
  }

  /** A person born in a county; most hold a C1 licence. */
  person(county: string, o: { surname?: string; licensed?: boolean; phone?: string } = {}) {
    const c = this.perCounty.get(county) ?? 0;
    this.perCounty.set(county, c + 1);
    const offset = (c * 4409) % BIRTH_DAYS;
    const birth = addDays('1960-01-01', offset);
    const p: Person = {
      idNumber: demoIdNumber(county, birth, 900 + Math.floor(c / BIRTH_DAYS)),
      name: this.name(o.surname),
      phone: o.phone ?? this.newPhone(),
      device: this.newDevice(),
      county,
      licensed: o.licensed ?? true,
      points: 0,
    };
    this.persons.push(p);
    return p;
  }

  /** An enterprise (GB 32100 code) registered in a county. */
  organisation(county: string, name: string): Party {
    const n = this.next();
    const org = `${pad(n % 1_000_000, 6)}${USCC_ALPHABET[n % 31]}`;
    const first17 = `91${county}MA${org}`;
    return {
      idNumber: first17 + computeUsccCheckCharacter(first17),
      name,
      phone: `0851-${pad(2_000_000 + (n % 8_000_000), 8).slice(-8)}`,
    };
  }

  vehicle(owner: Party, county: string, o: { operating?: boolean; large?: boolean } = {}) {
    const n = this.next();
    const year = this.random.int(2014, 2025);
    const yearCode = 'EFGHJKLMNPRS'[year - 2014]!;
    const vin = withVinCheckDigit(
      `${this.random.pick(WMIS)}F${pad(n % 1000, 3)}1*${yearCode}Z${pad(n % 1_000_000, 6)}`,
    );
    const k = this.data.vehicles.length;
    const plate = `${PLATE_PREFIX}${1 + Math.floor(k / 24_000)}${SERIAL_LETTERS[Math.floor(k / 1000) % 24]}${pad(k % 1000, 3)}`;
    const registeredOn = `${Math.min(year + 1, 2025)}-${pad(this.random.int(1, 12), 2)}-${pad(this.random.int(1, 28), 2)}`;
    this.data.vehicles.push({
      vin,
      plate,
      vehicleType: o.large ? 'large-car' : 'small-car',
      useNature: o.operating ? 'operating' : 'non-operating',
      seats: o.large ? 2 : 5,
      owner: { idNumber: owner.idNumber, name: owner.name, phone: owner.phone },
      registeredOn,
      // Made by the day it was registered: a car of the last model year may be registered early.
      manufacturedOn: [`${year}-01-15`, registeredOn].sort()[0]!,
      inspectionValidUntil: `2027-${pad(this.random.int(1, 12), 2)}-28`,
      countyCode: county,
    });
    return { plate, owner } satisfies Vehicle;
  }

  /** A camera record on a vehicle, handleable from day `day` of the period on. */
  violation(v: Vehicle, day: number, o: { weight?: 'heavy' | 'light' } = {}): Violation {
    const c =
      o.weight === 'light'
        ? this.random.pick(CODES.filter((x) => x.points === 1))
        : o.weight === 'heavy' && this.random.chance(0.6)
          ? CODES[0]
          : this.random.pick(CODES.slice(1));
    const id = `FV${this.tag}${pad(this.next(), 8)}`;
    const occurred = addDays(this.day(0), day - this.random.int(1, 20));
    const record: FraudDataset['violations'][number] = {
      id,
      plate: v.plate,
      code: c.code,
      occurredAt: `${occurred}T${pad(this.random.int(7, 21), 2)}:${pad(this.random.int(0, 59), 2)}:00+08:00`,
      points: c.points,
      fine: c.fine,
      status: 'unhandled',
    };
    this.data.violations.push(record);
    this.records.set(id, record);
    return { id, plate: v.plate, owner: v.owner.idNumber, points: c.points, day };
  }

  /** A driver takes a record's points: the violation becomes handled and the handling is logged. */
  handle(
    v: Violation,
    driver: Person,
    h: {
      at: string;
      channel: Channel;
      outlet?: Outlet;
      staff?: string;
      phone?: string;
      device?: string;
    },
  ) {
    const line: HandlingLine = {
      violationId: v.id,
      plate: v.plate,
      ownerIdNumber: v.owner,
      driverIdNumber: driver.idNumber,
      points: v.points,
      handledAt: h.at,
      channel: h.channel,
      outletCode: h.channel === 'internet' ? INTERNET_CENTRE_CODE : h.outlet?.code,
      staffId: h.staff ?? (h.outlet ? this.clerk(h.outlet) : undefined),
      ...(h.phone ? { phone: h.phone } : {}),
      ...(h.device ? { deviceId: h.device } : {}),
    };
    this.data['violation-handlings'].push(line);
    const record = this.records.get(v.id)!;
    record.status = 'handled';
    record.handledBy = driver.idNumber;
    record.handledOn = h.at.slice(0, 10);
    driver.points += v.points;
  }

  /** One business of the legacy platform. */
  apply(a: {
    businessType: BusinessTypeCode;
    outlet: Outlet | null;
    staff?: string;
    channel: Channel;
    applicant: Party;
    agent?: Party;
    device?: string;
    plate?: string;
    at: string;
    refused?: boolean;
  }) {
    const line: HistoryImport = {
      id: `FA${this.tag}${pad(this.next(), 8)}`,
      businessType: a.businessType,
      outletCode: a.outlet?.code ?? INTERNET_CENTRE_CODE,
      staffId: a.staff ?? (a.outlet ? this.clerk(a.outlet) : `${INTERNET_CENTRE_CODE}-S01`),
      channel: a.channel,
      applicant: {
        idNumber: a.applicant.idNumber,
        name: a.applicant.name,
        phone: a.applicant.phone,
      },
      ...(a.agent
        ? { agent: { idNumber: a.agent.idNumber, name: a.agent.name, phone: a.agent.phone } }
        : {}),
      ...(a.device ? { deviceId: a.device } : {}),
      ...(a.plate ? { plate: a.plate } : {}),
      submittedAt: a.at,
      status: a.refused ? 'refused' : 'completed',
    };
    this.data['applications-history'].push(line);
  }

  outletsOf(categories: readonly OutletCategory[], county?: string): Outlet[] {
    return this.outlets.filter(
      (o) => categories.includes(o.category) && (county === undefined || o.countyCode === county),
    );
  }

  /** An outlet of these categories in the county (anywhere in the city if it has none). */
  near(categories: readonly OutletCategory[], county: string): Outlet {
    const here = this.outletsOf(categories, county);
    return this.random.pick(here.length ? here : this.outletsOf(categories));
  }

  /** Where a driver handles a record in person: the offices and police windows of the county. */
  windowOutlet(county: string): Outlet {
    return this.near(WINDOWS, county);
  }

  day(i: number): string {
    return addDays(this.period.from, i);
  }

  /**
   * When a record is handled: within three days of the day it became handleable (the lag after
   * the offence is in its occurredAt, 1–20 days earlier), so no day piles up at the period's end.
   */
  handlingDay(from: number): number {
    return Math.min(from + this.random.int(0, 3), this.days - 1);
  }

  isWorkday(i: number): boolean {
    const w = weekday(this.day(i));
    return w !== 0 && w !== 6;
  }

  /** A random workday at or after `from` (a weekend day moves to the next Monday, within the period). */
  workday(from = 0): number {
    let d = this.random.int(from, this.days - 1);
    while (!this.isWorkday(d) && d < this.days - 1) d++;
    return d;
  }

  /** The first workday on or after day `i` (the last one before it near the period's end). */
  nextWorkday(i: number): number {
    for (let d = i; d < this.days; d++) if (this.isWorkday(d)) return d;
    for (let d = i; d >= 0; d--) if (this.isWorkday(d)) return d;
    return i;
  }

  /** An instant on day `i` between two hours (Beijing time; 24 and later run into the next day). */
  at(i: number, fromHour: number, toHour: number): string {
    const minute = this.random.int(fromHour * 60, toHour * 60 - 1);
    const day = this.day(Math.min(i + Math.floor(minute / 1440), this.days - 1));
    const m = minute % 1440;
    return `${day}T${pad(Math.floor(m / 60), 2)}:${pad(m % 60, 2)}:${pad(this.random.int(0, 59), 2)}+08:00`;
  }

  /** Office hours of an ordinary window. */
  officeHours(i: number): string {
    return this.random.chance(0.5) ? this.at(i, 9, 12) : this.at(i, 13, 17);
  }

  /** The licences of every licensed person, with the points the period gave them. */
  finish(): FraudDataset {
    this.data.licences = this.persons
      .filter((p) => p.licensed)
      .map((p) => {
        const first = `${Math.min(Number(p.idNumber.slice(6, 10)) + 22, 2024)}-03-01`;
        return {
          idNumber: p.idNumber,
          name: p.name,
          licenceNo: p.idNumber,
          classes: ['C1'],
          firstIssuedOn: first,
          validUntil: '2032-06-30',
          status: p.points >= 12 ? 'full-score' : 'valid',
          points: p.points,
        };
      });
    return this.data;
  }
}

export const WINDOWS: readonly OutletCategory[] = [
  'city-office',
  'branch-office',
  'county-office',
  'police-window',
];
