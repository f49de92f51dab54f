import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { OutletCategory } from '#shared/catalog.ts';
import { api } from '../../lib/api.ts';

export type AgreementKind = 'enterprise' | 'bank' | 'insurance' | 'post' | 'hospital';

export interface Outlet {
  code: string;
  name: string;
  category: OutletCategory;
  parentCode: string | null;
  status: 'active' | 'suspended';
  countyCode: string;
  kindLabel: string | null;
  address: string | null;
  phone: string | null;
  suspension: { reason: string; since: string | null } | null;
}

export interface Agreement {
  code: string;
  partnerName: string;
  kind: AgreementKind;
  signedOn: string;
  validFrom: string;
  validUntil: string;
  businessTypes: string[];
}

export interface TimeRange {
  open: string;
  close: string;
}

export interface OutletDetail extends Outlet {
  organisationCode: string | null;
  hours: {
    weekdays: TimeRange[];
    saturday: TimeRange[];
    sunday: TimeRange[];
    holidays: boolean;
    extendedUntil?: string;
  } | null;
  agreements: Agreement[];
}

export interface Region {
  code: string;
  name: string;
  nameEn: string;
  parentCode: string | null;
}

export interface NetworkSummary {
  regions: Region[];
  organisations: {
    code: string;
    name: string;
    kind: string;
    countyCode: string | null;
    parentCode: string | null;
  }[];
  counts: { category: OutletCategory; countyCode: string; total: number; suspended: number }[];
}

export interface OutletQuery {
  category?: OutletCategory;
  county?: string;
  status?: 'active' | 'suspended';
  q?: string;
  limit: number;
  offset: number;
}

export const networkKeys = {
  summary: ['network', 'summary'] as const,
  outlets: (q: OutletQuery) => ['network', 'outlets', q] as const,
  outlet: (code: string) => ['network', 'outlet', code] as const,
  agreements: ['network', 'agreements'] as const,
};

export const useNetworkSummary = (enabled = true) =>
  useQuery({
    queryKey: networkKeys.summary,
    queryFn: () => api<NetworkSummary>('/network/summary'),
    enabled,
  });

export const useOutlets = (query: OutletQuery) =>
  useQuery({
    queryKey: networkKeys.outlets(query),
    queryFn: () => api<{ items: Outlet[]; total: number }>('/outlets', { query: { ...query } }),
    placeholderData: keepPreviousData,
  });

export const useOutlet = (code: string | null) =>
  useQuery({
    queryKey: networkKeys.outlet(code ?? ''),
    queryFn: () => api<OutletDetail>(`/outlets/${encodeURIComponent(code!)}`),
    enabled: !!code,
  });

export const useAgreements = () =>
  useQuery({
    queryKey: networkKeys.agreements,
    queryFn: () => api<{ items: (Agreement & { outletCodes: string[] })[] }>('/agreements'),
  });
