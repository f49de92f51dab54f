import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { StaffUser, UserCreate, UserList, UserUpdate } from '#shared/schemas/users.ts';
import { api } from '../../lib/api.ts';

const PAGE_SIZE = 50;
const usersKey = ['users'] as const;

/** The city's staff in username order, one keyset page after another ("load more"). */
export const useUsers = (q: string | undefined) =>
  useInfiniteQuery({
    queryKey: [...usersKey, q ?? ''],
    queryFn: ({ pageParam }) =>
      api<UserList>('/users', { query: { q, after: pageParam, limit: PAGE_SIZE } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

const path = (username: string) => `/users/${encodeURIComponent(username)}`;

/** Every change answers with the user as it now is; the list is reloaded from the server. */
function useUserMutation<T>(call: (input: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => client.invalidateQueries({ queryKey: usersKey }),
  });
}

export const useCreateUser = () =>
  useUserMutation((body: UserCreate) => api<StaffUser>('/users', { method: 'POST', body }));

export const useUpdateUser = () =>
  useUserMutation(({ username, body }: { username: string; body: UserUpdate }) =>
    api<StaffUser>(path(username), { method: 'PUT', body }),
  );

export const useSetActive = () =>
  useUserMutation(({ username, active }: { username: string; active: boolean }) =>
    api<StaffUser>(`${path(username)}/deactivation`, { method: active ? 'DELETE' : 'POST' }),
  );

export const useResetPassword = () =>
  useUserMutation(({ username, password }: { username: string; password: string }) =>
    api<null>(`${path(username)}/password`, { method: 'PUT', body: { password } }),
  );
