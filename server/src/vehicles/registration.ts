import { OFFICE_CATEGORIES, POLICE_CATEGORIES } from '#shared/catalog.ts';
import type { BusinessData } from '#shared/schemas/applications.ts';
import { hasOpenApplication } from '../applications/applications.service.ts';
import type { Decision, EffectTools } from '../applications/handler.ts';
import type { PolicyKey } from '../catalog/policy-keys.ts';
import type { Tx } from '../db/database.ts';
import { addDays } from '../platform/time.ts';
import { firstValidUntil, isSmallPrivateCar, addMonths } from './inspection-intervals.ts';
import { findInspection } from './inspections.repository.ts';
import { plateProblem, type VehicleType } from './plate-numbers.ts';
import { releaseApplicationPlates, unavailablePlates, retainedBy } from './plates.repository.ts';
import { freePlates } from './plates.service.ts';
import type { PlateFacts, RegisterFacts } from './register.rules.ts';
import { modelYearFits, SCRAP_AGE_KEYS, scrapAgeYears, scrapDueOn } from './vehicle-age.ts';
import { insertVehicleEvent } from './history.repository.ts';
import { endTempPlates, findVehicleByVin, insertVehicle } from './vehicles.repository.ts';

const TYPE = 'vehicle.register';
/** What deciding a registration reads of the policy in force. */
export const POLICY = [
  ...SCRAP_AGE_KEYS,
  'register.exempt-inspection.max-months',
  'inspection.small-car.biennial-years',
] as const satisfies readonly PolicyKey[];
type Keys = (typeof POLICY)[number];
export type RegisterData = Decision<BusinessData<typeof TYPE>, Keys>;
/** The rules' facts, with the number drawn for the effects (null when one was asked for). */
export type LoadedRegistration = RegisterFacts & { drawnPlate: string | null };

/**
 * The facts of a registration, read in the step's transaction (in one round trip), with the
 * number the selection system draws when none was asked for and the car is registered at once.
 */
export async function loadRegistration(tx: Tx, d: RegisterData): Promise<LoadedRegistration> {
  const { data, today, jurisdiction } = d;
  const vehicleType = data.vehicleType as VehicleType;
  const inspected = { vehicleType, useNature: data.useNature, seats: data.seats };
  const smallPrivateCar = isSmallPrivateCar(inspected);
  const exemptMonths = d.policy['register.exempt-inspection.max-months'] ?? 0;
  // §§11, 14: new small private cars (and customs imports) are exempt, unless the car waited
  // too long for registration or had an accident before it.
  const exempt =
    (smallPrivateCar || data.imported === true) &&
    addMonths(data.manufacturedOn, exemptMonths) >= today &&
    data.preRegistrationAccident !== true;
  const [existing, inProgress, report, plate, drawnPlate] = await Promise.all([
    findVehicleByVin(tx, data.vin),
    hasOpenApplication(tx, {
      cityCode: jurisdiction.cityCode,
      businessType: TYPE,
      about: { vin: data.vin },
    }),
    data.inspectionReportNo
      ? findInspection(tx, jurisdiction.cityCode, data.inspectionReportNo)
      : null,
    plateFacts(tx, d, data.plate ?? null),
    data.plate || data.lane ? null : drawNumber(tx, d),
  ]);
  const years = scrapAgeYears(data, d.policy);
  return {
    today,
    outletCategory: d.outlet.category,
    socialOutlet: !POLICE_CATEGORIES.includes(d.outlet.category),
    vin: data.vin,
    modelYearFits: modelYearFits(data.vin, data.manufacturedOn),
    vehicle: existing
      ? { status: existing.status, flags: existing.flags, plate: existing.plate }
      : null,
    vehicleType,
    smallPrivateCar,
    manufacturedOn: data.manufacturedOn,
    insuranceValidUntil: data.insuranceValidUntil,
    scrapAgeYears: years,
    scrapDueOn: scrapDueOn(data.manufacturedOn, years),
    inspection: {
      exempt,
      reportNo: data.inspectionReportNo ?? null,
      report: report
        ? {
            result: report.result,
            forThisVehicle: report.vin === data.vin,
          }
        : null,
    },
    lane: {
      requested: data.lane === true,
      atOffice: OFFICE_CATEGORIES.includes(d.outlet.category),
    },
    inProgress,
    ...plate,
    drawnPlate,
  };
}

