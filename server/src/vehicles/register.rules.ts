import type { OutletCategory } from '#shared/catalog.ts';
import type { VehicleStatus } from '#shared/schemas/vehicles.ts';
import type { Rule } from '../applications/handler.ts';
import type { PlateProblem, VehicleType } from './plate-numbers.ts';
import { dueForScrap } from './vehicle-age.ts';
import { flaggedAs } from './vehicle-status.rules.ts';
import type { VehicleFlag } from './vehicles.repository.ts';

/** 注册登记 (R164 §§10–15, 43): facts about the vehicle, its papers, its number and the outlet. */
export interface RegisterFacts {
  today: string;
  outletCategory: OutletCategory;
  /** A social outlet (dealer, registration station): the car is not shown to the police. */
  socialOutlet: boolean;
  vin: string;
  /** The VIN's model-year code (position 10) fits the date of manufacture (GB 16735). */
  modelYearFits: boolean;
  /** The registry file of this VIN, if it was ever registered (in any jurisdiction). */
  vehicle: { status: VehicleStatus; flags: readonly VehicleFlag[]; plate: string | null } | null;
  vehicleType: VehicleType;
  smallPrivateCar: boolean;
  manufacturedOn: string;
  insuranceValidUntil: string;
  /** The mandatory scrapping age of this kind of vehicle, in years; null: none by age. */
  scrapAgeYears: number | null;
  scrapDueOn: string | null;
  inspection: {
    exempt: boolean;
    reportNo: string | null;
    report: { result: 'pass' | 'fail'; forThisVehicle: boolean } | null;
  };
  plate: PlateFacts['plate'];
  /** Through the one-lane registration (通道式上牌), and whether the outlet is an office. */
  lane: { requested: boolean; atOffice: boolean };
  /** Another registration of this VIN is still open (a lane in progress). */
  inProgress: boolean;
}

/** The number a registration asks for (R164 §43): composed well, and free. */
export interface PlateFacts {
  plate: { requested: string | null; problem: PlateProblem | null; unavailable: boolean };
}

/** A lane stage's check of the vehicle against its papers. */
export interface VehicleCheckFacts {
  vinOnFile: string;
  vinOnVehicle: string;
}

const basis = (item: string) => `机动车登记规定 第十五条第${item}项`;
const REGISTERED = '机动车登记规定 第十条';

export const manufacturedInPast: Rule<RegisterFacts> = {
  code: 'MANUFACTURE_DATE_INVALID',
  legalBasis: basis('三'),
  check: (f) =>
    f.manufacturedOn > f.today
      ? {
          message: `出厂日期 ${f.manufacturedOn} 晚于今天，与机动车不符`,
          remedy: '请核对机动车出厂合格证上的出厂日期',
          messageEn: `The date of manufacture, ${f.manufacturedOn}, lies in the future and does not match the vehicle.`,
          remedyEn: "Check the date of manufacture on the vehicle's certificate of conformity.",
        }
      : null,
};

export const vinToStandard: Rule<RegisterFacts> = {
  code: 'VIN_NOT_STANDARD',
  legalBasis: basis('六'),
  requires: [manufacturedInPast],
  check: (f) =>
    f.modelYearFits
      ? null
      : {
          message: `车辆识别代号 ${f.vin} 第10位年份代码与出厂日期 ${f.manufacturedOn} 不符，不符合国家安全技术标准`,
          remedy: '请核对车辆识别代号和出厂合格证；确属错误的，请由生产企业出具说明后再申请',
          messageEn: `The model-year code (position 10) of vehicle identification number ${f.vin} does not match the date of manufacture, ${f.manufacturedOn}; the number does not meet the national standard.`,
          remedyEn:
            'Check the vehicle identification number against the certificate of conformity; if it is wrong, apply again with a statement from the manufacturer.',
        },
};

export const notStolen: Rule<RegisterFacts> = {
  code: 'VEHICLE_STOLEN',
  legalBasis: basis('九'),
  check: (f) =>
    flaggedAs(f.vehicle, 'stolen')
      ? {
          message: '该车辆识别代号对应的机动车已登记为被盗抢骗车辆',
          remedy: '不予办理注册登记；如有异议，请携带来历证明到车管所核查',
          messageEn:
            'The vehicle with this identification number is registered as stolen or obtained by robbery or fraud.',
          remedyEn:
            'It cannot be registered. If you dispute this, bring proof of origin to the vehicle administration office to have it checked.',
        }
      : null,
};

export const notSeized: Rule<RegisterFacts> = {
  code: 'VEHICLE_SEIZED',
  legalBasis: basis('八'),
  check: (f) =>
    flaggedAs(f.vehicle, 'seized')
      ? {
          message: '该车辆识别代号对应的机动车已被依法查封、扣押',
          remedy: '请待查封、扣押解除后再申请',
          messageEn: 'The vehicle with this identification number has been sealed up or seized.',
          remedyEn: 'Apply once the seizure has been lifted.',
        }
      : null,
};

