import { Card, Descriptions, Result, Table } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { IssuedDocument } from '#shared/schemas/applications.ts';
import { formatPlate } from '#shared/validators/index.ts';
import { useLanguage } from '../../i18n/index.ts';
import { DriverResultDetails } from '../drivers/DriverResultDetails.tsx';
import { formatInstant } from '../../lib/dates.ts';
import type { ApplicationResponse } from './api.ts';
import { applicationReference } from './reference.ts';
import { verifyPath } from './verifyLink.ts';

interface ResultData {
  plate?: string;
  tempPlate?: string;
  validFrom?: string;
  validUntil?: string;
  voidedNumbers?: string[];
  documents?: IssuedDocument[];
}

/** A completed (or accepted) application: what was issued and how to verify it. */
export function CompletedResult({
  application,
  extra,
}: {
  application: ApplicationResponse;
  extra?: ReactNode;
}) {
  const { t, businessTypeName } = useLanguage();
  const result = (application.result ?? {}) as ResultData;
  const documents = result.documents ?? [];
  return (
    <Card data-testid="application-result">
      <Result
        status={application.status === 'completed' ? 'success' : 'info'}
        title={
          application.status === 'completed'
            ? t('application.completedTitle')
            : t('application.acceptedTitle')
        }
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
        {result.plate && (
          <Descriptions.Item label={t('application.plate')}>
            {formatPlate(result.plate)}
          </Descriptions.Item>
        )}
        {result.tempPlate && (
          <Descriptions.Item label={t('application.tempPlate')}>
            <strong data-testid="temp-plate">{result.tempPlate}</strong>
          </Descriptions.Item>
        )}
        {result.validFrom && (
          <Descriptions.Item label={t('application.validity')}>
            {result.validFrom} ~ {result.validUntil}
          </Descriptions.Item>
        )}
        {!!result.voidedNumbers?.length && (
          <Descriptions.Item label={t('application.voidedNumbers')}>
            {result.voidedNumbers.join(', ')}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('application.submittedAt')}>
          {formatInstant(application.submittedAt)}
        </Descriptions.Item>
        {application.slaDueOn && (
          <Descriptions.Item label={t('application.slaDueOn')}>
            {application.slaDueOn}
          </Descriptions.Item>
        )}
      </Descriptions>
      <DriverResultDetails businessType={application.businessType} result={application.result} />
      {documents.length > 0 && (
        <Table<IssuedDocument>
          className="documents-table"
          data-testid="documents"
          size="small"
          rowKey="number"
          pagination={false}
          dataSource={documents}
          title={() => t('application.documents')}
          columns={[
            {
              title: t('application.docKind'),
              dataIndex: 'kind',
              render: (kind: string) => t(`application.docKinds.${kind}`),
            },
            { title: t('application.docNumber'), dataIndex: 'number' },
            {
              title: t('application.verify'),
              dataIndex: 'verifyToken',
              render: (token: string) => (
                <Link to={verifyPath(token)} target="_blank" data-testid="verify-link">
                  {verifyPath(token)}
                </Link>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
