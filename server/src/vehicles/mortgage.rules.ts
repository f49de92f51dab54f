import type { Rule } from '../applications/handler.ts';
import type { BusinessFile } from './vehicle-business.ts';
import { mortgageeCoApplies, mortgageeJoins } from './vehicle-business.rules.ts';
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
  /** The mortgagee named in the application (of a new mortgage; a release reads the one on file). */
  mortgageeOrgCode: string | null;
  contractNo: string;
};

export const BASIS_31 = '机动车登记规定 第三十一条';
export const BASIS_33 = '机动车登记规定 第三十三条';

const fileFor = (legalBasis: string, doZh: string, doEn: string) =>
  vehicleFileRules({ legalBasis, doZh, doEn });

/** The mortgagee of the new mortgage takes part: at its own bank outlet, or by its representative. */
const jointApplication = mortgageeJoins<MortgageFacts>({
  legalBasis: BASIS_31,
  bankTakes: true,
  namedJoins: true,
  mortgageeOf: (f) => f.mortgageeOrgCode,
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
  mortgageFile.applicantNameMatches,
  vehicleNotMovedOut,
  vehicleNotStolen,
  seizedFor36,
  vehicleNotDeregistered,
  vehicleNotScrapDue,
  notMortgaged,
  jointApplication,
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
 * Release: the registered mortgagee (at its own outlet, or by its representative) with the owner;
 * refused while seized (§36), and while stolen, which stops all business (§76). §33's other way,
 * a court's document, is not taken here: no business type carries one.
 */
const releaseByMortgagee: Rule<MortgageFacts> = {
  ...mortgageeCoApplies(BASIS_33, true),
  requires: [contractMatches],
};

export const RELEASE_RULES: readonly Rule<MortgageFacts>[] = [
  releaseFile.inJurisdiction,
  releaseFile.registered,
  releaseFile.applicantIsOwner,
  releaseFile.applicantNameMatches,
  vehicleNotMovedOut,
  vehicleNotStolen,
  seizedFor36,
  isMortgaged,
  contractMatches,
  releaseByMortgagee,
];
