import type { VehicleStatus } from '#shared/schemas/vehicles.ts';
import type { Rule } from '../applications/handler.ts';
import { dueForScrap } from './vehicle-age.ts';
import type { MoveOut, VehicleFlag } from './vehicles.repository.ts';

/**
 * Preconditions about the vehicle's registry standing that many vehicle businesses share.
 * Each names its article (R164 = 机动车登记规定). A vehicle may fail several at once (seized and
 * stolen, stolen and past its scrapping age): each reads its own fact, not the one status the
 * registry shows, so the notice lists them all (1331).
 */
interface HasVehicle {
  vehicle: { status: VehicleStatus; plate: string | null } | null;
}

/** The vehicle's active police flags beside its status. */
export interface HasFlaggedVehicle {
  vehicle: { status: VehicleStatus; flags: readonly VehicleFlag[] } | null;
}

/**
 * Whether a police flag stops the vehicle: active, or recorded as its status (a migrated record
 * may carry the status without the flag). A vehicle seized and then reported stolen shows as
 * stolen, and is seized all the same.
 */
export const flaggedAs = (v: HasFlaggedVehicle['vehicle'], flag: VehicleFlag) =>
  !!v && (v.status === flag || v.flags.includes(flag));

export const vehicleNotStolen: Rule<HasFlaggedVehicle> = {
  code: 'VEHICLE_STOLEN',
  legalBasis: '机动车登记规定 第七十六条',
  check: (f) =>
    flaggedAs(f.vehicle, 'stolen')
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

/**
 * The day the vehicle reaches its scrapping age, where the business looked it up (vehicle-
 * business.ts); the city-year generator words its refusals from the recorded status alone.
 */
interface HasScrapAge extends HasVehicle {
  today?: string;
  scrapDueOn?: string | null;
}

export const vehicleNotScrapDue: Rule<HasScrapAge> = {
  code: 'VEHICLE_SCRAP_DUE',
  legalBasis: '机动车登记规定 第十五条、第四十条',
  check: (f) => {
    const age = { scrapDueOn: f.scrapDueOn, today: f.today };
    if (!f.vehicle || !dueForScrap({ ...age, status: f.vehicle.status })) return null;
    // The day it passed, when the age is why: the record may not say so yet.
    const passed = dueForScrap(age) ? f.scrapDueOn : null;
    return {
      message: `该机动车已达到国家规定的强制报废标准${passed ? `（使用年限至 ${passed}）` : ''}`,
      remedy: '请将机动车交售报废机动车回收企业，并办理注销登记',
      messageEn: `This vehicle has reached the national mandatory scrapping standard${passed ? ` (its service life ended on ${passed})` : ''}.`,
      remedyEn:
        'Hand the vehicle over to a licensed end-of-life vehicle recycling company and have it deregistered.',
    };
  },
};

/** 查封、扣押 (R164 §15(8), applied to change §21, transfer §29, mortgage §36, deregistration §42). */
export const vehicleNotSeized: Rule<HasFlaggedVehicle> = {
  code: 'VEHICLE_SEIZED',
  legalBasis: '机动车登记规定 第十五条',
  check: (f) =>
    flaggedAs(f.vehicle, 'seized')
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

/**
 * 转出 (R164 §18): once moved out, the vehicle's file is the destination office's, where the owner
 * applies for the move-in within 30 days; this office does no more business on it. Its record
 * stays here (the move-in is not networked yet), so the refusal, not the jurisdiction, says so.
 */
export const vehicleNotMovedOut: Rule<{ vehicle: { movedOut: MoveOut | null } | null }> = {
  code: 'VEHICLE_MOVED_OUT',
  legalBasis: '机动车登记规定 第十八条',
  check: (f) => {
    const moved = f.vehicle?.movedOut;
    return moved
      ? {
          message: `该机动车已于 ${moved.on} 办理转出（迁入地行政区划代码 ${moved.to}），机动车档案已转至迁入地车辆管理所，转出地不再办理该车业务`,
          remedy: '请自转出之日起三十日内到迁入地车辆管理所申请转入，此后在迁入地办理',
          messageEn: `This vehicle moved out on ${moved.on} (destination city code ${moved.to}); its file belongs to the destination's vehicle administration office, and the office it left does no more business on it.`,
          remedyEn:
            'Apply for the move-in at the destination office within 30 days of the move-out, and for any further business there.',
        }
      : null;
  },
};
