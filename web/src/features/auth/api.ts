import { api } from '../../lib/api.ts';

export type Role = 'admin' | 'clerk' | 'supervisor';

export interface User {
  username: string;
  displayName: string;
  roles: Role[];
  outletCode: string | null;
  outletName: string | null;
  outletCategory: string | null;
  scope: { level: 'outlet' | 'county' | 'city'; code: string };
}

export const login = (username: string, password: string) =>
  api<{ token: string; user: User }>('/auth/login', {
    method: 'POST',
    body: { username, password },
  });

export const fetchMe = () => api<User>('/me');

export const hasRole = (user: User | null, ...roles: Role[]) =>
  !!user && user.roles.some((r) => roles.includes(r));

/** Where a user starts after login. */
export function homeOf(user: User): string {
  if (hasRole(user, 'admin')) return '/admin/network';
  if (hasRole(user, 'clerk')) return '/workstation';
  return '/supervision';
}
