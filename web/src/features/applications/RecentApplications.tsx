import { Card, Table } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useLanguage } from '../../i18n/index.ts';
import { formatInstant } from '../../lib/dates.ts';
import { useApplications, type ApplicationResponse, type ApplicationStatus } from './api.ts';
import { StatusTag } from './StatusTag.tsx';

/** Applications in the user's scope, newest first; a click opens the result or notice. */
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
  const numberOf = (a: ApplicationResponse) => {
    const documents = (a.result?.documents ?? []) as { number: string }[];
    return a.refusal?.noticeNumber ?? documents.map((d) => d.number).join(', ');
  };

  return (
    <Card title={title} size="small">
      <Table<ApplicationResponse>
        data-testid="recent-applications"
        size="small"
        rowKey="id"
        loading={isFetching}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('application.empty') }}
        onRow={(a) => ({
          onClick: () => navigate(`/applications/${a.id}`),
          className: 'clickable-row',
        })}
        scroll={{ x: 760 }}
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
          { title: t('application.number'), key: 'number', render: (_: unknown, a) => numberOf(a) },
        ]}
      />
    </Card>
  );
}
