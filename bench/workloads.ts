import {
  computeIdNumberCheckCharacter,
  isValidVin,
  withVinCheckDigit,
} from '#shared/validators/index.ts';

/**
 * The business the benchmark submits, each a phase of its own: vehicle business and violation
 * handling through POST /api/v1/applications, the exam sites' results through
 * POST /api/v1/exam-results; `vehicle-mix`, the vehicle business interleaved as a working day
 * brings it; and `mix`, the vehicle and driver applications together (issue 9's "mixed
 * applications").
 */
export const KINDS = [
  'register',
  'transfer',
  'mortgage',
  'licence-reissue',
  'inspection-mark',
  'temp-plate',
  'violation-handle',
  'driver-licence-reissue',
  'exam-result',
] as const;
export type Kind = (typeof KINDS)[number];
/**
 * Read workloads, compared with pgbench select-only: `citizen-me`, citizens reading their own page
 * (GET /api/v1/citizens/me); the registry reads of police-window clerks — a vehicle by plate, a
 * licence by identity number, an application by id; and `health`, GET /api/health, the bare HTTP
 * ceiling of the same server and client (no token, no database).
 */
export const READS = [
  'citizen-me',
  'plate-read',
  'licence-read',
  'application-read',
  'health',
] as const;
export const WORKLOADS = [...KINDS, 'vehicle-mix', 'mix', ...READS] as const;
export type WorkloadName = (typeof WORKLOADS)[number];

export const BUSINESS_TYPE: Record<WorkloadName, string> = {
  register: 'vehicle.register',
  transfer: 'vehicle.transfer',
  mortgage: 'vehicle.mortgage',
  'licence-reissue': 'vehicle.licence-reissue',
  'inspection-mark': 'vehicle.inspection-mark',
  'temp-plate': 'vehicle.temp-plate',
  'violation-handle': 'violation.handle',
  'driver-licence-reissue': 'licence.reissue',
  'exam-result': 'POST /exam-results',
  'vehicle-mix': 'vehicle mix (5 types)',
  mix: 'mix of vehicle and driver business (8 types)',
  'citizen-me': 'GET /citizens/me (read)',
  'plate-read': 'GET /vehicles/by-plate (read)',
  'licence-read': 'GET /licences/{id} (read)',
  'application-read': 'GET /applications/{id} (read)',
  health: 'GET /api/health (HTTP ceiling)',
};

/** Workloads that read instead of submitting business (compared with pgbench select-only). */
export const READ_WORKLOADS: readonly WorkloadName[] = READS;

/** The n-th benchmark violation record (seeded on the plate of driver n mod drivers). */
export const benchViolationId = (n: number) => `BENCHV${String(n).padStart(8, '0')}`;

/** The n-th benchmark examinee: a valid identity number (GB 11643) never in the demo registry. */
export function benchExaminee(n: number): string {
  const first17 = `520302${String(19800101 + (n % 28))}${String(n % 1000).padStart(3, '0')}`;
  return first17 + computeIdNumberCheckCharacter(first17);
}

/**
 * The n-th licence holder whose driving licence the bench reissues: a valid identity number
 * born in 1968, outside the demo owners' and the examinees' numbers.
 */
export function benchLicenceHolder(n: number): string {
  const serial = String(Math.floor(n / 28) % 1000).padStart(3, '0');
  const first17 = `520302${String(19680101 + (n % 28))}${serial}`;
  return first17 + computeIdNumberCheckCharacter(first17);
}

/**
 * The vehicle mix, one cycle of ten requests: registrations at dealers, transfers at used-car
 * markets, mortgages at banks, 行驶证 reissues at police windows and inspection marks at post
 * points.
 */
const VEHICLE_MIX: readonly Kind[] = [
  'licence-reissue',
  'register',
  'transfer',
  'inspection-mark',
  'licence-reissue',
  'mortgage',
  'register',
  'licence-reissue',
  'transfer',
  'inspection-mark',
];

/**
 * Every application the bench submits, one cycle of twenty: the vehicle mix's five types, and
 * temporary plates at dealers, violations handled at police windows (driving licence points)
 * and driving licences reissued at post points. Exam results are not applications (their own
 * workload).
 */
const MIX: readonly Kind[] = [
  'licence-reissue',
  'register',
  'violation-handle',
  'transfer',
  'temp-plate',
  'inspection-mark',
  'driver-licence-reissue',
  'mortgage',
  'register',
  'violation-handle',
  'licence-reissue',
  'transfer',
  'temp-plate',
  'inspection-mark',
  'violation-handle',
  'mortgage',
  'register',
  'driver-licence-reissue',
  'transfer',
  'licence-reissue',
];

/** The cycle of kinds each mixed workload sends. */
const CYCLES: Partial<Record<WorkloadName, readonly Kind[]>> = {
  'vehicle-mix': VEHICLE_MIX,
  mix: MIX,
};
/** The kinds of business a workload sends: a mix's, its own, or none (a read). */
export const kindsOf = (workload: WorkloadName): readonly Kind[] =>
  CYCLES[workload] ?? ((KINDS as readonly string[]).includes(workload) ? [workload as Kind] : []);

