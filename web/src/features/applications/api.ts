import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApplicationRequest, ApplicationResponse } from '#shared/schemas/applications.ts';
import { api } from '../../lib/api.ts';

export type { ApplicationResponse };
export type ApplicationStatus = ApplicationResponse['status'];

export interface ApplicationListQuery {
  status?: ApplicationStatus;
  businessType?: string;
  limit: number;
  offset: number;
}

const keys = {
  list: (q: ApplicationListQuery) => ['applications', 'list', q] as const,
  one: (id: string) => ['applications', 'one', id] as const,
};

export const useApplications = (query: ApplicationListQuery) =>
  useQuery({
    queryKey: keys.list(query),
    queryFn: () =>
      api<{ items: ApplicationResponse[]; total: number }>('/applications', {
        query: { ...query },
      }),
    placeholderData: keepPreviousData,
  });

export const useApplication = (id: string) =>
  useQuery({
    queryKey: keys.one(id),
    queryFn: () => api<ApplicationResponse>(`/applications/${encodeURIComponent(id)}`),
  });

/** Submits one application; a refusal (422) is an answer like a completion (201). */
export function useSubmitApplication() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ApplicationRequest) =>
      api<ApplicationResponse>('/applications', { method: 'POST', body, acceptStatus: [422] }),
    onSuccess: (answer) => {
      client.setQueryData(keys.one(answer.id), answer);
      return client.invalidateQueries({ queryKey: ['applications', 'list'] });
    },
  });
}
