import { BUSINESS_TYPE_CODES, type BusinessTypeCode } from '#shared/catalog.ts';
import type { IssuedDocument, RefusalItem } from '#shared/schemas/applications.ts';
import { channelOf } from '../../applications/pipeline.ts';
import { DOCUMENT_PREFIX, kindOf, type SignedDocument } from '../../documents/documents.service.ts';
import { certificateFound } from '../../licences/medical-certificate.rules.ts';
import { addDays, beijingInstant } from '../../platform/time.ts';
import { vehicleNotScrapDue } from '../../vehicles/vehicle-status.rules.ts';
import { businessOf, type Business, type Candidates } from './business.ts';
import type { Field } from './binary-rows.ts';
import { beijingDay, hex } from './format.ts';
import type { Links } from './links.ts';
import { Random } from './random.ts';
import { orderedBy } from './order.ts';
import { mortgageOf, type World } from './world.ts';

/** What the generator needs besides the world: links, candidates, tokens, SLA due dates. */
export interface Context {
  w: World;
  links: Links;
  candidates: Candidates;
  /** A printed document's verification token (documents.service.ts `documentTokens`). */
  token: (d: SignedDocument) => string;
  random: Random;
  dueOn(type: BusinessTypeCode, day: string): string;
}

/** Application id: a UUIDv7 of the submission instant, so rows of a day sit together. */
export function applicationId(ctx: Context, type: BusinessTypeCode, i: number, at: number) {
  const r = ctx.random;
  const t = BUSINESS_TYPE_CODES.indexOf(type);
  const a = r.u32(70 + t, i);
  const b = r.u32(100 + t, i);
  const c = r.u32(130 + t, i);
  const ms = hex(at, 12);
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${hex(a, 3)}-${hex(0x8000 | (b & 0x3fff), 4)}-${hex(b >>> 16, 4)}${hex(c, 8)}`;
}

export interface Issued {
  id: string;
  kind: IssuedDocument['kind'];
  number: string;
  subject: string;
}

/**
 * Numbers the documents of one application, in the order the handlers issue them; a counter
 * shared by the application pass and the document pass keeps the two in step.
 */
export function documentsOf(
  ctx: Context,
  b: Business,
  appId: string,
  serial: { next: number },
): Issued[] {
  const { w } = ctx;
  const subject =
    b.refused || b.vehicle === null ? w.people.idNumber(b.person) : w.fleet.vin(b.vehicle);
  return b.documents.map((paper, n) => ({
    id: `${appId.slice(0, 34)}${String(n).padStart(2, '0')}`,
    kind: kindOf(paper),
    subject,
    number:
      // A new number's plate carries the number; a reissued plate gets a serial (the handlers').
      paper === 'plate' && b.type !== 'vehicle.plate-reissue'
        ? w.fleet.plate(b.vehicle!)
        : paper === 'temp-plate'
          ? tempPlate(ctx, b.i)
          : `${DOCUMENT_PREFIX[paper]}${w.plan.cityCode}${w.plan.year}${String(serial.next++).padStart(8, '0')}`,
  }));
}

/** The i-th temporary plate of the year: the city's prefix, 临, a serial (as the handlers'). */
export const tempPlate = (ctx: Context, i: number) =>
  `${ctx.w.plan.platePrefix}临${ctx.w.tempPlateSerialBase + i}`;

export const APPLICATION_COLUMNS = [
  'city_code',
  'id',
  'business_type',
  'outlet_code',
  'outlet_name',
  'county_code',
  'channel',
  'actor_user_id',
  'actor_name',
  'office_name',
  'applicant_id_number',
  'applicant_name',
  'applicant_phone',
  'data',
  'status',
  'result',
  'refusal',
  'request_hash',
  'submitted_at',
  'completed_at',
  'sla_due_on',
  'stage',
  'stage_entered_at',
  'stage_due_on',
] as const;

/** The business types in the order of their codes, as PostgreSQL sorts them (collation C). */
const TYPES_BY_CODE: readonly BusinessTypeCode[] = [...BUSINESS_TYPE_CODES].sort();

/**
 * A type's applications (their indexes) in the order they were submitted, to the second, and by
 * index within a second (order.ts).
 *
 * Why: the applications are written type by type in the order of their codes, each type's in
 * this order, which is the order of `applications_type_time` (city, type, submitted_at; the city
 * is one). PostgreSQL's sort first checks whether its input is already in order, so that index's
 * build reads the file and writes the tree without sorting. Written by index (by day, with the
 * seconds scattered within each day), that build was the costliest of the applications'
 * (docs/BENCHMARKS.md).
 */
export function inSubmissionOrder(ctx: Context, type: BusinessTypeCode): Float64Array {
  // Whole seconds, as the COPY writes the instant (binary-rows.ts).
  return orderedBy(ctx.w.plan.counts[type], (i) =>
    Math.floor(ctx.links.submittedAt(type, i) / 1000),
  );
}

/**
 * Every application of the year, type by type (`inSubmissionOrder`), with their documents' rows
 * alongside.
 */
export function* applicationRows(ctx: Context, serial: { next: number }): Generator<Field[]> {
  const { w } = ctx;
  for (const type of TYPES_BY_CODE) {
    for (const i of inSubmissionOrder(ctx, type)) {
      const b = businessOf(w, ctx.links, ctx.candidates, type, i);
      const id = applicationId(ctx, type, i, b.at);
      const docs = documentsOf(ctx, b, id, serial);
      const printed = docs.map((d) => ({
        kind: d.kind,
        number: d.number,
        verifyToken: ctx.token({ cityCode: w.plan.cityCode, ...d }),
      }));
      const p = b.person;
      const at = b.at;
      const day = beijingDay(b.at);
      const status = b.refused
        ? 'refused'
        : b.stage
          ? 'accepted'
          : type === 'licence.apply' && ctx.candidates.status(i) === 'voided'
            ? 'expired'
            : 'completed';
      yield [
        w.plan.cityCode,
        id,
        type,
        b.outlet.code,
        b.outlet.name,
        b.outlet.countyCode,
        channelOf(b.outlet.category as Parameters<typeof channelOf>[0]),
        b.outlet.staffId,
        b.outlet.staffName,
        w.plan.officeName,
        w.people.idNumber(p),
        w.people.name(p),
        w.people.phone(p),
        JSON.stringify(dataOf(ctx, b)),
        status,
        b.refused ? null : JSON.stringify(resultOf(ctx, b, printed)),
        b.refused ? JSON.stringify(refusalOf(ctx, b, printed[0]!)) : null,
        'generated',
        at,
        status === 'accepted' ? null : at,
        b.refused ? null : ctx.dueOn(type, day),
        b.stage,
        b.stage ? at : null,
        b.stage ? ctx.dueOn(type, day) : null,
      ];
    }
  }
}

export const DOCUMENT_COLUMNS = [
  'city_code',
  'id',
  'kind',
  'number',
  'subject',
  'application_id',
  'status',
  'issued_at',
  'issuer_office',
  'issuer_outlet',
  'issuer_staff',
] as const;

/** The documents of every application, in the same order and numbering as applicationRows. */
export function* documentRows(ctx: Context, serial: { next: number }): Generator<Field[]> {
  const { w } = ctx;
  for (const type of TYPES_BY_CODE) {
    for (const i of inSubmissionOrder(ctx, type)) {
      const b = businessOf(w, ctx.links, ctx.candidates, type, i);
      if (!b.documents.length) continue;
      const id = applicationId(ctx, type, i, b.at);
      const at = b.at;
      for (const d of documentsOf(ctx, b, id, serial)) {
        yield [
          w.plan.cityCode,
          d.id,
          d.kind,
          d.number,
          d.subject,
          id,
          'valid',
          at,
          w.plan.officeName,
          b.outlet.name,
          b.outlet.staffName,
        ];
      }
    }
  }
}

function dataOf(ctx: Context, b: Business): Record<string, unknown> {
  const { w, links } = ctx;
  // Computed where a type needs it: most applications carry a plate and little else.
  const insured = () => addDays(beijingDay(b.at), 365);
  if (b.vehicle !== null) {
    const k = b.vehicle;
    const plate =
      b.type === 'vehicle.transfer' && !b.refused ? w.fleet.oldPlate(b.i) : w.fleet.plate(k);
    switch (b.type) {
      case 'vehicle.register': {
        const v = w.fleet.vehicle(k);
        return {
          vin: v.vin,
          brand: v.brand,
          model: v.model,
          vehicleType: v.vehicleType,
          useNature: v.useNature,
          seats: v.seats,
          manufacturedOn: v.manufacturedOn,
          insuranceValidUntil: insured(),
          invoiceNo: `FP${w.plan.year}${b.i}`,
          plate: v.plate,
        };
      }
      case 'vehicle.temp-plate':
        return {
          vin: w.fleet.vin(k),
          purpose: 'unregistered',
          days: 30,
          insuranceValidUntil: insured(),
        };
      case 'vehicle.transfer':
        return { plate, invoiceNo: `FP${w.plan.year}T${b.i}` };
      case 'vehicle.mortgage': {
        const m = mortgageOf(w, k);
        return { plate, mortgageeOrgCode: m.mortgagee, contractNo: m.contractNo };
      }
      case 'vehicle.mortgage-release': {
        const m = mortgageOf(w, k);
        return { plate, contractNo: m.contractNo, mortgageeOrgCode: m.mortgagee };
      }
      case 'vehicle.deregister':
        return { plate, reason: 'scrapped' };
      case 'vehicle.inspection-mark':
        return { plate, insuranceValidUntil: insured() };
      case 'vehicle.change':
        return { plate, change: 'colour', value: '白色' };
      default:
        return { plate };
    }
  }
  if (b.violation !== null) return { violationId: violationId(w, b.violation) };
  switch (b.type) {
    case 'licence.apply':
      return {
        class: 'C1',
        medicalCertificateNo: `TJ${w.plan.year}A${b.i}`,
        drivingSchoolCode: `JX${w.plan.cityCode}${String(b.i % 60).padStart(3, '0')}`,
      };
    case 'licence.renew':
      return { medicalCertificateNo: `TJ${w.plan.year}R${b.i}` };
    case 'exam.book':
      return { subject: 1 + (b.i % 4), examSiteCode: links.examSite(b.i).code };
    case 'points.reduce':
      return { method: 'online', minutes: 180, examPassed: true };
    case 'licence.review':
      return { studyHours: 3, healthDeclared: true };
    default:
      return {};
  }
}

/** The identity of violation record v: city, year and a serial. */
export const violationId = (w: World, v: number) =>
  `${w.plan.cityCode}${w.plan.year}${String(v).padStart(10, '0')}`;

function resultOf(ctx: Context, b: Business, documents: IssuedDocument[]) {
  const { w } = ctx;
  const day = beijingDay(b.at);
  switch (b.type) {
    case 'vehicle.register':
    case 'vehicle.licence-reissue':
    case 'vehicle.change':
    case 'vehicle.deregister':
      return { plate: w.fleet.plate(b.vehicle!), documents, voidedNumbers: [] };
    case 'vehicle.transfer':
      return {
        plate: w.fleet.plate(b.vehicle!),
        oldPlate: w.fleet.oldPlate(b.i),
        documents,
        voidedNumbers: [],
      };
    case 'vehicle.temp-plate':
      return {
        tempPlate: tempPlate(ctx, b.i),
        validFrom: day,
        validUntil: addDays(day, 29),
        documents,
      };
    case 'vehicle.inspection-mark':
      return {
        documents,
        inspectionValidUntil: w.fleet.vehicle(b.vehicle!).inspectionValidUntil,
        exempt: true,
        voidedNumbers: [],
      };
    case 'violation.handle':
    case 'fine.pay': {
      const code = ctx.links.code(b.violation!);
      return b.type === 'fine.pay'
        ? { fine: code.fine, lateFee: 0, paidAt: beijingInstant(new Date(b.at)) }
        : { points: code.points, fine: code.fine, cyclePoints: code.points };
    }
    default:
      return { documents };
  }
}

/** The real rule's notice item: a scrapping-due vehicle, or a medical certificate not found. */
function refusalOf(ctx: Context, b: Business, notice: IssuedDocument) {
  const rule = b.vehicle !== null ? vehicleNotScrapDue : certificateFound;
  const failure =
    b.vehicle !== null
      ? vehicleNotScrapDue.check({ vehicle: { status: 'scrap-due', plate: null } })
      : certificateFound.check({
          idNumber: ctx.w.people.idNumber(b.person),
          today: beijingDay(b.at),
          certificateNo: `TJ${ctx.w.plan.year}R${b.i}`,
          certificate: null,
          classesNeeded: [],
        });
  const item: RefusalItem = { code: rule.code, legalBasis: rule.legalBasis, ...failure! };
  return { noticeNumber: notice.number, verifyToken: notice.verifyToken, items: [item] };
}

export const TEMP_PLATE_COLUMNS = [
  'city_code',
  'vin',
  'plate',
  'purpose',
  'valid_from',
  'valid_until',
  'application_id',
  'outlet_code',
  'issued_at',
] as const;

/** The temporary plates the year's vehicle.temp-plate issued (the rules count them per VIN). */
export function* tempPlateRows(ctx: Context): Generator<Field[]> {
  const { w } = ctx;
  for (let i = 0; i < w.plan.counts['vehicle.temp-plate']; i++) {
    const b = businessOf(w, ctx.links, ctx.candidates, 'vehicle.temp-plate', i);
    const day = beijingDay(b.at);
    yield [
      w.plan.cityCode,
      w.fleet.vin(b.vehicle!),
      tempPlate(ctx, i),
      'unregistered',
      day,
      addDays(day, 29),
      applicationId(ctx, 'vehicle.temp-plate', i, b.at),
      b.outlet.code,
      b.at,
    ];
  }
}
