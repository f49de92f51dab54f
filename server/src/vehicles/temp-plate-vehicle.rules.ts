import type { TempPlatePurpose } from '#shared/schemas/applications.ts';
import { SOCIAL_OUTLET_PURPOSES } from '#shared/temp-plates.ts';
import type { VehicleStatus } from '#shared/schemas/vehicles.ts';
import type { Rule } from '../applications/handler.ts';
import { PURPOSE_SUBJECT } from './temp-plate-purposes.ts';
import { NOT_OWNER, ownerNameMismatch } from './vehicle-file.rules.ts';
import { vehicleNotMovedOut } from './vehicle-status.rules.ts';
import type { MoveOut, VehicleFlag } from './vehicles.repository.ts';

/**
 * Who may have a temporary plate for which vehicle (R164 §§18, 27, 28, 46–48): a purpose for a
 * vehicle not registered needs one the registry does not hold; a purpose for a registered vehicle
 * needs it on this office's file, in the applicant's name (number and name), and not moved out. A dealer's station
 * issues only the plates of its new cars.
 */
export interface TempPlateVehicleFacts {
  purpose: TempPlatePurpose;
  vin: string;
  /** The jurisdiction (city code) of the office deciding. */
  ownCity: string;
  applicantIdNumber: string;
  /** The name the application gives for the applicant (a person's, or an organisation's). */
  applicantName: string;
  /** Taken at a social outlet (a dealer's or a registration service station), not a police one. */
  socialOutlet: boolean;
  /** The vehicle the national VIN directory finds, in whichever city holds it. */
  vehicle: {
    status: VehicleStatus;
    flags: readonly VehicleFlag[];
    plate: string | null;
    cityCode: string;
    ownerIdNumber: string;
    ownerName: string;
    movedOut: MoveOut | null;
  } | null;
}

const subjectOf = (f: TempPlateVehicleFacts) => PURPOSE_SUBJECT[f.purpose];
const forRegistered = (f: TempPlateVehicleFacts) => subjectOf(f).registered;

export const outletScope: Rule<TempPlateVehicleFacts> = {
  code: 'OUTLET_SCOPE_EXCEEDED',
  legalBasis: '机动车登记规定 第四十六条',
  check: (f) =>
    f.socialOutlet && !SOCIAL_OUTLET_PURPOSES.includes(f.purpose)
      ? {
          message: `本服务站受委托只核发所售新车（未销售、购买后尚未注册登记或出口销售）的临时号牌，不能核发“${subjectOf(f).nameZh}”临时号牌`,
          remedy: '请到车辆管理所或公安交管业务窗口申请',
          messageEn: `This service station is delegated the temporary plates of the new cars it sells (unsold, bought and not yet registered, or sold for export) only, not a temporary plate for ${subjectOf(f).nameEn}.`,
          remedyEn: 'Apply at a vehicle administration office or a traffic police business window.',
        }
      : null,
};

/** §46: the purposes for a vehicle not registered (a deregistered one is refused on its own). */
export const notYetRegistered: Rule<TempPlateVehicleFacts> = {
  code: 'VEHICLE_ALREADY_REGISTERED',
  legalBasis: '机动车登记规定 第四十六条',
  check: (f) =>
    !forRegistered(f) && f.vehicle && f.vehicle.status !== 'deregistered'
      ? {
          message: `该车辆已注册登记${f.vehicle.plate ? `（号牌号码 ${f.vehicle.plate}）` : ''}，不属于未登记车辆`,
          remedy: '已登记车辆请使用正式号牌；号牌遗失或损毁的，请申请补领号牌',
          messageEn: `This vehicle is already registered${f.vehicle.plate ? ` (plate number ${f.vehicle.plate})` : ''}, so it is not an unregistered vehicle.`,
          remedyEn:
            'A registered vehicle must use its permanent plates; if a plate is lost or damaged, apply for a replacement plate.',
          legalBasis: subjectOf(f).legalBasis,
        }
      : null,
};

export const inJurisdiction: Rule<TempPlateVehicleFacts> = {
  code: 'NOT_IN_JURISDICTION',
  legalBasis: '机动车登记规定 第二条',
  check: (f) =>
    forRegistered(f) && f.vehicle && f.vehicle.cityCode !== f.ownCity
      ? {
          message: `车辆识别代号为 ${f.vin} 的机动车不属于本车辆管理所登记的机动车`,
          remedy: '请向机动车登记地的车辆管理所申请临时号牌',
          messageEn: `The vehicle with VIN ${f.vin} is not registered with this vehicle administration office.`,
          remedyEn:
            'Apply for the temporary plate at the vehicle administration office where the vehicle is registered.',
        }
      : null,
};

export const registeredHere: Rule<TempPlateVehicleFacts> = {
  code: 'VEHICLE_NOT_FOUND',
  legalBasis: '机动车登记规定 第四十七条',
  check: (f) =>
    forRegistered(f) && !f.vehicle
      ? {
          message: `未查询到车辆识别代号为 ${f.vin} 的机动车登记信息，“${subjectOf(f).nameZh}”临时号牌只核发给已注册登记的机动车`,
          remedy: '请核对车辆识别代号；未注册登记的车辆请按“未销售或未注册登记”申请临时号牌',
          messageEn: `No registration record was found for the vehicle with VIN ${f.vin}; a temporary plate for ${subjectOf(f).nameEn} is issued to registered vehicles only.`,
          remedyEn:
            'Check the VIN; for a vehicle that is not registered, apply for an "unsold or unregistered" temporary plate.',
          legalBasis: subjectOf(f).legalBasis,
        }
      : null,
};

export const applicantIsOwner: Rule<TempPlateVehicleFacts> = {
  code: 'APPLICANT_NOT_OWNER',
  legalBasis: '机动车登记规定 第四十七条',
  requires: [inJurisdiction, registeredHere],
  check: (f) =>
    forRegistered(f) && f.vehicle && f.vehicle.ownerIdNumber !== f.applicantIdNumber
      ? { ...NOT_OWNER, legalBasis: subjectOf(f).legalBasis }
      : null,
};

/** The owner applies by name as well as by number (vehicle-file.rules.ts, the same wording). */
export const applicantNameMatches: Rule<TempPlateVehicleFacts> = {
  code: 'APPLICANT_NAME_MISMATCH',
  legalBasis: '机动车登记规定 第四十七条',
  requires: [applicantIsOwner],
  check: (f) =>
    forRegistered(f) && f.vehicle && f.vehicle.ownerName !== f.applicantName
      ? { ...ownerNameMismatch(f.vehicle.ownerIdNumber), legalBasis: subjectOf(f).legalBasis }
      : null,
};

/**
 * A registered vehicle that has moved out is the destination's (§18), which issues what it needs;
 * its move-out plate came with the move-out itself. (For the other purposes it is simply a
 * registered vehicle.)
 */
export const notMovedOut: Rule<TempPlateVehicleFacts> = {
  ...vehicleNotMovedOut,
  requires: [inJurisdiction],
  check: (f) => (forRegistered(f) ? vehicleNotMovedOut.check(f) : null),
};
