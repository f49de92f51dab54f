import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

export interface PolicyKey {
  key: string;
  nameZh: string;
  legalBasis: string;
}

export interface PolicyVersion {
  id: string;
  key: string;
  value: number;
  effectiveFrom: string;
  legalBasis: string | null;
  note: string | null;
  createdBy: string;
  createdAt: string;
}

export interface NewPolicyVersion {
  key: string;
  value: number;
  effectiveFrom: string;
  legalBasis?: string;
  note?: string;
}

const key = ['policies'] as const;

export const usePolicies = () =>
  useQuery({
    queryKey: key,
    queryFn: () => api<{ keys: PolicyKey[]; items: PolicyVersion[] }>('/policies'),
  });

export function useAddPolicyVersion() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewPolicyVersion) =>
      api<PolicyVersion>('/policies', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}

export type VersionState = 'inForce' | 'future' | 'past';

/** The version in force on `day` is the latest one effective on or before it. */
export function versionStates(versions: PolicyVersion[], day: string): Map<string, VersionState> {
  const inForce = versions
    .filter((v) => v.effectiveFrom <= day)
    .sort(
      (a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || Number(b.id) - Number(a.id),
    )[0];
  return new Map(
    versions.map((v) => [
      v.id,
      v === inForce ? 'inForce' : v.effectiveFrom > day ? 'future' : 'past',
    ]),
  );
}
