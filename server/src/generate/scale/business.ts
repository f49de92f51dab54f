import type { BusinessTypeCode } from '#shared/catalog.ts';
import type { Paper } from '../../documents/documents.service.ts';
import { Random } from './random.ts';
import type { Links } from './links.ts';
import type { Outlet } from './sizes.ts';
import { mortgageOf, type World } from './world.ts';

type DocKind = Paper;

/** What one application of the year was about: cheap to compute, no JSON yet. */
export interface Business {
  type: BusinessTypeCode;
  i: number;
  at: number;
  outlet: Outlet;
  /** The applicant (a person index). */
  person: number;
  /** The vehicle, for vehicle business; the violation record, for violation business. */
  vehicle: number | null;
  violation: number | null;
  refused: boolean;
  /** Where the application stays open at the end of the year: its lifecycle stage. */
  stage: string | null;
  /** The documents it issued, in order, with their subject (a VIN or an identity number). */
  documents: DocKind[];
}

/** Vehicle business whose refusals are generated (a scrapping-due vehicle; VEHICLE_SCRAP_DUE). */
const REFUSABLE: ReadonlySet<BusinessTypeCode> = new Set([
  'vehicle.transfer',
  'vehicle.mortgage',
  'vehicle.licence-reissue',
  'vehicle.certificate-reissue',
  'vehicle.inspection-mark',
  'vehicle.change',
  'licence.renew',
]);

/** One in 25 of those is refused (4 %): the pipeline stores refusals too. */
const refusedAt = (i: number) => i % 25 === 7;

const DOCUMENTS: Partial<Record<BusinessTypeCode, DocKind[]>> = {
  'vehicle.register': ['registration-certificate', 'vehicle-licence', 'plate', 'inspection-mark'],
  'vehicle.transfer': ['vehicle-licence', 'plate', 'inspection-mark'],
  // Endorsed on the registration certificate (R164 §32): no paper of its own.
  'vehicle.mortgage': [],
  'vehicle.deregister': ['deregistration-notice'],
  'vehicle.temp-plate': ['temp-plate'],
  'vehicle.licence-reissue': ['vehicle-licence'],
  'vehicle.certificate-reissue': ['registration-certificate'],
  'vehicle.inspection-mark': ['inspection-mark'],
  'vehicle.plate-reissue': ['acceptance-notice', 'plate'],
  'vehicle.change': ['vehicle-licence'],
  'licence.renew': ['driving-licence'],
  'licence.reissue': ['driving-licence'],
  'exam.book': ['acceptance-notice'],
};

const S_PROGRESS = 61;

/** The year's candidates (licence.apply a): when each subject was passed, and how it ended. */
export class Candidates {
  private readonly random: Random;
  constructor(
    private readonly w: World,
    private readonly links: Links,
  ) {
    this.random = new Random(w.plan.seed);
  }

  private get count() {
    return this.w.plan.counts['licence.apply'];
  }

  /** Days after applying on which subjects 1, 2 and 3 (with 4) were passed. */
  passedAfter(a: number): [number, number, number] {
    const s1 = 7 + this.random.int(S_PROGRESS, a, 21);
    const s2 = s1 + 20 + this.random.int(S_PROGRESS + 1, a, 40);
    return [s1, s2, s2 + 15 + this.random.int(S_PROGRESS + 2, a, 30)];
  }

  /** The day candidate a passed subject s (1–3), or null if not within the year. */
  passedOn(a: number, s: 1 | 2 | 3): number | null {
    if (a % 20 === 19 && s > 1) return null; // failed a fifth booking: voided
    const at =
      this.links.submittedAt('licence.apply', a) + this.passedAfter(a)[s - 1]! * 86_400_000;
    return at < Date.UTC(this.w.plan.year + 1, 0, 1) - 8 * 3_600_000 ? at : null;
  }

  status(a: number): 'theory' | 'skills' | 'licensed' | 'voided' {
    if (this.passedOn(a, 3) !== null) return 'licensed';
    if (a % 20 === 19 && this.passedOn(a, 1) !== null) return 'voided';
    return this.passedOn(a, 1) !== null ? 'skills' : 'theory';
  }

  /** A licensed candidate is one of the last licence holders; the others hold none yet. */
  person(a: number): number {
    const { plan } = this.w;
    return this.status(a) === 'licensed' ? plan.licences - this.count + a : plan.owners + a;
  }

  /** The licensing instant of licence holder p, when a candidate of the year became p. */
  licensedAt(p: number): number | null {
    const a = p - (this.w.plan.licences - this.count);
    return a >= 0 && this.status(a) === 'licensed' ? this.passedOn(a, 3) : null;
  }
}

/** The i-th application of a type: its subject, outlet, outcome and documents. */
export function businessOf(
  w: World,
  links: Links,
  candidates: Candidates,
  type: BusinessTypeCode,
  i: number,
): Business {
  const n = w.plan.counts[type];
  const refused = REFUSABLE.has(type) && refusedAt(i);
  let vehicle: number | null = null;
  let violation: number | null = null;
  let person: number;
  let stage: string | null = null;
  let outlet = links.outlet(type, i);
  if (type.startsWith('vehicle.')) {
    vehicle = refused ? links.scrapDue(i) : vehicleOf(w, links, type, i);
    if (type === 'vehicle.mortgage' && !refused) {
      outlet = w.plan.outlets[type]!.outlets.find(
        (o) => o.code === mortgageOf(w, vehicle!).mortgagee,
      )!;
    }
    person = w.fleet.owner(vehicle);
  } else if (type === 'violation.handle' || type === 'fine.pay') {
    violation = links.handledViolation(type === 'fine.pay' ? links.paidHandling(i) : i);
    person = links.driver(violation);
  } else if (type === 'licence.apply' || type === 'exam.book') {
    const a = type === 'exam.book' ? Math.floor((i * w.plan.counts['licence.apply']) / n) : i;
    person = candidates.person(a);
    const status = candidates.status(a);
    if (type === 'licence.apply' && (status === 'theory' || status === 'skills')) stage = status;
  } else {
    person = links.holder(type.length, i);
  }
  const documents: DocKind[] = refused
    ? ['notice']
    : type === 'licence.apply'
      ? stage
        ? ['acceptance-notice']
        : ['acceptance-notice', 'driving-licence']
      : (DOCUMENTS[type] ?? []);
  return {
    type,
    i,
    at: links.submittedAt(type, i),
    outlet,
    person,
    vehicle,
    violation,
    refused,
    stage,
    documents,
  };
}

function vehicleOf(w: World, links: Links, type: BusinessTypeCode, i: number): number {
  const { plan } = w;
  const older = plan.vehicles - plan.counts['vehicle.register'];
  switch (type) {
    case 'vehicle.register':
      return older + i;
    case 'vehicle.temp-plate':
      return older + (i % plan.counts['vehicle.register']);
    case 'vehicle.transfer':
      return links.transferred(i);
    case 'vehicle.mortgage':
      return 16 * i + 3;
    case 'vehicle.mortgage-release':
      return 16 * i + 5;
    case 'vehicle.deregister':
      return 32 * i + 7;
    default:
      return links.everyday(type.length, i);
  }
}
