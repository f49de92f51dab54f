import type { VehicleStatus } from '#shared/schemas/vehicles.ts';
import { partyKind } from '#shared/validators/uscc.ts';
import type { Rule } from '../applications/handler.ts';
import type { MoveOut, VehicleFlag } from './vehicles.repository.ts';

/**
 * Facts of a business asked for by plate on a registered vehicle: the plate, the office deciding,
 * the office whose plates carry this prefix, and the registry's file of the vehicle, if any.
 */
export interface VehicleFileFacts {
  plate: string;
  /** The jurisdiction (city code) of the office deciding. */
  ownCity: string;
  /** The jurisdiction that issues plates with this plate's prefix, when one is known. */
  plateCity: string | null;
  applicantIdNumber: string;
  /** The name the application gives for the applicant (a person's, or an organisation's). */
  applicantName: string;
  vehicle: {
    status: VehicleStatus;
    /** Active police flags beside the status, which shows only the weightier one. */
    flags: readonly VehicleFlag[];
    movedOut: MoveOut | null;
    plate: string | null;
    cityCode: string;
    ownerIdNumber: string;
    ownerName: string;
  } | null;
}

/** How each business phrases the three file checks: its article and where else to go. */
export interface FileRuleWording {
  legalBasis: string;
  /** e.g. 申请补领行驶证 / apply for a replacement vehicle licence */
  doZh: string;
  doEn: string;
}

/** The applicant is not the vehicle's owner: one wording for every business that asks it. */
export const NOT_OWNER = {
  message: '申请人不是该机动车的所有人',
  remedy:
    '请由机动车所有人申请；委托他人代办的，代理人须持所有人身份证明和委托书（机动车登记规定 第八十六条）',
  messageEn: 'The applicant is not the owner of this vehicle.',
  remedyEn:
    "The owner must apply. A representative acting for the owner must bring the owner's proof of identity and a letter of authorisation (Motor Vehicle Registration Regulations, Article 86).",
};

/**
 * The applicant gives the owner's number with another name: one wording for every business that
 * asks it, for a person (姓名, on the identity card) or an organisation (名称, on its credit code
 * certificate or business licence, R164 §89). The registered name is never shown: the notice
 * must not tell a stranger whose vehicle it is.
 */
export function ownerNameMismatch(ownerIdNumber: string) {
  const organisation = partyKind(ownerIdNumber) === 'organisation';
  return organisation
    ? {
        message: '申请人名称与该机动车登记的所有人单位名称不一致',
        remedy:
          '请核对机动车所有人统一社会信用代码证书或营业执照上的单位名称；机动车业务须由所有人（或其委托的代理人）凭所有人的身份证明办理',
        messageEn:
          "The applicant's name does not match the organisation registered as this vehicle's owner.",
        remedyEn:
          "Check the name on the owner's unified social credit code certificate or business licence; vehicle business is done by the owner (or a representative the owner authorised) on the owner's proof of identity.",
      }
    : {
        message: '申请人姓名与该机动车登记的所有人姓名不一致',
        remedy:
          '请核对机动车所有人身份证明上的姓名；机动车业务须由所有人本人（或其委托的代理人）凭所有人的身份证明办理',
        messageEn:
          "The applicant's name does not match the name of this vehicle's registered owner.",
        remedyEn:
          "Check the name on the owner's proof of identity; vehicle business is done by the owner (or a representative the owner authorised) on the owner's proof of identity.",
      };
}

/**
 * The three checks every business on a registered vehicle starts with, in order: the vehicle is
 * this office's (its file's own jurisdiction, R164 §2), it is on file, and the applicant owns it
 * (by number, then by name: business on a vehicle is done on the owner's proof of identity, which
 * each business's article requires, so a number with another name owns nothing).
 */
export function vehicleFileRules(w: FileRuleWording) {
  const inJurisdiction: Rule<VehicleFileFacts> = {
    code: 'NOT_IN_JURISDICTION',
    legalBasis: '机动车登记规定 第二条',
    check: (f) =>
      (f.vehicle ? f.vehicle.cityCode : f.plateCity) === f.ownCity
        ? null
        : {
            message: `号牌号码 ${f.plate} 不属于本车辆管理所登记的机动车`,
            remedy: `请向机动车登记地的车辆管理所${w.doZh}`,
            messageEn: `The vehicle with plate number ${f.plate} is not registered with this vehicle administration office.`,
            remedyEn: `${w.doEn} at the vehicle administration office where the vehicle is registered.`,
          },
  };
  const registered: Rule<VehicleFileFacts> = {
    code: 'VEHICLE_NOT_FOUND',
    legalBasis: w.legalBasis,
    requires: [inJurisdiction],
    check: (f) =>
      f.vehicle
        ? null
        : {
            message: `未查询到号牌号码为 ${f.plate} 的机动车登记信息`,
            remedy: '请核对号牌号码，或携带机动车登记证书到车管所窗口核查',
            messageEn: `No registration record was found for a vehicle with plate number ${f.plate}.`,
            remedyEn:
              'Check the plate number, or bring the vehicle registration certificate to a vehicle administration office window to have it checked.',
          },
  };
  const applicantIsOwner: Rule<VehicleFileFacts> = {
    code: 'APPLICANT_NOT_OWNER',
    legalBasis: w.legalBasis,
    requires: [registered],
    check: (f) => (f.vehicle?.ownerIdNumber === f.applicantIdNumber ? null : NOT_OWNER),
  };
  const applicantNameMatches: Rule<VehicleFileFacts> = {
    code: 'APPLICANT_NAME_MISMATCH',
    legalBasis: w.legalBasis,
    requires: [applicantIsOwner],
    check: (f) =>
      !f.vehicle || f.vehicle.ownerName === f.applicantName
        ? null
        : ownerNameMismatch(f.vehicle.ownerIdNumber),
  };
  return { inJurisdiction, registered, applicantIsOwner, applicantNameMatches };
}
