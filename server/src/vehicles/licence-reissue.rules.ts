import type { Rule } from '../applications/handler.ts';
import {
  vehicleNotDeregistered,
  vehicleNotScrapDue,
  vehicleNotStolen,
} from './vehicle-status.rules.ts';

/** Facts for 补领机动车行驶证 (R164 §52): the plate asked for and what the registry holds. */
export interface LicenceReissueFacts {
  plate: string;
  inJurisdiction: boolean;
  applicantIdNumber: string;
  vehicle: { status: string; plate: string | null; ownerIdNumber: string } | null;
}

export const plateInJurisdiction: Rule<LicenceReissueFacts> = {
  code: 'NOT_IN_JURISDICTION',
  legalBasis: '机动车登记规定 第二条',
  check: (f) =>
    f.inJurisdiction
      ? null
      : {
          message: `号牌号码 ${f.plate} 不属于本车辆管理所登记的机动车`,
          remedy: '请向机动车登记地的车辆管理所申请补领行驶证',
          messageEn: `The vehicle with plate number ${f.plate} is not registered with this vehicle administration office.`,
          remedyEn:
            'Apply for a replacement vehicle licence at the vehicle administration office where the vehicle is registered.',
        },
};

export const vehicleRegistered: Rule<LicenceReissueFacts> = {
  code: 'VEHICLE_NOT_FOUND',
  legalBasis: '机动车登记规定 第五十二条',
  check: (f) =>
    f.inJurisdiction && !f.vehicle
      ? {
          message: `未查询到号牌号码为 ${f.plate} 的机动车登记信息`,
          remedy: '请核对号牌号码，或携带机动车登记证书到车管所窗口核查',
          messageEn: `No registration record was found for a vehicle with plate number ${f.plate}.`,
          remedyEn:
            'Check the plate number, or bring the vehicle registration certificate to a vehicle administration office window to have it checked.',
        }
      : null,
};

export const applicantIsOwner: Rule<LicenceReissueFacts> = {
  code: 'APPLICANT_NOT_OWNER',
  legalBasis: '机动车登记规定 第五十二条',
  check: (f) =>
    f.vehicle && f.vehicle.ownerIdNumber !== f.applicantIdNumber
      ? {
          message: '申请人不是该机动车的所有人',
          remedy:
            '请由机动车所有人申请；委托他人代办的，代理人须持所有人身份证明和委托书（机动车登记规定 第八十六条）',
          messageEn: 'The applicant is not the owner of this vehicle.',
          remedyEn:
            "The owner must apply. A representative acting for the owner must bring the owner's proof of identity and a letter of authorisation (Motor Vehicle Registration Regulations, Article 86).",
        }
      : null,
};

export const LICENCE_REISSUE_RULES: readonly Rule<LicenceReissueFacts>[] = [
  plateInJurisdiction,
  vehicleRegistered,
  applicantIsOwner,
  vehicleNotStolen,
  vehicleNotDeregistered,
  vehicleNotScrapDue,
];
