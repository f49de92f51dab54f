import type { Rule } from '../applications/handler.ts';
import {
  expiredInspectionRules,
  type ExpiredInspectionFacts,
} from './transfer-inspection.rules.ts';
import type { BusinessFile } from './vehicle-business.ts';
import {
  mortgageeCoApplies,
  noBusinessInProgress,
  notNearScrap,
  violationsHandled,
  type InProgressFacts,
} from './vehicle-business.rules.ts';
import { vehicleFileRules } from './vehicle-file.rules.ts';
import {
  vehicleNotDeregistered,
  vehicleNotMovedOut,
  vehicleNotScrapDue,
  vehicleNotSeized,
  vehicleNotStolen,
} from './vehicle-status.rules.ts';

/** 转让登记 (R164 §§25–30): the applicant is the new owner. */
export type TransferFacts = BusinessFile &
  ExpiredInspectionFacts &
  InProgressFacts & {
    keepOldNumber: boolean;
    /** Since when the former owner has held the vehicle and its number (asked when keeping it). */
    ownedSince: string | null;
    /** The new owner's mortgage contract, when the parties give one (§26 ¶3). */
    contractNo: string | null;
  };

export const BASIS_25 = '机动车登记规定 第二十五条';
/** §29: what bars a transfer (a seizure, §15(8); within a year of the scrapping age). */
const BASIS_29 = '机动车登记规定 第二十九条';
const file = vehicleFileRules({
  legalBasis: BASIS_25,
  doZh: '申请转让登记',
  doEn: 'Apply for the transfer registration',
});

const newOwner: Rule<TransferFacts> = {
  code: 'TRANSFER_TO_SAME_OWNER',
  legalBasis: BASIS_25,
  requires: [file.registered],
  check: (f) =>
    f.vehicle?.ownerIdNumber === f.applicantIdNumber
      ? {
          message: '申请人已是该机动车的所有人，无需办理转让登记',
          remedy: '转让登记由受让方（现机动车所有人）申请；如需变更信息，请申请变更登记或备案',
          messageEn: 'The applicant already owns this vehicle; no transfer is needed.',
          remedyEn:
            'A transfer is applied for by the new owner; to change recorded details, apply for a change registration or filing.',
        }
      : null,
};

const keepNumberEligible: Rule<TransferFacts> = {
  code: 'KEEP_NUMBER_NOT_ELIGIBLE',
  legalBasis: '机动车登记规定 第四十四条',
  requires: [file.registered],
  check: (f) => {
    const yearAgo = `${Number(f.today.slice(0, 4)) - 1}${f.today.slice(4)}`;
    return f.keepOldNumber && (f.ownedSince === null || f.ownedSince > yearAgo)
      ? {
          message: '原机动车所有人使用该号牌号码未满一年，不能保留原号牌号码',
          remedy: '请不选择保留原号牌号码后重新申请',
          messageEn:
            'The former owner has had this plate number for less than a year and cannot keep it.',
          remedyEn: 'Apply again without keeping the old number.',
        }
      : null;
  },
};

/** §26: the plates are taken back and a new number given, so a plate being made waits for nothing. */
const nothingInProgress = noBusinessInProgress<TransferFacts>({
  legalBasis: '机动车登记规定 第二十六条',
  doZh: '办理转让登记',
  applyZh: '申请转让登记',
  doEn: 'be transferred',
  applyEn: 'apply for the transfer',
  requires: [file.registered],
});

export const TRANSFER_RULES: readonly Rule<TransferFacts>[] = [
  file.inJurisdiction,
  file.registered,
  newOwner,
  vehicleNotMovedOut,
  vehicleNotStolen,
  { ...vehicleNotSeized, legalBasis: BASIS_29 },
  vehicleNotDeregistered,
  vehicleNotScrapDue,
  notNearScrap(BASIS_29, '办理转让登记', 'be transferred'),
  violationsHandled(BASIS_25),
  mortgageeCoApplies('机动车登记规定 第二十六条', false, true),
  ...expiredInspectionRules(file.registered),
  keepNumberEligible,
  nothingInProgress,
];
