import { useQuery } from '@tanstack/react-query';
import type { LoginResponse, User } from '#shared/schemas/auth.ts';
import type { Installation } from '#shared/schemas/network.ts';
import { api } from '../../lib/api.ts';

export type { User };
export type Role = User['roles'][number];

export const login = (username: string, password: string) =>
  api<LoginResponse>('/auth/login', {
    method: 'POST',
    body: { username, password },
  });

export const fetchMe = () => api<User>('/me');

export const hasRole = (user: User | null, ...roles: Role[]) =>
  !!user && user.roles.some((r) => roles.includes(r));

/** Where a user starts after login. */
export function homeOf(user: User): string {
  if (hasRole(user, 'citizen')) return '/citizen';
  if (hasRole(user, 'admin')) return '/admin/network';
  if (hasRole(user, 'clerk')) return '/workstation';
  return '/supervision';
}

/** The offices this installation serves (public), named on the login page. */
export const useInstallation = () =>
  useQuery({
    queryKey: ['installation'],
    queryFn: () => api<Installation>('/installation'),
    staleTime: Infinity,
  });