/** A requested number (R164 §43): composed to the rules, and free, or kept by this applicant (§44). */
export async function plateFacts(
  tx: Tx,
  d: Pick<RegisterData, 'jurisdiction' | 'today' | 'applicant'> & {
    data: { vehicleType: string };
  },
  plate: string | null,
): Promise<PlateFacts> {
  if (!plate) return { plate: { requested: null, problem: null, unavailable: false } };
  const { cityCode, platePrefixes } = d.jurisdiction;
  const [taken, retainedFor] = await Promise.all([
    unavailablePlates(tx, cityCode, [plate], d.today),
    retainedBy(tx, cityCode, plate, d.today),
  ]);
  return {
    plate: {
      requested: plate,
      problem: plateProblem(plate, d.data.vehicleType as VehicleType, platePrefixes),
      unavailable: taken.has(plate) && retainedFor !== d.applicant.idNumber,
    },
  };
}

/** The number asked for, or one the selection system draws when none was (R164 §43). */
export async function numberFor(
  tx: Tx,
  d: Pick<RegisterData, 'jurisdiction' | 'today'> & { data: { vehicleType: string } },
  asked: string | undefined,
): Promise<string> {
  const number = asked ?? (await drawNumber(tx, d));
  if (!number) throw new Error('no free plate number could be drawn');
  return number;
}

/** A free number the selection system draws for the vehicle's type, or null if none is left. */
async function drawNumber(
  tx: Tx,
  d: Pick<RegisterData, 'jurisdiction' | 'today'> & { data: { vehicleType: string } },
): Promise<string | null> {
  const [drawn] = await freePlates(tx, {
    cityCode: d.jurisdiction.cityCode,
    prefix: d.jurisdiction.platePrefixes[0] ?? '',
    vehicleType: d.data.vehicleType as VehicleType,
    count: 1,
    today: d.today,
  });
  return drawn ?? null;
}

/**
 * Puts a registered vehicle in the registry with its number and issues what the owner takes
 * away: 登记证书, 行驶证, the plate and the inspection mark (R164 §13). The temporary plates of
 * an unregistered vehicle become void three days after its plates are received (§47).
 */
export async function registerVehicle(
  tx: Tx,
  d: RegisterData,
  tools: EffectTools,
  plate: string,
  countyCode = d.outlet.countyCode,
) {
  const { data, today, jurisdiction } = d;
  const cityCode = jurisdiction.cityCode;
  const biennial = d.policy['inspection.small-car.biennial-years'] ?? 10;
  const inspectionValidUntil = firstValidUntil(
    { vehicleType: data.vehicleType as VehicleType, useNature: data.useNature, seats: data.seats },
    today,
    biennial,
  );
  // The vehicle's row and its documents do not wait for each other: one round trip.
  const vehicleInserted = insertVehicle(tx, {
    city_code: cityCode,
    county_code: countyCode,
    vin: data.vin,
    plate,
    vehicle_type: data.vehicleType,
    use_nature: data.useNature,
    seats: data.seats,
    brand: data.brand,
    model: data.model,
    owner_id_number: d.applicant.idNumber,
    owner_name: d.applicant.name,
    owner_phone: d.applicant.phone ?? null,
    status: 'normal',
    registered_on: today,
    manufactured_on: data.manufacturedOn,
    inspection_valid_until: inspectionValidUntil,
  });
  const released = releaseApplicationPlates(tx, cityCode, tools.applicationId);
  const ended = endTempPlates(tx, {
    cityCode,
    vin: data.vin,
    purpose: 'unregistered',
    lastDay: addDays(today, 3),
  });
  const issued = tools.issueSet(data.vin, [
    { kind: 'registration-certificate' },
    { kind: 'vehicle-licence' },
    { kind: 'plate', number: plate },
    { kind: 'inspection-mark' },
  ]);
  const [vehicleId, , , { documents }] = await Promise.all([
    vehicleInserted,
    released,
    ended,
    issued,
  ]);
  await insertVehicleEvent(tx, {
    cityCode,
    vin: data.vin,
    at: d.now,
    event: 'registered',
    statusFrom: null,
    statusTo: 'normal',
    plate,
    applicationId: tools.applicationId,
    actor: d.actor?.displayName ?? '系统',
    details: { inspectionValidUntil },
  });
  return { vehicleId, plate, documents, inspectionValidUntil };
}
