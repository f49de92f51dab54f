import type { ReactNode } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { dateOfInstant } from '../../lib/dates.ts';
import type { ApplicationResponse } from './api.ts';
import { DocumentsTable } from './DocumentsTable.tsx';
import { PrintedDocument } from './PrintedDocument.tsx';
import { paperNumber } from './reference.ts';
import { useResultFacts } from './useResultFacts.tsx';

/**
 * The acceptance notice (受理通知书) of an application taken in and finished later: where it
 * stands, by when, and the documents issued meanwhile (e.g. a temporary plate), to be printed
 * and handed over like the refusal notice. Numbered (SL) and verified as its notice document.
 */
export function AcceptanceReceipt({
  application,
  extra,
}: {
  application: ApplicationResponse;
  extra?: ReactNode;
}) {
  const { t, stageName } = useLanguage();
  const { facts, documents } = useResultFacts(application);
  // The acceptance notice (受理通知书): the application's notice, numbered in its own series.
  const receipt = documents.find((d) => d.kind === 'notice');
  const progress = [
    ...(application.stage
      ? [
          {
            label: t('application.stage'),
            value: (
              <span data-testid="receipt-stage">
                {stageName(application.businessType, application.stage)}
              </span>
            ),
          },
        ]
      : []),
    ...(application.stageDueOn
      ? [{ label: t('application.stageDueOn'), value: application.stageDueOn }]
      : []),
    ...(application.slaDueOn
      ? [{ label: t('application.slaDueOn'), value: application.slaDueOn }]
      : []),
  ];
  return (
    <PrintedDocument
      application={application}
      title={t('receipt.title')}
      number={receipt?.number ?? paperNumber(application)}
      dateLabel={t('receipt.date')}
      date={dateOfInstant(application.submittedAt)}
      rows={[...progress, ...facts]}
      verifyToken={receipt?.verifyToken}
      footer={t('receipt.footer')}
      extra={extra}
      testId="acceptance-receipt"
    >
      <p className="notice-intro">{t('receipt.intro')}</p>
      {documents.length > 0 && <DocumentsTable documents={documents} />}
    </PrintedDocument>
  );
}
