import type { Rule } from '../applications/handler.ts';
import type { BusinessFile } from './vehicle-business.ts';
import { vehicleFileRules } from './vehicle-file.rules.ts';
import {
  vehicleNotDeregistered,
  vehicleNotMovedOut,
  vehicleNotScrapDue,
  vehicleNotSeized,
  vehicleNotStolen,
} from './vehicle-status.rules.ts';

/** 抵押登记 and 解除抵押 (R164 §§31–36): owner and mortgagee apply jointly. */
export type MortgageFacts = BusinessFile & {
  outletCategory: string;
  /** The mortgagee named in the application. */
  mortgageeOrgCode: string | null;
  contractNo: string;
  /** A representative of the mortgagee is present (needed away from its own outlet). */
  representativePresent: boolean;
};

export const BASIS_31 = '机动车登记规定 第三十一条';
export const BASIS_33 = '机动车登记规定 第三十三条';

const fileFor = (legalBasis: string, doZh: string, doEn: string) =>
  vehicleFileRules({ legalBasis, doZh, doEn });

const jointApplication = (legalBasis: string): Rule<MortgageFacts> => ({
  code: 'MORTGAGEE_NOT_CO_APPLYING',
  legalBasis,
  check: (f) => {
    // At a bank outlet the bank itself is the mortgagee acting (electronic mortgage, §35).
    const atOwnBank = f.outletCategory === 'bank' && f.mortgageePresent === f.mortgageeOrgCode;
    return atOwnBank || (f.outletCategory !== 'bank' && f.representativePresent)
      ? null
      : {
          message:
            f.outletCategory === 'bank'
              ? `抵押权人（${f.mortgageeOrgCode}）不是本银行网点，须在抵押权人的网点办理或由其代表共同申请`
              : '抵押登记须由机动车所有人和抵押权人共同申请，抵押权人代表未到场',
          remedy: '请与抵押权人共同申请，或到抵押权人的银行网点办理',
          messageEn:
            f.outletCategory === 'bank'
              ? `The mortgagee (${f.mortgageeOrgCode}) is not this bank outlet; apply at the mortgagee's outlet or with its representative.`
              : "A mortgage is applied for jointly by the owner and the mortgagee; the mortgagee's representative is not present.",
          remedyEn: "Apply together with the mortgagee, or at the mortgagee's bank outlet.",
        };
  },
});

const mortgageFile = fileFor(BASIS_31, '申请抵押登记', 'Apply for the mortgage registration');

const notMortgaged: Rule<MortgageFacts> = {
  code: 'ALREADY_MORTGAGED',
  legalBasis: BASIS_31,
  requires: [mortgageFile.registered],
  check: (f) =>
    f.mortgage
      ? {
          message: `该机动车已办理抵押登记（合同号 ${f.mortgage.contractNo}），同一时间只能登记一项抵押`,
          remedy: '请先办理解除抵押登记，再申请新的抵押登记',
          messageEn: `This vehicle is already mortgaged (contract ${f.mortgage.contractNo}); only one mortgage may be registered at a time.`,
          remedyEn: 'Have the current mortgage released first, then apply for the new one.',
        }
      : null,
};

const seizedFor36 = { ...vehicleNotSeized, legalBasis: '机动车登记规定 第三十六条' };

export const MORTGAGE_RULES: readonly Rule<MortgageFacts>[] = [
  mortgageFile.inJurisdiction,
  mortgageFile.registered,
  mortgageFile.applicantIsOwner,
  vehicleNotMovedOut,
  vehicleNotStolen,
  seizedFor36,
  vehicleNotDeregistered,
  vehicleNotScrapDue,
  notMortgaged,
  jointApplication(BASIS_31),
];

const releaseFile = fileFor(BASIS_33, '申请解除抵押登记', 'Apply for the mortgage release');

const isMortgaged: Rule<MortgageFacts> = {
  code: 'NOT_MORTGAGED',
  legalBasis: BASIS_33,
  requires: [releaseFile.registered],
  check: (f) =>
    f.mortgage
      ? null
      : {
          message: '该机动车没有已登记的抵押',
          remedy: '无需办理解除抵押登记；如有疑问，请携带登记证书到车管所核查',
          messageEn: 'There is no registered mortgage on this vehicle.',
          remedyEn:
            'No release is needed. For questions, bring the registration certificate to the vehicle administration office.',
        },
};

const contractMatches: Rule<MortgageFacts> = {
  code: 'CONTRACT_MISMATCH',
  legalBasis: BASIS_33,
  requires: [isMortgaged],
  check: (f) =>
    f.mortgage && f.mortgage.contractNo !== f.contractNo
      ? {
          message: `抵押合同号 ${f.contractNo} 与登记的抵押合同不符`,
          remedy: '请核对抵押合同号，按登记的抵押合同申请解除',
          messageEn: `Contract number ${f.contractNo} does not match the registered mortgage contract.`,
          remedyEn:
            'Check the contract number and apply for the release of the registered mortgage.',
        }
      : null,
};

/**
 * Release: the registered mortgagee (or its outlet) with the owner; refused while seized (§36),
 * and while stolen, which stops all business (§76).
 */
const releaseByMortgagee: Rule<MortgageFacts> = {
  ...jointApplication(BASIS_33),
  requires: [contractMatches],
  check: (f) =>
    jointApplication(BASIS_33).check({
      ...f,
      mortgageeOrgCode: f.mortgage?.mortgageeOrgCode ?? null,
    }),
};

export const RELEASE_RULES: readonly Rule<MortgageFacts>[] = [
  releaseFile.inJurisdiction,
  releaseFile.registered,
  releaseFile.applicantIsOwner,
  vehicleNotMovedOut,
  vehicleNotStolen,
  seizedFor36,
  isMortgaged,
  contractMatches,
  releaseByMortgagee,
];
