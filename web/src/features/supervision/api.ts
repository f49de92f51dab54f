import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Alert,
  AlertList,
  Bulletin,
  DispositionRequest,
  Draw,
  ExamOversight,
  Funnel,
  Review,
  ReviewDrawResponse,
  ReviewList,
  StationRiskList,
  VerdictRequest,
} from '#shared/schemas/supervision.ts';
import { api, ApiError, tokenStore } from '../../lib/api.ts';
import { useQueryNow } from '../../lib/queries.ts';

export type { Alert, Bulletin, Draw, Funnel };
export type BulletinPeriod = Bulletin['period'];

export interface AlertFilter {
  status?: Alert['status'];
  rule?: string;
  after?: string;
}

export const useAlerts = (filter: AlertFilter) =>
  useQuery({
    queryKey: ['supervision', 'alerts', filter],
    queryFn: () => api<AlertList>('/alerts', { query: { ...filter, limit: 20 } }),
  });

export const useAlert = (id: string | null) =>
  useQuery({
    queryKey: ['supervision', 'alert', id],
    queryFn: () => api<Alert>(`/alerts/${id}`),
    enabled: id !== null,
  });

/** A disposition; afterwards alerts, delegation and network views refetch (a sanction acts there). */
export function useDispose(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DispositionRequest) =>
      api<Alert>(`/alerts/${id}/disposition`, { method: 'POST', body }),
    onSuccess: async () => {
      await Promise.all(
        ['supervision', 'delegation', 'network'].map((k) =>
          client.invalidateQueries({ queryKey: [k] }),
        ),
      );
    },
  });
}

export function useRun() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (period: { from: string; to: string }) =>
      api<{ runId: string; alerts: number; newAlerts: number }>('/supervision/runs', {
        method: 'POST',
        body: period,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['supervision'] }),
  });
}

/** A funnel plot's read (its cache key and request). */
export const funnelRead = (rule: string, period: { from: string; to: string }) => ({
  queryKey: ['supervision', 'funnel', rule, period],
  queryFn: () => api<Funnel>(`/supervision/funnels/${rule}`, { query: period }),
});

/** The funnel plot, asked for while its card renders (the dashboard's first screen). */
export const useFunnel = (rule: string, period: { from: string; to: string }) =>
  useQueryNow(funnelRead(rule, period));

/** A bulletin's read (its cache key and request). */
export const bulletinRead = (period: BulletinPeriod, date: string) => ({
  queryKey: ['supervision', 'bulletin', period, date],
  queryFn: () => api<Bulletin>(`/bulletins/${period}/${date}`),
});

/** A bulletin, asked for while its card renders. */
export const useBulletin = (period: BulletinPeriod, date: string) =>
  useQueryNow(bulletinRead(period, date));

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A bulletin in another form (.xlsx, printable HTML), as a Blob: the API needs the token. */
export async function bulletinFile(path: string, accept: string): Promise<Blob> {
  const response = await fetch(`/api/v1${path}`, {
    headers: { Accept: accept, Authorization: `Bearer ${tokenStore.get() ?? ''}` },
  });
  if (!response.ok) throw new ApiError(response.status, 'DOWNLOAD', response.statusText);
  return await response.blob();
}

/** The draws of a city, newest first (the list is public: 双随机一公开). */
export const useDraws = (city: string | undefined) =>
  useQuery({
    queryKey: ['supervision', 'draws', city],
    queryFn: () => api<{ items: Draw[] }>('/spot-checks/draws', { query: { city, limit: 20 } }),
  });

export const useDraw = (id: string | null) =>
  useQuery({
    queryKey: ['supervision', 'draw', id],
    queryFn: () => api<Draw>(`/spot-checks/draws/${id}`),
    enabled: id !== null,
  });

export function useDrawStep<V>(call: (v: V) => Promise<Draw>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (draw) => {
      client.setQueryData(['supervision', 'draw', draw.id], draw);
      return client.invalidateQueries({ queryKey: ['supervision', 'draws'] });
    },
  });
}

export const createDraw = (body: { population: string; count: number; parties: string[] }) =>
  api<Draw>('/spot-checks/draws', { method: 'POST', body });
export const commitShare = (id: string, body: { party: string; commitment: string }) =>
  api<Draw>(`/spot-checks/draws/${id}/commitments`, { method: 'POST', body });
export const revealShare = (id: string, body: { party: string; share: string }) =>
  api<Draw>(`/spot-checks/draws/${id}/reveals`, { method: 'POST', body });

/** SHA-256 hex of a text (a party's share), as the server checks the commitment. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export type { ExamOversight, Review, ReviewList, StationRiskList };

export const useExamOversight = (period: { from: string; to: string }) =>
  useQuery({
    queryKey: ['supervision', 'exam-oversight', period],
    queryFn: () => api<ExamOversight>('/supervision/exam-oversight', { query: period }),
  });

export const useStationRisk = (period: { from: string; to: string }) =>
  useQuery({
    queryKey: ['supervision', 'station-risk', period],
    queryFn: () => api<StationRiskList>('/supervision/station-risk', { query: period }),
  });

export interface ReviewFilter {
  status?: Review['status'];
  date?: string;
  after?: string;
}

export const useReviews = (filter: ReviewFilter) =>
  useQuery({
    queryKey: ['supervision', 'reviews', filter],
    queryFn: () => api<ReviewList>('/supervision/reviews', { query: { ...filter, limit: 20 } }),
  });

/** Draws a day's recordings for review (the detachment; the daily job does it at 02:30). */
export function useReviewDraw() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (date: string) =>
      api<ReviewDrawResponse>('/supervision/reviews/draws', { method: 'POST', body: { date } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['supervision', 'reviews'] }),
  });
}

/** A verdict; an irregular one raises an alert, so the alerts refetch too. */
export function useVerdict(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: VerdictRequest) =>
      api<Review>(`/supervision/reviews/${id}/verdict`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['supervision'] }),
  });
}
