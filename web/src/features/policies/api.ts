import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { PolicyList, policyVersionSchema } from '#shared/schemas/catalog.ts';
import { api } from '../../lib/api.ts';

export type PolicyKey = PolicyList['keys'][number];
export type PolicyVersion = PolicyList['items'][number];
export type PolicyScope = PolicyVersion['scope'];

/** The body of POST /policies (its schema is the server's own). */
export interface NewPolicyVersion {
  key: string;
  value: number;
  effectiveFrom: string;
  legalBasis?: string;
  note?: string;
}

const key = ['policies'] as const;

export const usePolicies = () =>
  useQuery({ queryKey: key, queryFn: () => api<PolicyList>('/policies') });

export function useAddPolicyVersion() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewPolicyVersion) =>
      api<z.infer<typeof policyVersionSchema>>('/policies', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}

export type VersionState = 'inForce' | 'future' | 'past';

/**
 * The version in force on `day`, as the server decides it: the city's own latest version
 * effective on or before it, or else the latest national one.
 */
export function versionStates(versions: PolicyVersion[], day: string): Map<string, VersionState> {
  const effective = versions.filter((v) => v.effectiveFrom <= day);
  const local = effective.filter((v) => v.scope === 'local');
  const inForce = (local.length ? local : effective).sort(
    (a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || Number(b.id) - Number(a.id),
  )[0];
  return new Map(
    versions.map((v) => [
      v.id,
      v === inForce ? 'inForce' : v.effectiveFrom > day ? 'future' : 'past',
    ]),
  );
}
