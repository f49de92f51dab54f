import { hasRole, type Actor } from '../platform/actor.ts';
import { forbidden } from '../platform/errors.ts';

/** Grants and suspensions are decisions of the office administration. */
export function requireDelegationAdmin(actor: Actor) {
  if (!hasRole(actor, 'admin')) throw forbidden('只有管理员可以调整业务授权和暂停网点');
}

/** The delegation matrix is also the supervisors' map of who may do what. */
export function requireDelegationReader(actor: Actor) {
  if (!hasRole(actor, 'admin', 'supervisor')) throw forbidden('只有管理员和监管人员可以查看授权');
}
