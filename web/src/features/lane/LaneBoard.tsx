import { Card, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { lifecycleOf } from '#shared/lifecycles.ts';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import { formatPlate } from '#shared/validators/index.ts';
import { useLanguage } from '../../i18n/index.ts';
import { CursorPager, useCursorPages } from '../../lib/CursorPager.tsx';
import { formatInstant } from '../../lib/dates.ts';
import { useLaneBoard, type LaneItem } from './api.ts';
import { formatDuration } from './duration.ts';

const STAGES = lifecycleOf('vehicle.register')?.stages.map((s) => s.code) ?? [];

/**
 * The live board of an office's lane: every registration in it, at which desk and for how long,
 * longest waiting first, each leading to its application, where the desk records its work.
 */
export function LaneBoard({ outletCode }: { outletCode: string }) {
  const { t, stageName } = useLanguage();
  const pages = useCursorPages();
  const { data, isLoading } = useLaneBoard(outletCode, pages.after);
  const items = data?.items ?? [];
  const stage = (code: string) => stageName('vehicle.register', code);
  return (
    <Card
      size="small"
      title={t('lane.board')}
      extra={
        data && (
          <Typography.Text type="secondary" aria-live="polite">
            {t('lane.asOf', { time: formatInstant(data.asOf) })}
          </Typography.Text>
        )
      }
    >
      <Space wrap className="lane-counts" data-testid="lane-counts">
        {STAGES.map((code) => (
          <Tag key={code}>
            {t('lane.waiting', {
              stage: stage(code),
              count: items.filter((i) => i.stage === code).length,
            })}
          </Tag>
        ))}
      </Space>
      <ScrollRegion label={t('lane.board')}>
        <Table<LaneItem>
          size="small"
          rowKey="applicationId"
          data-testid="lane-board"
          loading={isLoading}
          pagination={false}
          dataSource={items}
          locale={{
            emptyText: <Typography.Text type="secondary">{t('lane.empty')}</Typography.Text>,
          }}
          onRow={(item) => ({ 'data-stage': item.stage }) as object}
          columns={[
            { title: t('lane.vin'), dataIndex: 'vin' },
            {
              title: t('lane.plate'),
              dataIndex: 'plate',
              render: (plate: string | null) => (plate ? formatPlate(plate) : t('common.none')),
            },
            { title: t('lane.applicant'), dataIndex: 'applicantName' },
            {
              title: t('lane.stage'),
              dataIndex: 'stage',
              render: (code: string) => <span data-testid="lane-stage">{stage(code)}</span>,
            },
            {
              title: t('lane.inStage'),
              dataIndex: 'secondsInStage',
              render: (s: number) => formatDuration(s, t),
            },
            {
              title: t('lane.startedAt'),
              dataIndex: 'startedAt',
              render: (at: string) => formatInstant(at),
            },
            {
              title: t('lane.previousStaff'),
              dataIndex: 'previousStaff',
              render: (name: string | null) => name ?? t('common.none'),
            },
            {
              title: t('common.actions'),
              key: 'handle',
              render: (_, item) => (
                <Link
                  to={`/applications/${item.applicationId}`}
                  aria-label={t('lane.handleLabel', { vin: item.vin })}
                  data-testid="lane-handle"
                >
                  {t('lane.handle')}
                </Link>
              ),
            },
          ]}
        />
      </ScrollRegion>
      <CursorPager pages={pages} nextCursor={data?.nextCursor} label={t('lane.board')} />
    </Card>
  );
}