/** A vehicle and its owner: a demo vehicle (reissues, violations) or one of the bench's fleet. */
export interface Subject {
  plate: string;
  idNumber: string;
  name: string;
}

/** The business that changes a vehicle for good, so each fleet vehicle serves one request. */
export type FleetKind = 'transfer' | 'mortgage' | 'inspection-mark';
export const FLEET_KINDS: readonly FleetKind[] = ['transfer', 'mortgage', 'inspection-mark'];
export const isFleetKind = (k: Kind): k is FleetKind =>
  (FLEET_KINDS as readonly Kind[]).includes(k);

/** Everything a load worker needs to build its requests; structured-clone friendly. */
export interface WorkloadSpec {
  name: WorkloadName;
  /** Bearer tokens of each kind's clerks, one per outlet; a request takes them in rotation. */
  tokens: Record<Kind, string[]>;
  /** The outlet of each token (a bank mortgages for itself, as the mortgagee). */
  outlets: Record<Kind, string[]>;
  /** Demo vehicles for licence reissues; the n-th reissue uses subject n mod length. */
  subjects: Subject[];
  /** What the registry reads read: the demo's vehicles, or a sample of an existing registry. */
  readSubjects: Subject[];
  /** Vehicles of the bench's fleet, each for one request of its kind. */
  fleet: Record<FleetKind, Subject[]>;
  /** Where this phase starts in each kind's sequence (fleet vehicles, new VINs). */
  start: Record<Kind, number>;
  /** Drivers with a licence, each owning the vehicle of the records seeded for them. */
  drivers: Subject[];
  /** Other licence holders, whose driving licences are reissued (no points: never detained). */
  licenceHolders: Subject[];
  /** Violation records seeded for violation handling (each is handled once in a run). */
  violations: number;
  /** The instant exam results of this phase started, ISO 8601. */
  examStartedAt: string;
  /** Dates of this run: insurance a year ahead, a new car's date of manufacture. */
  insuranceValidUntil: string;
  manufacturedOn: string;
  /** Makes idempotency keys unique across runs and phases. */
  keyPrefix: string;
  /** Bearer tokens of citizen accounts (citizen-me); request n reads as citizen n mod length. */
  citizens: string[];
  /** Applications the bench submitted, each with a token of its outlet (application-read). */
  applications: { id: string; token: string }[];
}

/** The fixed applicant of temp plates and new owner of transfers (a buyer at a dealer). */
export const BUYER = { idNumber: '520302199003070015', name: '张三' } as const;

/** GB 16735 model-year codes from 2010 (A) on; the code repeats every 30 years. */
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';
export const modelYearCode = (date: string) => YEAR_CODES[(Number(date.slice(0, 4)) - 2010) % 30]!;

/**
 * The n-th bench VIN of a series: WMI "LBE", a five-letter series ("BENCH" for new cars, "FLEET"
 * for the fleet), check digit, model year and a 7-digit serial — valid (GB 16735), unique for
 * n < 10^7, never a demo registry VIN.
 */
export function benchVin(n: number, series = 'BENCH', year = 'S'): string {
  if (!Number.isInteger(n) || n < 0 || n >= 10_000_000)
    throw new RangeError(`VIN serial ${n} out of range`);
  const vin = withVinCheckDigit(`LBE${series}0${year}${String(n).padStart(7, '0')}`);
  if (!isValidVin(vin)) throw new Error(`benchVin produced an invalid VIN ${vin}`);
  return vin;
}

/** How many requests of a kind the first n requests of a workload contain. */
export function used(workload: WorkloadName, kind: Kind, n: number): number {
  const cycle = CYCLES[workload];
  if (!cycle) return workload === kind ? n : 0;
  const whole = Math.floor(n / cycle.length) * cycle.filter((k) => k === kind).length;
  return whole + cycle.slice(0, n % cycle.length).filter((k) => k === kind).length;
}

/**
 * How many requests (at most `bound`) a phase may send before one of its fleets, or the seeded
 * violation records, runs out.
 */
