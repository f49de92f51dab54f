import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { DriverFile, HandlingPreview } from '#shared/schemas/drivers.ts';
import type {
  examResultListSchema,
  examResultRequestSchema,
  examResultResponseSchema,
  examSessionListSchema,
  examSessionRequestSchema,
  sessionRankingSchema,
} from '#shared/schemas/exams.ts';
import type {
  LicenceResponse,
  medicalCertificateRequestSchema,
  RenewalView,
} from '#shared/schemas/licences.ts';
import { api } from '../../lib/api.ts';

export type { DriverFile, HandlingPreview, LicenceResponse, RenewalView };

/** The driver file of a (canonical) identity number; idle until one is asked for. */
export const useDriverFile = (idNumber: string | null) =>
  useQuery({
    queryKey: ['drivers', idNumber],
    queryFn: () => api<DriverFile>(`/drivers/${encodeURIComponent(idNumber!)}`),
    enabled: !!idNumber,
  });

/** The window's check of a violation handling before it is submitted. */
export const useHandlingPreview = (ask: { violationId: string; idNumber: string } | null) =>
  useQuery({
    queryKey: ['violations', 'preview', ask],
    queryFn: () =>
      api<HandlingPreview>(`/violations/${encodeURIComponent(ask!.violationId)}/handling-preview`, {
        query: { idNumber: ask!.idNumber },
      }),
    enabled: !!ask,
  });

export const useRenewalView = (idNumber: string | null) =>
  useQuery({
    queryKey: ['licences', 'renewal', idNumber],
    queryFn: () => api<RenewalView>(`/licences/${encodeURIComponent(idNumber!)}/renewal`),
    enabled: !!idNumber,
  });

export function useRecordCertificate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof medicalCertificateRequestSchema>) =>
      api<{ certificateNo: string; validUntil: string }>('/medical-certificates', {
        method: 'POST',
        body,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['licences', 'renewal'] }),
  });
}

export function useRecordExamResult() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof examResultRequestSchema>) =>
      api<z.infer<typeof examResultResponseSchema>>('/exam-results', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['exam-results'] }),
  });
}

export const useSiteResults = (date: string) =>
  useQuery({
    queryKey: ['exam-results', date],
    queryFn: () => api<z.infer<typeof examResultListSchema>>('/exam-results', { query: { date } }),
  });

export const useSessions = () =>
  useQuery({
    queryKey: ['exam-sessions'],
    queryFn: () => api<z.infer<typeof examSessionListSchema>>('/exam-sessions'),
  });

export type SessionRanking = z.infer<typeof sessionRankingSchema>;

export function useCreateSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof examSessionRequestSchema>) =>
      api('/exam-sessions', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['exam-sessions'] }),
  });
}

export function useCloseSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<SessionRanking>(`/exam-sessions/${encodeURIComponent(id)}/close`, {
        method: 'POST',
        body: {},
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['exam-sessions'] }),
  });
}
