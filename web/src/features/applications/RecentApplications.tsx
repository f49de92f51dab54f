import { Card, Checkbox, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { APPLICATION_STATUSES } from '#shared/lifecycles.ts';
import { useLanguage } from '../../i18n/index.ts';
import { useClearable } from '../../lib/clearable.tsx';
import { CursorPager, useCursorPages } from '../../lib/CursorPager.tsx';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import { formatInstant, todayInBeijing } from '../../lib/dates.ts';
import {
  useApplications,
  type ApplicationListQuery,
  type ApplicationResponse,
  type ApplicationStatus,
} from './api.ts';
import { isOverdue } from './overdue.ts';
import { applicationReference } from './reference.ts';
import { StatusTag } from './StatusTag.tsx';

const PAGE_SIZE = 10;

type Filters = Pick<ApplicationListQuery, 'status' | 'overdue'>;

/**
 * Applications in the user's scope, newest first, by status or overdue only, page by page.
 * The reference is a link to the application (for the keyboard); a click on the row opens it too.
 */
export function RecentApplications({
  title,
  showOutlet = false,
}: {
  title: string;
  showOutlet?: boolean;
}) {
  const { t, businessTypeName, stageName } = useLanguage();
  const clearable = useClearable();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>({});
  const pages = useCursorPages();
  const { data, isFetching } = useApplications({
    ...filters,
    limit: PAGE_SIZE,
    after: pages.after,
  });
  const filter = (next: Filters) => {
    setFilters({ ...filters, ...next });
    pages.reset();
  };
  const today = todayInBeijing();
  const pathOf = (a: ApplicationResponse) => `/applications/${a.id}`;

  return (
    <Card title={title} size="small">
      <Space wrap className="filters">
        <Select<ApplicationStatus>
          allowClear={clearable}
          aria-label={t('application.status')}
          placeholder={t('application.status')}
          style={{ width: 160 }}
          // Overdue means accepted: the server ignores the status then.
          disabled={!!filters.overdue}
          onChange={(status) => filter({ status })}
          options={APPLICATION_STATUSES.map((s) => ({
            value: s,
            label: t(`application.statuses.${s}`),
          }))}
        />
        <Checkbox
          onChange={(e) => filter({ overdue: e.target.checked || undefined })}
          data-testid="overdue-only"
        >
          {t('application.overdueOnly')}
        </Checkbox>
      </Space>
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
          pagination={false}
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
              key: 'status',
              render: (_: unknown, a) => (
                <Space size={4} wrap>
                  <StatusTag status={a.status} />
                  {a.stage && stageName(a.businessType, a.stage)}
                </Space>
              ),
            },
            {
              title: t('application.due'),
              key: 'due',
              render: (_: unknown, a) =>
                a.status === 'accepted' && (
                  <Space size={4} wrap>
                    {a.slaDueOn}
                    {isOverdue(a, today) && <Tag color="error">{t('application.overdue')}</Tag>}
                  </Space>
                ),
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
      <CursorPager pages={pages} nextCursor={data?.nextCursor} label={title} />
    </Card>
  );
}
