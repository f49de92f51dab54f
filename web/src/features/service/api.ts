import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Callback, HandlingTimes, Rectification, SlaBreach } from '#shared/schemas/service.ts';
import { api } from '../../lib/api.ts';
import { useKeysetList } from '../../lib/LoadMore.tsx';

export type { Callback, HandlingTimes, Rectification, SlaBreach };

export interface ServiceFilter {
  from: string;
  to: string;
  outletCode?: string;
  businessType?: string;
}

export const useHandlingTimes = (f: ServiceFilter) =>
  useQuery({
    queryKey: ['service', 'handling-times', f],
    queryFn: () => api<HandlingTimes>('/service/handling-times', { query: { ...f } }),
  });

export const useSlaBreaches = (f: ServiceFilter & { kind?: SlaBreach['kind']; after?: string }) =>
  useQuery({
    queryKey: ['service', 'sla-breaches', f],
    queryFn: () =>
      api<{ items: SlaBreach[]; nextCursor: string | null }>('/service/sla-breaches', {
        query: { ...f, limit: 20 },
      }),
  });

export function useEscalate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<{ examined: number; escalated: number }>('/service/sla-escalations', { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['service'] }),
  });
}

export const useRectifications = (f: { status?: Rectification['status']; after?: string }) =>
  useQuery({
    queryKey: ['service', 'rectifications', f],
    queryFn: () =>
      api<{ items: Rectification[]; nextCursor: string | null }>('/rectifications', {
        query: { ...f, limit: 20 },
      }),
  });

export function useRecordRectification(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: string) =>
      api<Rectification>(`/rectifications/${id}`, { method: 'POST', body: { action } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['service', 'rectifications'] }),
  });
}

/** Call-backs soonest due first, one keyset page after another ("load more"). */
export const useCallbacks = (status?: Callback['status']) =>
  useKeysetList<Callback>(['service', 'callbacks', status], '/callbacks', { status });

export function useRecordCallback(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { reached: boolean; satisfied?: boolean; note: string }) =>
      api<Callback>(`/callbacks/${id}`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['service', 'callbacks'] }),
  });
}
