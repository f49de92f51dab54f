import type { ReactNode } from 'react';
import { AcceptanceReceipt } from './AcceptanceReceipt.tsx';
import type { ApplicationResponse } from './api.ts';
import { CompletedResult } from './CompletedResult.tsx';
import { RefusalNotice } from './RefusalNotice.tsx';

/** The answer to an application: the refusal notice, the acceptance receipt or the result card. */
export function ApplicationResult({
  application,
  extra,
}: {
  application: ApplicationResponse;
  extra?: ReactNode;
}) {
  switch (application.status) {
    case 'refused':
      return <RefusalNotice application={application} extra={extra} />;
    case 'accepted':
      return <AcceptanceReceipt application={application} extra={extra} />;
    default:
      return (
        <CompletedResult
          application={{ ...application, status: application.status }}
          extra={extra}
        />
      );
  }
}
