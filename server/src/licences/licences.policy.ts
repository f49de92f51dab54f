import { POLICE_CATEGORIES, type OutletCategory } from '#shared/catalog.ts';
import {
  hasRole,
  inScope,
  type Actor,
  type ActorOutlet,
  type Placement,
} from '../platform/actor.ts';
import { forbidden, notFound } from '../platform/errors.ts';

/**
 * Who reads the licence registry (need to know, PIPL). The police windows and offices read the
 * whole driver file; outlets that renew licences (post, hospital) read only what a renewal needs
 * (licenceForRenewal); banks, dealers, stations and exam sites read no driver file.
 */
const RENEWAL_OUTLETS: readonly OutletCategory[] = ['post', 'hospital'];

const NOT_YOURS = '该驾驶人档案不在您的数据权限范围内';
const atPoliceOutlet = (actor: Actor) =>
  hasRole(actor, 'clerk') && !!actor.outlet && POLICE_CATEGORIES.includes(actor.outlet.category);
const readsFiles = (actor: Actor) => hasRole(actor, 'admin', 'supervisor') || atPoliceOutlet(actor);

/**
 * Asked before a driver file is looked up: one who reads none (a citizen, a bank's clerk) is
 * refused alike whether or not the person holds a licence, so 404 against 403 does not tell them.
 */
export function requireFileReading(actor: Actor) {
  if (!readsFiles(actor)) throw forbidden(NOT_YOURS);
}

/**
 * A licence the reader may not see because of where it is (another city, a county outside a
 * supervisor's scope) does not exist for the reader: 404, as for no licence at all, so a county
 * supervisor cannot tell who holds a licence elsewhere. `what` names it as the caller's own
 * "not found" does (驾驶证, 驾驶人档案), so the two answers are the same to the letter.
 */
export function requireLicenceReader(actor: Actor, licence: Placement, what = '驾驶证') {
  if (licence.cityCode !== actor.cityCode) throw notFound(what);
  if (hasRole(actor, 'admin') || atPoliceOutlet(actor)) return;
  if (hasRole(actor, 'supervisor')) {
    if (inScope(actor, licence)) return;
    throw notFound(what);
  }
  throw forbidden(NOT_YOURS);
}

const readsRenewals = (actor: Actor) =>
  readsFiles(actor) ||
  (hasRole(actor, 'clerk') && !!actor.outlet && RENEWAL_OUTLETS.includes(actor.outlet.category));

/** Asked before the renewal view looks a licence up (as `requireFileReading`). */
export function requireRenewalReading(actor: Actor) {
  if (!readsRenewals(actor)) throw forbidden(NOT_YOURS);
}

/** The renewal view: the file readers, and the clerks of outlets that renew licences. */
export function requireRenewalReader(actor: Actor, licence: Placement) {
  if (licence.cityCode !== actor.cityCode) throw notFound('驾驶证');
  if (hasRole(actor, 'clerk') && actor.outlet && RENEWAL_OUTLETS.includes(actor.outlet.category))
    return;
  requireLicenceReader(actor, licence);
}

/** Migration from the legacy platform is an administrator's job. */
export function requireImporter(actor: Actor) {
  if (!hasRole(actor, 'admin')) throw forbidden('只有管理员可以导入数据');
}

/** Medical certificates come from the clerks of hospital exam points (警医, R162 §85). */
export function requireMedicalRecorder(actor: Actor): ActorOutlet {
  if (!hasRole(actor, 'clerk') || actor.outlet?.category !== 'hospital') {
    throw forbidden('只有医院体检点可以提交身体条件证明');
  }
  return actor.outlet;
}

/**
 * Exam results come from the clerks of exam sites, for their own site, who also read back what
 * their site recorded (the refusal says both: it answers the reading too).
 */
export function requireExamRecorder(actor: Actor): ActorOutlet {
  if (!hasRole(actor, 'clerk') || actor.outlet?.category !== 'exam-site') {
    throw forbidden('只有考试场工作人员可以提交或查看本考试场的考试成绩');
  }
  return actor.outlet;
}

/** The offices run exam booking: sessions, their capacity and their allocation. */
const EXAM_OFFICES: readonly OutletCategory[] = ['city-office', 'branch-office', 'county-office'];

export function requireExamAdministrator(actor: Actor) {
  if (hasRole(actor, 'admin')) return;
  if (hasRole(actor, 'clerk') && actor.outlet && EXAM_OFFICES.includes(actor.outlet.category))
    return;
  throw forbidden('只有车管所可以管理考试场次');
}
