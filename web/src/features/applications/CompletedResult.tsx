import { Card, Descriptions, Result } from 'antd';
import type { ReactNode } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { DriverResultDetails } from '../drivers/DriverResultDetails.tsx';
import { formatInstant } from '../../lib/dates.ts';
import type { ApplicationResponse } from './api.ts';
import { DocumentsTable } from './DocumentsTable.tsx';
import { applicationReference } from './reference.ts';
import { useResultFacts } from './useResultFacts.tsx';

const TITLES = {
  completed: 'application.completedTitle',
  withdrawn: 'application.withdrawnTitle',
  expired: 'application.expiredTitle',
} as const;

/** A closed application (completed, withdrawn or expired): what was issued and how to verify it. */
export function CompletedResult({
  application,
  extra,
}: {
  application: ApplicationResponse & { status: keyof typeof TITLES };
  extra?: ReactNode;
}) {
  const { t, businessTypeName } = useLanguage();
  const { facts, documents } = useResultFacts(application);
  return (
    <Card data-testid="application-result">
      <Result
        status={application.status === 'completed' ? 'success' : 'info'}
        title={t(TITLES[application.status])}
        subTitle={`${businessTypeName(application.businessType)} · ${applicationReference(application)}`}
        extra={extra}
      />
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('application.applicant')}>
          {application.applicant.name} · {application.applicant.idNumber}
        </Descriptions.Item>
        <Descriptions.Item label={t('application.outlet')}>
          {application.outletName}
        </Descriptions.Item>
        {facts.map((fact) => (
          <Descriptions.Item key={fact.label} label={fact.label}>
            {fact.value}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('application.submittedAt')}>
          {formatInstant(application.submittedAt)}
        </Descriptions.Item>
        {application.completedAt && (
          <Descriptions.Item
            label={
              application.status === 'completed'
                ? t('application.completedAt')
                : t('application.closedAt')
            }
          >
            {formatInstant(application.completedAt)}
          </Descriptions.Item>
        )}
      </Descriptions>
      <DriverResultDetails businessType={application.businessType} result={application.result} />
      {documents.length > 0 && <DocumentsTable documents={documents} />}
    </Card>
  );
}
