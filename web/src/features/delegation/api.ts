import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BusinessTypeCode, OutletCategory } from '#shared/catalog.ts';
import type { DelegationMatrix, OutletDelegation } from '#shared/schemas/delegation.ts';
import { api } from '../../lib/api.ts';

export type CategoryGrant = DelegationMatrix['categoryGrants'][number];
/** A per-outlet override as the matrix lists it (with the outlet) or the outlet's own view. */
export type OutletOverride = DelegationMatrix['outletOverrides'][number];
export type Override = OutletDelegation['overrides'][number];
export type Suspension = OutletDelegation['suspensions'][number];
export type Validity = Pick<Override, 'validFrom' | 'validUntil'>;

const keys = {
  matrix: ['delegation', 'matrix'] as const,
  outlet: (code: string) => ['delegation', 'outlet', code] as const,
};

export const useDelegationMatrix = () =>
  useQuery({ queryKey: keys.matrix, queryFn: () => api<DelegationMatrix>('/delegation/matrix') });

export const useOutletDelegation = (code: string) =>
  useQuery({
    queryKey: keys.outlet(code),
    queryFn: () => api<OutletDelegation>(`/outlets/${encodeURIComponent(code)}/delegation`),
  });

/** A change of grants or suspensions: afterwards every delegation and network view refetches. */
function useChange<V>(call: (v: V) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['delegation'] }),
        client.invalidateQueries({ queryKey: ['network'] }),
      ]);
    },
  });
}

interface CategoryGrantChange {
  category: OutletCategory;
  businessType: BusinessTypeCode;
  allow: boolean;
}

export const useCategoryGrant = () =>
  useChange(({ category, businessType, allow }: CategoryGrantChange) =>
    api<void>(`/delegation/categories/${category}/grants/${businessType}`, {
      method: allow ? 'PUT' : 'DELETE',
      body: allow ? {} : undefined,
    }),
  );

interface OutletGrantChange {
  outletCode: string;
  businessType: BusinessTypeCode;
  allow: boolean;
}

export const useOutletGrant = () =>
  useChange(({ outletCode, businessType, allow }: OutletGrantChange) =>
    api<void>(`/outlets/${encodeURIComponent(outletCode)}/grants/${businessType}`, {
      method: allow ? 'PUT' : 'DELETE',
      body: allow ? {} : undefined,
    }),
  );

export const useSuspend = () =>
  useChange(({ outletCode, reason }: { outletCode: string; reason: string }) =>
    api(`/outlets/${encodeURIComponent(outletCode)}/suspension`, {
      method: 'POST',
      body: { reason },
    }),
  );

/** Always with a JSON body: the server answers 400 to this DELETE without one. */
export const useRestore = () =>
  useChange(({ outletCode, note }: { outletCode: string; note?: string }) =>
    api(`/outlets/${encodeURIComponent(outletCode)}/suspension`, {
      method: 'DELETE',
      body: note ? { note } : {},
    }),
  );
