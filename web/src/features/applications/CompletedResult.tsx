import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { DriverResultDetails } from '../drivers/DriverResultDetails.tsx';
import { dateOfInstant } from '../../lib/dates.ts';
import type { ApplicationResponse } from './api.ts';
import { DocumentsTable } from './DocumentsTable.tsx';
import { PrintedDocument } from './PrintedDocument.tsx';
import { applicationReference, paperNumber } from './reference.ts';
import { useResultFacts } from './useResultFacts.tsx';

const TITLES = {
  completed: 'application.completedTitle',
  withdrawn: 'application.withdrawnTitle',
  expired: 'application.expiredTitle',
} as const;

/**
 * A closed application (completed, withdrawn or expired): the outcome on screen, and the paper
 * to hand over — what was issued, each document with its verification link and QR code.
 */
export function CompletedResult({
  application,
  extra,
}: {
  application: ApplicationResponse & { status: keyof typeof TITLES };
  extra?: ReactNode;
}) {
  const { t, businessTypeName } = useLanguage();
  const { facts, documents } = useResultFacts(application);
  const closedOn = dateOfInstant(application.completedAt ?? application.submittedAt);
  return (
    <PrintedDocument
      application={application}
      header={
        <Result
          status={application.status === 'completed' ? 'success' : 'info'}
          title={t(TITLES[application.status])}
          subTitle={`${businessTypeName(application.businessType)} · ${applicationReference(application)}`}
        />
      }
      title={t('result.title')}
      number={documents[0]?.number ?? paperNumber(application)}
      dateLabel={
        application.status === 'completed'
          ? t('application.completedAt')
          : t('application.closedAt')
      }
      date={closedOn}
      rows={[
        { label: t('application.submittedAt'), value: dateOfInstant(application.submittedAt) },
        ...facts,
      ]}
      verifyToken={documents[0]?.verifyToken}
      footer={documents[0]?.verifyToken ? t('result.footer') : t('result.footerPlain')}
      extra={extra}
      testId="application-result"
    >
      <p className="notice-intro">
        {/* Documents and their QR codes are promised only when some were issued. */}
        {application.status === 'completed' && documents.length === 0
          ? t('result.intro.completedPlain')
          : t(`result.intro.${application.status}`)}
      </p>
      <DriverResultDetails businessType={application.businessType} result={application.result} />
      {documents.length > 0 && <DocumentsTable documents={documents} />}
    </PrintedDocument>
  );
}
