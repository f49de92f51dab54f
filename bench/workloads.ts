import { isValidVin, withVinCheckDigit } from '#shared/validators/index.ts';

/** The business types the benchmark submits, each through POST /api/v1/applications. */
export const WORKLOADS = ['licence-reissue', 'temp-plate'] as const;
export type WorkloadName = (typeof WORKLOADS)[number];

export const BUSINESS_TYPE: Record<WorkloadName, string> = {
  'licence-reissue': 'vehicle.licence-reissue',
  'temp-plate': 'vehicle.temp-plate',
};

/** A demo vehicle whose owner may ask for a new 行驶证 (status normal or mortgaged). */
export interface ReissueSubject {
  plate: string;
  idNumber: string;
  name: string;
}

/** Everything a load worker needs to build its requests; structured-clone friendly. */
export interface WorkloadSpec {
  name: WorkloadName;
  /** Bearer tokens of the clerks, one per outlet; request n uses token n mod length. */
  tokens: string[];
  /** Vehicles for licence reissues; request n uses subject n mod length. */
  subjects: ReissueSubject[];
  /** First VIN serial of this phase (temp plates need a VIN never seen before). */
  vinStart: number;
  /** Insurance end date for temp plates, YYYY-MM-DD, a year ahead. */
  insuranceValidUntil: string;
  /** Makes idempotency keys unique across runs and phases. */
  keyPrefix: string;
}

/** The fixed applicant of the temp-plate workload (a buyer at a 4S dealer). */
export const TEMP_PLATE_BUYER = { idNumber: '520302199003070015', name: '张三' } as const;

/**
 * The n-th benchmark VIN: WMI "LBE", VDS "BENCH", check digit, model year S (2025) and a
 * 7-digit serial — valid (GB 16735) and unique for n < 10^7, never a demo registry VIN.
 */
export function benchVin(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 10_000_000)
    throw new RangeError(`VIN serial ${n} out of range`);
  const vin = withVinCheckDigit(`LBEBENCH0S${String(n).padStart(7, '0')}`);
  if (!isValidVin(vin)) throw new Error(`benchVin produced an invalid VIN ${vin}`);
  return vin;
}

/** The n-th request of a phase: which token to send and the JSON body. */
export function buildRequest(spec: WorkloadSpec, n: number): { token: string; body: string } {
  const token = spec.tokens[n % spec.tokens.length]!;
  const idempotencyKey = `${spec.keyPrefix}-${n}`;
  if (spec.name === 'licence-reissue') {
    const s = spec.subjects[n % spec.subjects.length]!;
    return {
      token,
      body: JSON.stringify({
        businessType: BUSINESS_TYPE[spec.name],
        applicant: { idNumber: s.idNumber, name: s.name },
        data: { plate: s.plate },
        idempotencyKey,
      }),
    };
  }
  return {
    token,
    body: JSON.stringify({
      businessType: BUSINESS_TYPE[spec.name],
      applicant: TEMP_PLATE_BUYER,
      data: {
        vin: benchVin(spec.vinStart + n),
        purpose: 'unregistered',
        days: 30,
        insuranceValidUntil: spec.insuranceValidUntil,
      },
      idempotencyKey,
    }),
  };
}