export const notScrapAge: Rule<RegisterFacts> = {
  code: 'SCRAP_AGE_REACHED',
  legalBasis: basis('七'),
  requires: [manufacturedInPast],
  check: (f) =>
    dueForScrap({ status: f.vehicle?.status, scrapDueOn: f.scrapDueOn, today: f.today })
      ? {
          message: `该机动车已达到国家规定的强制报废标准${f.scrapDueOn ? `（使用年限至 ${f.scrapDueOn}）` : ''}`,
          remedy: '不予办理注册登记，请交售报废机动车回收企业',
          messageEn: `This vehicle has reached the national mandatory scrapping standard${f.scrapDueOn ? ` (its service life ended on ${f.scrapDueOn})` : ''}.`,
          remedyEn:
            'It cannot be registered; hand it over to a licensed end-of-life vehicle recycling company.',
        }
      : null,
};

export const notYetRegistered: Rule<RegisterFacts> = {
  code: 'VEHICLE_ALREADY_REGISTERED',
  legalBasis: REGISTERED,
  requires: [notStolen, notSeized, notScrapAge],
  check: (f) =>
    f.vehicle
      ? {
          message: `该车辆识别代号对应的机动车已注册登记${f.vehicle.plate ? `（号牌号码 ${f.vehicle.plate}）` : ''}`,
          remedy: '已登记的机动车不能再次注册登记；所有权转移的，请申请转让登记',
          messageEn: `A vehicle with this identification number is already registered${f.vehicle.plate ? ` (plate number ${f.vehicle.plate})` : ''}.`,
          remedyEn:
            'A registered vehicle cannot be registered again; if its ownership has changed, apply for a transfer registration.',
        }
      : null,
};

export const notInProgress: Rule<RegisterFacts> = {
  code: 'REGISTRATION_IN_PROGRESS',
  legalBasis: REGISTERED,
  requires: [notYetRegistered],
  check: (f) =>
    f.inProgress
      ? {
          message: `车辆识别代号 ${f.vin} 的注册登记正在办理中`,
          remedy: '请待正在办理的注册登记办结或撤回后再申请',
          messageEn: `A registration of vehicle identification number ${f.vin} is already in progress.`,
          remedyEn: 'Apply once the registration in progress is completed or withdrawn.',
        }
      : null,
};

/** 通道式上牌 is the registration hall's lane: offices only (the police check the vehicle). */
export const laneAtOffice: Rule<RegisterFacts> = {
  code: 'LANE_NOT_AVAILABLE',
  legalBasis: REGISTERED,
  check: (f) =>
    f.lane.requested && !f.lane.atOffice
      ? {
          message: '通道式上牌仅在车辆管理所及其分所、县级车辆管理所的登记大厅办理',
          remedy: '请到车辆管理所登记大厅通道办理，或在本网点按普通注册登记办理',
          messageEn:
            'One-lane registration is run only in the registration halls of vehicle administration offices and their branches.',
          remedyEn:
            'Go through the lane of an office’s registration hall, or register here without the lane.',
        }
      : null,
};

export const vinMatchesVehicle: Rule<VehicleCheckFacts> = {
  code: 'VIN_MISMATCH',
  legalBasis: basis('三'),
  check: (f) =>
    f.vinOnVehicle !== f.vinOnFile
      ? {
          message: `查验的车辆识别代号 ${f.vinOnVehicle} 与申请资料上的 ${f.vinOnFile} 不符`,
          remedy: '请核对车辆和出厂合格证；确属资料错误的，请撤回后按正确资料重新申请',
          messageEn: `The vehicle identification number read off the vehicle, ${f.vinOnVehicle}, differs from the one in the papers, ${f.vinOnFile}.`,
          remedyEn:
            'Check the vehicle and its certificate of conformity; if the papers are wrong, withdraw and apply again with the right ones.',
        }
      : null,
};

export const insuranceInForce: Rule<RegisterFacts> = {
  code: 'INSURANCE_EXPIRED',
  legalBasis: '机动车登记规定 第十二条',
  check: (f) =>
    f.insuranceValidUntil < f.today
      ? {
          message: `机动车交通事故责任强制保险已于 ${f.insuranceValidUntil} 到期`,
          remedy: '请投保交强险后再申请注册登记',
          messageEn: `The compulsory accident liability insurance expired on ${f.insuranceValidUntil}.`,
          remedyEn: 'Take out the compulsory accident liability insurance, then apply again.',
        }
      : null,
};

