import {
  computeIdNumberCheckCharacter,
  isValidVin,
  withVinCheckDigit,
} from '#shared/validators/index.ts';

/**
 * The workloads: business types submitted through POST /api/v1/applications, and the exam sites'
 * results through POST /api/v1/exam-results.
 */
export const WORKLOADS = [
  'licence-reissue',
  'temp-plate',
  'violation-handle',
  'exam-result',
] as const;
export type WorkloadName = (typeof WORKLOADS)[number];

export const BUSINESS_TYPE: Record<WorkloadName, string> = {
  'licence-reissue': 'vehicle.licence-reissue',
  'temp-plate': 'vehicle.temp-plate',
  'violation-handle': 'violation.handle',
  'exam-result': 'POST /exam-results',
};

/** The n-th benchmark violation record (seeded on the plate of subject n mod subjects). */
export const benchViolationId = (n: number) => `BENCHV${String(n).padStart(8, '0')}`;

/** The n-th benchmark examinee: a valid identity number (GB 11643) never in the demo registry. */
export function benchExaminee(n: number): string {
  const first17 = `520302${String(19800101 + (n % 28))}${String(n % 1000).padStart(3, '0')}`;
  return first17 + computeIdNumberCheckCharacter(first17);
}

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
  /**
   * First request serial of this phase: temp plates need a VIN, violation handling a record,
   * never used before.
   */
  vinStart: number;
  /** Exam-site codes, aligned with `tokens` for the exam-result workload (a site's own clerk). */
  examSites: string[];
  /** The instant exam results of this phase started, ISO 8601. */
  examStartedAt: string;
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

/** The n-th request of a phase: which token to send, where, and the JSON body. */
export function buildRequest(
  spec: WorkloadSpec,
  n: number,
): { token: string; body: string; path: string } {
  const token = spec.tokens[n % spec.tokens.length]!;
  const idempotencyKey = `${spec.keyPrefix}-${n}`;
  const path = '/api/v1/applications';
  if (spec.name === 'violation-handle') {
    // Record k is on the plate of subject k mod subjects, who takes its points: own vehicle.
    const k = spec.vinStart + n;
    const s = spec.subjects[k % spec.subjects.length]!;
    return {
      token,
      path,
      body: JSON.stringify({
        businessType: BUSINESS_TYPE[spec.name],
        applicant: { idNumber: s.idNumber, name: s.name },
        data: { violationId: benchViolationId(k) },
        idempotencyKey,
      }),
    };
  }
  if (spec.name === 'exam-result') {
    const site = spec.examSites[n % spec.examSites.length]!;
    const finished = new Date(Date.parse(spec.examStartedAt) + 40 * 60_000).toISOString();
    return {
      token,
      path: '/api/v1/exam-results',
      body: JSON.stringify({
        idNumber: benchExaminee(spec.vinStart + n),
        subject: 1 + (n % 4),
        class: 'C1',
        examSiteCode: site,
        examinerId: `KG-${n % 50}`,
        score: 95,
        passed: true,
        faceMatch: 'pass',
        startedAt: spec.examStartedAt,
        finishedAt: finished,
        recordingRef: `REC-${spec.keyPrefix}-${n}`,
      }),
    };
  }
  if (spec.name === 'licence-reissue') {
    const s = spec.subjects[n % spec.subjects.length]!;
    return {
      token,
      path,
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
    path,
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
