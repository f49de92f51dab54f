import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { OutletCategory } from '#shared/catalog.ts';
import type {
  Agreement,
  agreementListSchema,
  NetworkSummary,
  OpeningHours,
  Outlet,
  OutletDetail,
  outletListSchema,
} from '#shared/schemas/network.ts';
import { api } from '../../lib/api.ts';

export type { Agreement, NetworkSummary, OpeningHours, Outlet, OutletDetail };
export type AgreementKind = Agreement['kind'];
export type Region = NetworkSummary['regions'][number];
type OutletList = z.infer<typeof outletListSchema>;
type AgreementList = z.infer<typeof agreementListSchema>;

/** An outlet without recorded hours answers `{}`. */
export const hasHours = (hours: OutletDetail['hours']): hours is OpeningHours =>
  'weekdays' in hours;

export interface OutletQuery {
  category?: OutletCategory;
  county?: string;
  status?: Outlet['status'];
  q?: string;
  limit: number;
  /** The previous page's `nextCursor` (keyset pagination). */
  after?: string;
}

export const networkKeys = {
  summary: ['network', 'summary'] as const,
  outlets: (q: OutletQuery) => ['network', 'outlets', q] as const,
  outlet: (code: string) => ['network', 'outlet', code] as const,
  agreements: (after: string | undefined, limit: number) =>
    ['network', 'agreements', after ?? null, limit] as const,
};

/** The network summary's read (its cache key and request). */
export const networkSummaryRead = {
  queryKey: networkKeys.summary,
  queryFn: () => api<NetworkSummary>('/network/summary'),
};

export const useNetworkSummary = (enabled = true) => useQuery({ ...networkSummaryRead, enabled });

const fetchOutlets = (query: OutletQuery) => api<OutletList>('/outlets', { query: { ...query } });

/** One page of outlets; the previous page stays on screen while the next one loads. */
export const useOutlets = (query: OutletQuery) =>
  useQuery({
    queryKey: networkKeys.outlets(query),
    queryFn: () => fetchOutlets(query),
    placeholderData: keepPreviousData,
  });

/** Outlets page after page for a growing list ("load more"). */
export const useOutletPages = (query: Omit<OutletQuery, 'after'>) =>
  useInfiniteQuery({
    queryKey: [...networkKeys.outlets(query), 'pages'],
    queryFn: ({ pageParam }) => fetchOutlets({ ...query, after: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const useOutlet = (code: string | null) =>
  useQuery({
    queryKey: networkKeys.outlet(code ?? ''),
    queryFn: () => api<OutletDetail>(`/outlets/${encodeURIComponent(code!)}`),
    enabled: !!code,
  });

/**
 * One page of at most `limit` agreements in scope (`after`: the previous page's `nextCursor`).
 */
export const useAgreements = (after: string | undefined, limit: number) =>
  useQuery({
    queryKey: networkKeys.agreements(after, limit),
    queryFn: () => api<AgreementList>('/agreements', { query: { after, limit } }),
    placeholderData: keepPreviousData,
  });