export const socialOutletScope: Rule<RegisterFacts> = {
  code: 'OUTLET_SCOPE_EXCEEDED',
  legalBasis: '机动车登记规定 第十四条',
  check: (f) =>
    f.socialOutlet && !f.smallPrivateCar
      ? {
          message: '本服务站只能办理小型、微型非营运载客汽车（9座以下）的注册登记',
          remedy: '请到车辆管理所或其分所办理查验和注册登记',
          messageEn:
            'This service station may register only small and mini non-operating passenger cars (up to 9 seats).',
          remedyEn:
            'Have the vehicle checked and registered at a vehicle administration office or one of its branches.',
        }
      : null,
};

export const inspectionPresent: Rule<RegisterFacts> = {
  code: 'INSPECTION_REQUIRED',
  legalBasis: '机动车登记规定 第十一条',
  check: (f) =>
    !f.inspection.exempt && !f.inspection.reportNo
      ? {
          message: '该机动车不属于免予安全技术检验的车辆，需提交安全技术检验合格证明',
          remedy: '请先到机动车检验机构进行安全技术检验，再携带检验报告编号申请',
          messageEn:
            'This vehicle is not exempt from the safety inspection; an inspection certificate is required.',
          remedyEn:
            'Have the vehicle inspected at an inspection station first, then apply with the inspection report number.',
        }
      : null,
};

export const inspectionFound: Rule<RegisterFacts> = {
  code: 'INSPECTION_REPORT_NOT_FOUND',
  legalBasis: '机动车登记规定 第十一条',
  requires: [inspectionPresent],
  check: (f) =>
    f.inspection.reportNo && !f.inspection.report?.forThisVehicle
      ? {
          message: `未查询到该车辆编号为 ${f.inspection.reportNo} 的安全技术检验记录`,
          remedy: '请核对检验报告编号，或联系检验机构上传检验结果',
          messageEn: `No inspection record numbered ${f.inspection.reportNo} was found for this vehicle.`,
          remedyEn:
            'Check the report number, or ask the inspection station to upload the inspection result.',
        }
      : null,
};

export const inspectionPassed: Rule<RegisterFacts> = {
  code: 'INSPECTION_NOT_PASSED',
  legalBasis: '机动车登记规定 第十一条',
  requires: [inspectionFound],
  check: (f) =>
    f.inspection.report?.result === 'fail'
      ? {
          message: `编号为 ${f.inspection.reportNo} 的安全技术检验结论为不合格`,
          remedy: '请维修后重新检验，检验合格后再申请',
          messageEn: `Inspection report ${f.inspection.reportNo} concluded that the vehicle failed.`,
          remedyEn: 'Have the vehicle repaired and inspected again, then apply once it passes.',
        }
      : null,
};

const PLATE_BASIS = '机动车登记规定 第四十三条';
const PLATE_PROBLEM_ZH = {
  format: '号牌号码格式不正确',
  prefix: '号牌号码不属于本车辆管理所的号段',
  type: '号牌号码的号牌种类与车辆类型不符',
  letters: '普通号牌序号最多只能含两个英文字母',
} as const;
const PLATE_PROBLEM_EN = {
  format: 'the plate number is malformed',
  prefix: 'the number is not in the range this office issues',
  type: 'the kind of plate does not match the vehicle type',
  letters: 'an ordinary plate serial may contain at most two letters',
} as const;

export const plateComposedWell: Rule<PlateFacts> = {
  code: 'PLATE_NOT_ALLOWED',
  legalBasis: PLATE_BASIS,
  check: (f) =>
    f.plate.problem
      ? {
          message: `自编号牌号码 ${f.plate.requested} 不符合选号规则：${PLATE_PROBLEM_ZH[f.plate.problem]}`,
          remedy: '请按号牌种类重新编排号码，或从备选号码中选取',
          messageEn: `The self-composed plate number ${f.plate.requested} does not follow the selection rules: ${PLATE_PROBLEM_EN[f.plate.problem]}.`,
          remedyEn:
            'Compose another number for this kind of plate, or choose one of the candidates.',
        }
      : null,
};

export const plateFree: Rule<PlateFacts> = {
  code: 'PLATE_UNAVAILABLE',
  legalBasis: PLATE_BASIS,
  requires: [plateComposedWell],
  check: (f) =>
    f.plate.unavailable
      ? {
          message: `号牌号码 ${f.plate.requested} 已被使用或预留，不能选用`,
          remedy: '请另选号码，或从备选号码中选取',
          messageEn: `Plate number ${f.plate.requested} is already in use or reserved.`,
          remedyEn: 'Choose another number, or one of the candidates.',
        }
      : null,
};

export const REGISTER_RULES: readonly Rule<RegisterFacts>[] = [
  manufacturedInPast,
  vinToStandard,
  notStolen,
  notSeized,
  notScrapAge,
  notYetRegistered,
  notInProgress,
  laneAtOffice,
  insuranceInForce,
  socialOutletScope,
  inspectionPresent,
  inspectionFound,
  inspectionPassed,
  plateComposedWell,
  plateFree,
];
