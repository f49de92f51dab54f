import { Card, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useLanguage } from '../../i18n/index.ts';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import { formatInstant } from '../../lib/dates.ts';
import { useApplications, type ApplicationResponse, type ApplicationStatus } from './api.ts';
import { applicationReference } from './reference.ts';
import { StatusTag } from './StatusTag.tsx';

/**
 * Applications in the user's scope, newest first. The reference is a link to the result or
 * notice (for the keyboard); a click anywhere on the row opens it too.
 */
export function RecentApplications({
  title,
  showOutlet = false,
}: {
  title: string;
  showOutlet?: boolean;
}) {
  const { t, businessTypeName } = useLanguage();
  const navigate = useNavigate();
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const { data, isFetching } = useApplications({
    limit: page.pageSize,
    offset: (page.current - 1) * page.pageSize,
  });
  const pathOf = (a: ApplicationResponse) => `/applications/${a.id}`;

  return (
    <Card title={title} size="small">
      <ScrollRegion label={title}>
        <Table<ApplicationResponse>
          data-testid="recent-applications"
          size="small"
          rowKey="id"
          loading={isFetching}
          dataSource={data?.items ?? []}
          locale={{
            emptyText: <Typography.Text type="secondary">{t('application.empty')}</Typography.Text>,
          }}
          onRow={(a) => ({
            onClick: () => navigate(pathOf(a)),
            className: 'clickable-row',
          })}
          pagination={{
            ...page,
            total: data?.total ?? 0,
            showTotal: (count) => t('common.total', { count }),
            onChange: (current, pageSize) => setPage({ current, pageSize }),
          }}
          columns={[
            {
              title: t('application.submittedAt'),
              dataIndex: 'submittedAt',
              render: formatInstant,
              width: 150,
            },
            {
              title: t('application.businessType'),
              dataIndex: 'businessType',
              render: businessTypeName,
            },
            { title: t('application.applicant'), dataIndex: ['applicant', 'name'] },
            ...(showOutlet ? [{ title: t('application.outlet'), dataIndex: 'outletName' }] : []),
            {
              title: t('application.status'),
              dataIndex: 'status',
              render: (s: ApplicationStatus) => <StatusTag status={s} />,
            },
            {
              title: t('application.number'),
              key: 'number',
              // The row's own click would navigate a second time (two history entries).
              render: (_: unknown, a) => (
                <Link to={pathOf(a)} onClick={(e) => e.stopPropagation()}>
                  {applicationReference(a)}
                </Link>
              ),
            },
          ]}
        />
      </ScrollRegion>
    </Card>
  );
}
