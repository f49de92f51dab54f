import { BUSINESS_TYPE_CODES, type BusinessTypeCode } from '#shared/catalog.ts';
import { Random } from './random.ts';
import type { Outlet } from './sizes.ts';
import type { World } from './world.ts';

/**
 * How the year's rows refer to each other, as pure functions of their indexes: which vehicle a
 * transfer moved, which violation a handling took, who drove. Every table that needs a link
 * computes it again instead of looking it up, so nothing is held in memory.
 */
const S_VEHICLE = 51;
const S_DRIVER = 52;
const S_HOLDER = 53;
const S_OUTLET = 54;
const S_DELAY = 55;
const S_PAY = 56;
const S_CODE = 57;

/** The i-th of n spread evenly over [0, size): distinct while n ≤ size. */
const spread = (i: number, n: number, size: number) => Math.floor((i * size) / n);
/** The index i whose spread(i, n, size) is x, or −1 when none is. */
function unspread(x: number, n: number, size: number): number {
  const i = Math.ceil((x * n) / size);
  return i < n && spread(i, n, size) === x ? i : -1;
}

export class Links {
  private readonly random: Random;
  constructor(private readonly w: World) {
    this.random = new Random(w.plan.seed);
  }

  private get older() {
    return this.w.plan.vehicles - this.w.plan.counts['vehicle.register'];
  }

  /** The vehicle the year's t-th transfer gave its present owner (and number). */
  transferred(t: number): number {
    return spread(t, this.w.plan.counts['vehicle.transfer'], this.older);
  }

  /** The transfer that moved vehicle k this year, or −1. */
  transferOf(k: number): number {
    return unspread(k, this.w.plan.counts['vehicle.transfer'], this.older);
  }

  /**
   * A vehicle for everyday business (reissues, marks, changes): an older one in use, not moved
   * this year, so its present owner is the one who applied.
   */
  everyday(stream: number, i: number): number {
    let k = this.random.int(S_VEHICLE + stream * 8, i, this.older);
    while (this.transferOf(k) >= 0 || this.w.fleet.status(k) !== 'normal') k = (k + 1) % this.older;
    return k;
  }

  /** A vehicle due for scrapping: what the refused vehicle business was about. */
  scrapDue(i: number): number {
    let k = 97 * (i % Math.max(1, Math.floor(this.older / 97))) + 11;
    while (this.w.fleet.status(k) !== 'scrap-due') k = (k + 97) % this.older;
    return k;
  }

  /** A licence holder, for licence business (renewal, reissue, review, point reduction). */
  holder(stream: number, i: number): number {
    return this.random.int(S_HOLDER + stream * 8, i, this.w.plan.licences);
  }

  /** The violation record the h-th violation.handle took. */
  handledViolation(h: number): number {
    return spread(h, this.w.plan.counts['violation.handle'], this.w.plan.violations);
  }

  /** The violation.handle that took record v, or −1. */
  handlingOf(v: number): number {
    return unspread(v, this.w.plan.counts['violation.handle'], this.w.plan.violations);
  }

  /** The violation.handle whose fine the f-th fine.pay paid. */
  paidHandling(f: number): number {
    return spread(f, this.w.plan.counts['fine.pay'], this.w.plan.counts['violation.handle']);
  }

  /** The fine.pay of the h-th handling, or −1. */
  paymentOf(h: number): number {
    return unspread(h, this.w.plan.counts['fine.pay'], this.w.plan.counts['violation.handle']);
  }

  /** The vehicle caught by violation record v (an older one: the year's new cars are spared). */
  violationVehicle(v: number): number {
    return this.random.int(S_VEHICLE, v, this.older);
  }

  /** Who took record v: the owner when they hold a licence, else a licence holder they named. */
  driver(v: number): number {
    const owner = this.w.fleet.owner(this.violationVehicle(v));
    return owner < this.w.plan.licences
      ? owner
      : this.random.int(S_DRIVER, v, this.w.plan.licences);
  }

  /** When record v was caught: some days before its day in the year (handling follows). */
  occurredAt(v: number): number {
    const { plan } = this.w;
    const day = spread(v, plan.violations, 365);
    const delay = 1 + this.random.int(S_DELAY, v, 20);
    return (
      Date.UTC(plan.year, 0, 1 + day - delay) -
      8 * 3_600_000 +
      this.random.int(S_DELAY + 1, v, 86_400) * 1000
    );
  }

  /** The code (points, fine) of record v. */
  code(v: number) {
    const codes = this.w.plan.codes;
    return codes[this.random.int(S_CODE, v, codes.length)]!;
  }

  /** The exam site of the i-th exam (or booking). */
  examSite(i: number): Outlet {
    const sites = this.w.plan.examSites;
    return sites[i % sites.length]!;
  }

  /** When the i-th application of a type was submitted; a fine is paid after its handling. */
  submittedAt(type: BusinessTypeCode, i: number): number {
    if (type !== 'fine.pay') return this.w.plan.submittedAt(type, i);
    const h = this.paidHandling(i);
    return (
      this.w.plan.submittedAt('violation.handle', h) +
      (600 + this.random.int(S_PAY, i, 2 * 86_400)) * 1000
    );
  }

  /** The outlet that took the i-th application of a type (weighted by the outlet's kind). */
  outlet(type: BusinessTypeCode, i: number): Outlet {
    const granted = this.w.plan.outlets[type];
    if (!granted?.outlets.length) throw new Error(`no outlet may take ${type}`);
    const stream = S_OUTLET + 8 * BUSINESS_TYPE_CODES.indexOf(type);
    const x = this.random.unit(stream, i) * granted.cumulative.at(-1)!;
    let lo = 0;
    let hi = granted.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (granted.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return granted.outlets[lo]!;
  }
}
