import { POLICE_CATEGORIES, type OutletCategory } from '#shared/catalog.ts';

export type Role = 'admin' | 'clerk' | 'supervisor' | 'citizen';
export type ScopeLevel = 'outlet' | 'county' | 'city';

/** The outlet a staff user works at, as every use case needs it. */
export interface ActorOutlet {
  code: string;
  name: string;
  category: OutletCategory;
  countyCode: string;
  cityCode: string;
}

/**
 * Who is acting: a staff user with roles, the outlet it works at, its data scope, and the
 * jurisdiction (city) it belongs to. Every read and every write is bounded by the scope.
 */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  outlet: ActorOutlet | null;
  scope: { level: ScopeLevel; code: string };
  /** The city (jurisdiction) of the actor: its outlet's, or its scope's. */
  cityCode: string;
  /** A citizen's own identity number (role citizen): the only person it may act for. */
  citizenIdNumber?: string;
}

/** Where a record lives, for scope checks: its city, county and (where it has one) outlet. */
export interface Placement {
  cityCode: string;
  countyCode: string;
  outletCode?: string | null;
}

/** GB/T 2260: a county code 5203xx belongs to the city 520300. */
export const cityOf = (countyCode: string) => `${countyCode.slice(0, 4)}00`;

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

/** Whether a record is inside the actor's data scope (outlet, county or city). */
export function inScope(actor: Actor, place: Placement): boolean {
  const { level, code } = actor.scope;
  if (place.cityCode !== actor.cityCode) return false;
  if (level === 'city') return place.cityCode === code;
  if (level === 'county') return place.countyCode === code;
  return place.outletCode === code;
}

/**
 * The filter a list is confined to for this actor: its city always, and its county or outlet
 * when the scope is narrower.
 */
export function scopeFilter(actor: Actor): {
  cityCode: string;
  countyCode?: string;
  outletCode?: string;
} {
  const { level, code } = actor.scope;
  if (level === 'county') return { cityCode: actor.cityCode, countyCode: code };
  if (level === 'outlet') return { cityCode: actor.cityCode, outletCode: code };
  return { cityCode: actor.cityCode };
}

/** Full identity numbers only for the police and administrators; social outlets see them masked. */
export function seesFullIdentity(actor: Actor): boolean {
  if (hasRole(actor, 'admin')) return true;
  if (hasRole(actor, 'citizen')) return false;
  return actor.outlet !== null && POLICE_CATEGORIES.includes(actor.outlet.category);
}
