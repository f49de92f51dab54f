import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  applicationListSchema,
  ApplicationRequest,
  ApplicationResponse,
  EventResponse,
} from '#shared/schemas/applications.ts';
import { api } from '../../lib/api.ts';

export type { ApplicationResponse };
export type ApplicationStatus = ApplicationResponse['status'];
export type ApplicationEvent = NonNullable<ApplicationResponse['events']>[number];
export type Refusal = NonNullable<ApplicationResponse['refusal']>;
type ApplicationList = z.infer<typeof applicationListSchema>;

export interface ApplicationListQuery {
  status?: ApplicationStatus;
  businessType?: string;
  /** Accepted applications past their due date only. */
  overdue?: true;
  limit: number;
  /** The previous page's `nextCursor` (keyset pagination). */
  after?: string;
}

const keys = {
  list: (q: ApplicationListQuery) => ['applications', 'list', q] as const,
  one: (id: string) => ['applications', 'one', id] as const,
};

export const useApplications = (query: ApplicationListQuery) =>
  useQuery({
    queryKey: keys.list(query),
    queryFn: () => api<ApplicationList>('/applications', { query: { ...query } }),
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
      // The business may have changed a vehicle's file, or put one in a lane.
      void client.invalidateQueries({ queryKey: ['vehicles'] });
      void client.invalidateQueries({ queryKey: ['lane'] });
      return client.invalidateQueries({ queryKey: ['applications', 'list'] });
    },
  });
}

/**
 * Fires a lifecycle event (or the withdrawal) on an application. A refused event (422) is an
 * answer too: it carries the 1331 notice, and the application stays where it was. Whatever the
 * answer, the application is read again, for its history.
 */
export function useFireEvent(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { event: string; data: Record<string, unknown> }) =>
      api<EventResponse>(`/applications/${encodeURIComponent(id)}/events`, {
        method: 'POST',
        body,
        acceptStatus: [422],
      }),
    // After a conflict too: someone else may have moved the application on meanwhile. A step
    // may change a vehicle's file (a lane's certificates) and moves a lane's board.
    onSettled: async () => {
      void client.invalidateQueries({ queryKey: ['vehicles'] });
      void client.invalidateQueries({ queryKey: ['lane'] });
      await client.invalidateQueries({ queryKey: ['applications'] });
    },
  });
}
