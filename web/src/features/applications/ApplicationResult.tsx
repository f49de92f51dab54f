import type { ReactNode } from 'react';
import type { ApplicationResponse } from './api.ts';
import { CompletedResult } from './CompletedResult.tsx';
import { RefusalNotice } from './RefusalNotice.tsx';

/** The answer to an application: the refusal notice, or the result card. */
export function ApplicationResult({
  application,
  extra,
}: {
  application: ApplicationResponse;
  extra?: ReactNode;
}) {
  return application.status === 'refused' ? (
    <RefusalNotice application={application} extra={extra} />
  ) : (
    <CompletedResult application={application} extra={extra} />
  );
}
