import { hasRole, type Actor } from '../platform/actor.ts';
import { forbidden } from '../platform/errors.ts';

/** A citizen acting for itself: its account, city, identity number, name and phone. */
export interface CitizenActor {
  userId: string;
  cityCode: string;
  idNumber: string;
  name: string;
  phone: string;
}

/**
 * The internet channel's own calls are the citizen's: staff have their own desks, and no one
 * books or binds for somebody else (no bulk booking for others).
 */
export function requireCitizen(actor: Actor): CitizenActor {
  if (!hasRole(actor, 'citizen') || !actor.citizenIdNumber) {
    throw forbidden('只有实名注册的互联网用户可以使用该功能');
  }
  return {
    userId: actor.userId,
    cityCode: actor.cityCode,
    idNumber: actor.citizenIdNumber,
    name: actor.displayName,
    // A citizen's username is its phone (auth.service#createCitizenAccount).
    phone: actor.username,
  };
}
