import { OUTLET_CATEGORIES, POLICE_CATEGORIES, type OutletCategory } from '#shared/catalog.ts';
import { hasRole, inScope, type Actor, type Placement } from '../platform/actor.ts';
import { forbidden, notFound } from '../platform/errors.ts';

/**
 * Outlets whose work is vehicle business and so may read the vehicle registry (need to know,
 * PIPL): hospitals and exam sites do driver business only and see no vehicle or owner.
 */
const VEHICLE_OUTLETS: readonly OutletCategory[] = OUTLET_CATEGORIES.filter(
  (c) => c !== 'hospital' && c !== 'exam-site',
);

const NOT_YOURS = '该车辆不在您的数据权限范围内';
const readsVehicles = (actor: Actor) =>
  hasRole(actor, 'admin', 'supervisor') ||
  (hasRole(actor, 'clerk') && !!actor.outlet && VEHICLE_OUTLETS.includes(actor.outlet.category));

/**
 * Asked before a vehicle is looked up: one who reads no vehicle (a citizen, a hospital's or an
 * exam site's clerk) is refused alike whether or not it exists, so 404 against 403 does not tell.
 */
export function requireVehicleReading(actor: Actor) {
  if (!readsVehicles(actor)) throw forbidden(NOT_YOURS);
}

/**
 * Reading a vehicle: its city's administrators and vehicle-business clerks, and supervisors within
 * their scope. A vehicle the reader may not see because of where it is (another city, a county
 * outside a supervisor's scope) does not exist for the reader: 404, as for no vehicle at all.
 */
export function requireVehicleReader(actor: Actor, vehicle: Placement) {
  if (vehicle.cityCode !== actor.cityCode) throw notFound('机动车');
  if (hasRole(actor, 'admin')) return;
  if (hasRole(actor, 'clerk') && actor.outlet && VEHICLE_OUTLETS.includes(actor.outlet.category)) {
    return;
  }
  if (hasRole(actor, 'supervisor')) {
    if (inScope(actor, vehicle)) return;
    throw notFound('机动车');
  }
  throw forbidden(NOT_YOURS);
}

/**
 * Who the mortgagee of a standing mortgage is, and its contract, is told only to readers whose
 * work needs it: the police offices and windows (who register and release mortgages, and see the
 * mortgagee co-apply to a transfer), supervisors, the office's administrators (who import the
 * registry with its mortgages from the legacy platform and read back what they imported), and the
 * mortgagee's own bank outlets (a bank's organisation code is its outlet's). Other readers (a
 * dealer, a market, an insurer, another bank) learn that the vehicle is mortgaged and since when
 * (R164 §35: public).
 */
export function seesMortgagee(actor: Actor, mortgageeOrgCode: string) {
  if (hasRole(actor, 'supervisor') || hasRole(actor, 'admin')) return true;
  if (!hasRole(actor, 'clerk') || !actor.outlet) return false;
  if (POLICE_CATEGORIES.includes(actor.outlet.category)) return true;
  return actor.outlet.category === 'bank' && actor.outlet.code === mortgageeOrgCode;
}

/** Migration from the legacy platform is an administrator's job. */
export function requireImporter(actor: Actor) {
  if (!hasRole(actor, 'admin')) throw forbidden('只有管理员可以导入数据');
}

/**
 * Seizure and stolen flags are police work (R164 §76; CONTRACT "Status flags (police)"): the
 * clerks of the vehicle's city's police windows and offices, who are traffic police. A system
 * administrator is not, and may not set or lift them. Another city's vehicle does not exist for
 * them.
 */
export function requireFlagSetter(actor: Actor, vehicle: Placement) {
  if (vehicle.cityCode !== actor.cityCode) throw notFound('机动车');
  requireFlagSetting(actor);
}

/** The role part of `requireFlagSetter`, asked before the vehicle is looked up (the route's). */
export function requireFlagSetting(actor: Actor) {
  if (
    hasRole(actor, 'clerk') &&
    actor.outlet &&
    POLICE_CATEGORIES.includes(actor.outlet.category)
  ) {
    return;
  }
  throw forbidden('只有公安交管部门可以设置或解除查封、被盗抢骗标记');
}

/** Inspection results are recorded by the inspection station's own staff. */
export function requireInspectionRecorder(actor: Actor) {
  if (hasRole(actor, 'clerk') && actor.outlet?.category === 'inspection-station') {
    return actor.outlet;
  }
  throw forbidden('只有机动车检验机构可以录入检验结果');
}

/**
 * An office's registration lane (board and timings): its own staff, supervisors whose scope
 * covers it, and the city's administrators. Another city's outlet does not exist for the reader.
 */
export function requireLaneReader(actor: Actor, outlet: Placement & { outletCode: string }) {
  if (outlet.cityCode !== actor.cityCode) throw notFound('网点');
  if (hasRole(actor, 'admin')) return;
  if (hasRole(actor, 'clerk') && actor.outlet?.code === outlet.outletCode) return;
  if (hasRole(actor, 'supervisor') && inScope(actor, outlet)) return;
  throw forbidden('只能查看本网点或辖区内网点的登记通道');
}
