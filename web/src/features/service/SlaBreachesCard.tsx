import { App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { SLA_BREACH_KINDS } from '#shared/schemas/service.ts';
import { useLanguage } from '../../i18n/index.ts';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import { CursorPager, useCursorPages } from '../../lib/CursorPager.tsx';
import { StatusFilter } from '../supervision/StatusFilter.tsx';
import { useEscalate, useSlaBreaches, type ServiceFilter, type SlaBreach } from './api.ts';

/** Applications past their SLA, soonest due first, with whom each was escalated to. */
export function SlaBreachesCard({
  filter,
  canEscalate,
}: {
  filter: ServiceFilter;
  canEscalate: boolean;
}) {
  const { t, businessTypeName } = useLanguage();
  const { message } = App.useApp();
  const [kind, setKind] = useState<SlaBreach['kind'] | undefined>();
  const pages = useCursorPages();
  const breaches = useSlaBreaches({ ...filter, kind, after: pages.after });
  const escalate = useEscalate();
  return (
    <Card size="small" title={t('service.slaBreaches')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <StatusFilter
          value={kind}
          statuses={SLA_BREACH_KINDS}
          labelOf={(k) => t(`service.kinds.${k}`)}
          onChange={(k) => {
            setKind(k);
            pages.reset();
          }}
        />
        {canEscalate && (
          <Button
            data-testid="escalate"
            loading={escalate.isPending}
            onClick={() =>
              escalate.mutate(undefined, {
                onSuccess: (r) => void message.success(t('service.escalated', r)),
              })
            }
          >
            {t('service.escalate')}
          </Button>
        )}
      </Space>
      <ScrollRegion label={t('service.slaBreaches')}>
        <Table<SlaBreach>
          data-testid="sla-breaches"
          size="small"
          rowKey="applicationId"
          loading={breaches.isLoading}
          dataSource={breaches.data?.items ?? []}
          pagination={false}
          locale={{
            emptyText: (
              <Typography.Text type="secondary">{t('service.noBreaches')}</Typography.Text>
            ),
          }}
          columns={[
            {
              title: t('service.application'),
              dataIndex: 'applicationId',
              render: (id: string) => <Link to={`/applications/${id}`}>{id.slice(0, 8)}</Link>,
            },
            { title: t('service.outlet'), dataIndex: 'outletCode' },
            {
              title: t('service.businessType'),
              dataIndex: 'businessType',
              render: (code: string) => businessTypeName(code),
            },
            {
              title: t('service.kind'),
              dataIndex: 'kind',
              render: (k: SlaBreach['kind']) => (
                <Tag color={k === 'open-overdue' ? 'red' : 'orange'}>{t(`service.kinds.${k}`)}</Tag>
              ),
            },
            { title: t('service.dueOn'), dataIndex: 'slaDueOn' },
            {
              title: t('service.daysLate'),
              dataIndex: 'daysLate',
              align: 'right',
            },
            {
              title: t('service.escalation'),
              dataIndex: 'escalation',
              render: (e: SlaBreach['escalation']) =>
                e ? t(`service.levels.${e.level}`) : t('service.notEscalated'),
            },
          ]}
        />
      </ScrollRegion>
      <CursorPager
        pages={pages}
        nextCursor={breaches.data?.nextCursor}
        label={t('service.slaBreaches')}
      />
    </Card>
  );
}
