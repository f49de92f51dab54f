import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Case,
  CaseCreate,
  CaseList,
  CasePatch,
  CaseStepRequest,
  Finding,
  FindingKind,
  MeasureLift,
  MeasureRequest,
} from '#shared/schemas/antifraud.ts';
import type { ApplicationResponse } from '#shared/schemas/applications.ts';
import { api } from '../../lib/api.ts';
import { useKeysetList } from '../../lib/LoadMore.tsx';

export type { Case, Finding, FindingKind };
export type CaseSummary = CaseList['items'][number];

/** Findings highest score first, one keyset page after another ("load more"). */
export const useFindings = (kind: FindingKind | undefined) =>
  useKeysetList<Finding>(['antifraud', 'findings', kind], '/findings', { kind });

/** One finding by its id, so a link to it works when opened directly or reloaded. */
export const useFinding = (id: string) =>
  useQuery({
    queryKey: ['antifraud', 'finding', id],
    queryFn: () => api<Finding>(`/findings/${id}`),
  });

/** Cases newest first, one keyset page after another ("load more"). */
export const useCases = () => useKeysetList<CaseSummary>(['antifraud', 'cases'], '/cases');

export const useCase = (id: string) =>
  useQuery({ queryKey: ['antifraud', 'case', id], queryFn: () => api<Case>(`/cases/${id}`) });

/** A mutation after which every anti-fraud view refetches (a case changes its findings too). */
function useCaseMutation<B, R = Case>(send: (body: B) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => client.invalidateQueries({ queryKey: ['antifraud'] }),
  });
}

export const useOpenCase = () =>
  useCaseMutation((body: CaseCreate) => api<Case>('/cases', { method: 'POST', body }));

export const usePatchCase = (id: string) =>
  useCaseMutation((body: CasePatch) => api<Case>(`/cases/${id}`, { method: 'PATCH', body }));

export const useAddStep = (id: string) =>
  useCaseMutation((body: CaseStepRequest) =>
    api<Case>(`/cases/${id}/steps`, { method: 'POST', body }),
  );

/** A measure is an application through the pipeline: completed (201) or refused (422). */
export const useAddMeasure = (id: string) =>
  useCaseMutation((body: MeasureRequest) =>
    api<ApplicationResponse>(`/cases/${id}/measures`, {
      method: 'POST',
      body,
      acceptStatus: [422],
    }),
  );

/** Lifts a standing review flag of the case before its last day. */
export const useLiftMeasure = (id: string, applicationId: string) =>
  useCaseMutation((body: MeasureLift) =>
    api<Case>(`/cases/${id}/measures/${applicationId}/lift`, { method: 'POST', body }),
  );
