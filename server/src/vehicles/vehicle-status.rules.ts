import type { VehicleStatus } from '#shared/schemas/vehicles.ts';
import type { Rule } from '../applications/handler.ts';

/**
 * Preconditions about the vehicle's registry status that many vehicle businesses share.
 * Each names its article (R164 = 机动车登记规定).
 */
interface HasVehicle {
  vehicle: { status: VehicleStatus; plate: string | null } | null;
}

export const vehicleNotStolen: Rule<HasVehicle> = {
  code: 'VEHICLE_STOLEN',
  legalBasis: '机动车登记规定 第七十六条',
  check: (f) =>
    f.vehicle?.status === 'stolen'
      ? {
          message: '该机动车已登记为被盗抢骗状态，暂停办理各项业务',
          remedy: '机动车找回后，请先到车管所办理解除被盗抢骗状态，再申请本业务',
          messageEn:
            'This vehicle is registered as stolen or obtained by robbery or fraud; all business on it is suspended.',
          remedyEn:
            'Once the vehicle is recovered, have the stolen status lifted at the vehicle administration office, then apply again.',
        }
      : null,
};

export const vehicleNotDeregistered: Rule<HasVehicle> = {
  code: 'VEHICLE_DEREGISTERED',
  legalBasis: '机动车登记规定 第三十七条',
  check: (f) =>
    f.vehicle?.status === 'deregistered'
      ? {
          message: '该机动车已注销登记',
          remedy: '已注销的机动车不能办理本业务；如有疑问，请携带身份证明到车管所咨询',
          messageEn: 'This vehicle has been deregistered.',
          remedyEn:
            'This business is not available for a deregistered vehicle. For questions, bring proof of identity to the vehicle administration office.',
        }
      : null,
};

export const vehicleNotScrapDue: Rule<HasVehicle> = {
  code: 'VEHICLE_SCRAP_DUE',
  legalBasis: '机动车登记规定 第十五条、第四十条',
  check: (f) =>
    f.vehicle?.status === 'scrap-due'
      ? {
          message: '该机动车已达到国家规定的强制报废标准',
          remedy: '请将机动车交售报废机动车回收企业，并办理注销登记',
          messageEn: 'This vehicle has reached the national mandatory scrapping standard.',
          remedyEn:
            'Hand the vehicle over to a licensed end-of-life vehicle recycling company and have it deregistered.',
        }
      : null,
};

/** 查封、扣押 (R164 §15(8), applied to change §21, transfer §29, mortgage §36, deregistration §42). */
export const vehicleNotSeized: Rule<HasVehicle> = {
  code: 'VEHICLE_SEIZED',
  legalBasis: '机动车登记规定 第十五条',
  check: (f) =>
    f.vehicle?.status === 'seized'
      ? {
          message: '该机动车已被人民法院、人民检察院或行政执法部门依法查封、扣押，暂停办理各项业务',
          remedy: '请待查封、扣押解除后，由解除机关通知车管所解除查封标记，再申请本业务',
          messageEn:
            'This vehicle has been sealed up or seized by a court, a procuratorate or an administrative enforcement authority; business on it is suspended.',
          remedyEn:
            'Once the seizure is lifted and the authority has had the seizure mark removed at the vehicle administration office, apply again.',
        }
      : null,
};
