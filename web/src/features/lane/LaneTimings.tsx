import { Card, Segmented, Table } from 'antd';
import { useState } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { todayInBeijing } from '../../lib/dates.ts';
import { useLaneTimings } from './api.ts';
import { formatDuration } from './duration.ts';

const PERIODS = { today: 0, week: 6, month: 29 } as const;
type Period = keyof typeof PERIODS;

/** The Beijing date some days before a date. */
const daysBefore = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

interface Row {
  key: string;
  name: string;
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

/** Median and 90th percentile of each desk's time and of whole lanes, over a period. */
export function LaneTimings({ outletCode }: { outletCode: string }) {
  const { t, stageName } = useLanguage();
  const [period, setPeriod] = useState<Period>('month');
  const to = todayInBeijing();
  const { data, isLoading } = useLaneTimings(outletCode, daysBefore(to, PERIODS[period]), to);
  const rows: Row[] = data
    ? [
        ...data.stages.map((s) => ({
          ...s,
          key: s.stage,
          name: stageName('vehicle.register', s.stage),
        })),
        { ...data.endToEnd, key: 'end-to-end', name: t('lane.endToEnd') },
      ]
    : [];
  return (
    <Card
      size="small"
      title={t('lane.timings')}
      extra={
        <Segmented<Period>
          aria-label={t('lane.period')}
          value={period}
          onChange={setPeriod}
          options={(Object.keys(PERIODS) as Period[]).map((p) => ({
            value: p,
            label: t(`lane.periods.${p}`),
          }))}
        />
      }
    >
      <Table<Row>
        size="small"
        rowKey="key"
        data-testid="lane-timings"
        loading={isLoading}
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('lane.stage'), dataIndex: 'name' },
          { title: t('lane.count'), dataIndex: 'count', align: 'right' },
          {
            title: t('lane.median'),
            dataIndex: 'medianSeconds',
            align: 'right',
            render: (s: number | null) => formatDuration(s, t),
          },
          {
            title: t('lane.p90'),
            dataIndex: 'p90Seconds',
            align: 'right',
            render: (s: number | null) => formatDuration(s, t),
          },
        ]}
      />
    </Card>
  );
}
