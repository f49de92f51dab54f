import { POLICE_CATEGORIES, type OutletCategory } from '#shared/catalog.ts';

export type Role = 'admin' | 'clerk' | 'supervisor' | 'citizen';
export type ScopeLevel = 'outlet' | 'county' | 'city';

/** Who is acting: a staff user with roles, the outlet it works at, and its data scope. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  outlet: { code: string; name: string; category: OutletCategory; countyCode: string } | null;
  scope: { level: ScopeLevel; code: string };
}

/** Where a record lives, for scope checks: its outlet and county (and so its city). */
export interface Placement {
  outletCode?: string | null;
  countyCode: string;
}

/** GB/T 2260: a county code 5203xx belongs to the city 520300. */
export const cityOf = (countyCode: string) => `${countyCode.slice(0, 4)}00`;

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

export function inScope(actor: Actor, place: Placement): boolean {
  const { level, code } = actor.scope;
  if (level === 'city') return cityOf(place.countyCode) === code;
  if (level === 'county') return place.countyCode === code;
  return place.outletCode === code;
}

/** Full identity numbers only for the police and administrators; social outlets see them masked. */
export function seesFullIdentity(actor: Actor): boolean {
  if (hasRole(actor, 'admin')) return true;
  return actor.outlet !== null && POLICE_CATEGORIES.includes(actor.outlet.category);
}