export function capacity(spec: WorkloadSpec, bound: number): number {
  const fits = (n: number) =>
    FLEET_KINDS.every(
      (kind) => used(spec.name, kind, n) <= spec.fleet[kind].length - spec.start[kind],
    ) && used(spec.name, 'violation-handle', n) <= spec.violations - spec.start['violation-handle'];
  let [lo, hi] = [0, bound];
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Why a phase was measured over less than its window, or null when it used the whole window: the
 * requests it could send (`capacity`, warm-up included) ran out, because what was seeded for it
 * did or because of `--max-requests`. Its rate is over the shorter window.
 */
export function shortWindowNote(p: {
  windowMs: number;
  durationMs: number;
  capacity: number;
  maxRequests: number;
}): string | null {
  if (p.windowMs >= p.durationMs * 0.99) return null;
  const cause =
    p.capacity < p.maxRequests
      ? `what was seeded for it ran out after ${p.capacity} requests, warm-up included (raise --fleet or --violations)`
      : `--max-requests ran out (${p.maxRequests}, warm-up included)`;
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  return `measured over ${seconds(p.windowMs)} s of its ${seconds(p.durationMs)} s window: ${cause}`;
}

/** The n-th request of a phase: which token to send, where, and the JSON body. */
export function buildRequest(
  spec: WorkloadSpec,
  n: number,
): { token: string; body: string; path: string; method?: 'GET' } {
  const get = (token: string, path: string) => ({ token, path, body: '', method: 'GET' as const });
  // Registry reads at police windows: request n reads subject n mod subjects as clerk n mod clerks.
  const clerk = () => spec.tokens['licence-reissue'][n % spec.tokens['licence-reissue'].length]!;
  const subject = () => spec.readSubjects[n % spec.readSubjects.length]!;
  switch (spec.name) {
    case 'citizen-me':
      return get(spec.citizens[n % spec.citizens.length]!, '/api/v1/citizens/me');
    case 'plate-read':
      return get(clerk(), `/api/v1/vehicles/by-plate/${encodeURIComponent(subject().plate)}`);
    case 'licence-read':
      return get(clerk(), `/api/v1/licences/${subject().idNumber}`);
    case 'application-read': {
      const a = spec.applications[n % spec.applications.length]!;
      return get(a.token, `/api/v1/applications/${a.id}`);
    }
    case 'health':
      return get('', '/api/health');
    default:
      break;
  }
  const cycle = CYCLES[spec.name];
  const kind = cycle ? cycle[n % cycle.length]! : (spec.name as Kind);
  // The k-th request of its kind in this phase, and in the run.
  const k = used(spec.name, kind, n);
  const i = spec.start[kind] + k;
  const tokens = spec.tokens[kind];
  const token = tokens[k % tokens.length]!;
  const outlet = spec.outlets[kind][k % tokens.length]!;
  const fleet = isFleetKind(kind) ? spec.fleet[kind][i]! : null;
  const owner = (s: Subject) => ({ idNumber: s.idNumber, name: s.name });
  const path = '/api/v1/applications';
  const request = (applicant: { idNumber: string; name: string }, data: object) => ({
    token,
    path,
    body: JSON.stringify({
      businessType: BUSINESS_TYPE[kind],
      applicant,
      data,
      idempotencyKey: `${spec.keyPrefix}-${n}`,
    }),
  });
  switch (kind) {
    case 'licence-reissue': {
      const s = spec.subjects[i % spec.subjects.length]!;
      return request(owner(s), { plate: s.plate });
    }
    case 'temp-plate':
      return request(BUYER, {
        vin: benchVin(i),
        purpose: 'unregistered',
        days: 30,
        insuranceValidUntil: spec.insuranceValidUntil,
      });
    case 'register':
      // A new small private car at a dealer; the number is drawn by the selection system.
      return request(BUYER, {
        vin: benchVin(i, 'NEWCR', modelYearCode(spec.manufacturedOn)),
        brand: '比亚迪',
        model: '秦PLUS',
        vehicleType: 'small-car',
        useNature: 'non-operating',
        seats: 5,
        manufacturedOn: spec.manufacturedOn,
        insuranceValidUntil: spec.insuranceValidUntil,
        invoiceNo: `FP${spec.keyPrefix.slice(-8)}${i}`,
      });
    case 'transfer':
      return request(BUYER, { plate: fleet!.plate, invoiceNo: `ESC${i}` });
    case 'mortgage':
      // At the bank's own outlet: the bank is the mortgagee and its data needs no papers (§35).
      return request(owner(fleet!), {
        plate: fleet!.plate,
        mortgageeOrgCode: outlet,
        contractNo: `DY${spec.keyPrefix.slice(-8)}${i}`,
      });
    case 'inspection-mark':
      return request(owner(fleet!), {
        plate: fleet!.plate,
        insuranceValidUntil: spec.insuranceValidUntil,
      });
    case 'violation-handle': {
      // Record i is on the plate of driver i mod drivers, who takes its points: own vehicle.
      const d = spec.drivers[i % spec.drivers.length]!;
      return request(owner(d), { violationId: benchViolationId(i) });
    }
    case 'driver-licence-reissue': {
      const h = spec.licenceHolders[i % spec.licenceHolders.length]!;
      return request(owner(h), {});
    }
    case 'exam-result': {
      const finished = new Date(Date.parse(spec.examStartedAt) + 40 * 60_000).toISOString();
      return {
        token,
        path: '/api/v1/exam-results',
        body: JSON.stringify({
          idNumber: benchExaminee(i),
          subject: 1 + (i % 4),
          class: 'C1',
          examSiteCode: outlet,
          examinerId: `KG-${i % 50}`,
          score: 95,
          passed: true,
          faceMatch: 'pass',
          startedAt: spec.examStartedAt,
          finishedAt: finished,
          recordingRef: `REC-${spec.keyPrefix}-${n}`,
        }),
      };
    }
  }
}
