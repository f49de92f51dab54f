import { Card, Table, Typography } from 'antd';
import { useLanguage } from '../../i18n/index.ts';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import { useHandlingTimes, type HandlingTimes, type ServiceFilter } from './api.ts';
import { durationParts } from './duration.ts';

type Row = HandlingTimes['items'][number];

/** Median and 90th percentile from acceptance to completion, per outlet and business type. */
export function HandlingTimesCard({ filter }: { filter: ServiceFilter }) {
  const { t, businessTypeName } = useLanguage();
  const times = useHandlingTimes(filter);
  const duration = (s: number | null) => {
    if (s === null) return '—';
    const { unit, value } = durationParts(s);
    return t(`service.units.${unit}`, { value });
  };
  return (
    <Card size="small" title={t('service.handlingTimes')}>
      <ScrollRegion label={t('service.handlingTimes')}>
        <Table<Row>
          data-testid="handling-times"
          size="small"
          rowKey={(r) => `${r.outletCode}|${r.businessType}`}
          loading={times.isLoading}
          dataSource={times.data?.items ?? []}
          pagination={false}
          locale={{
            emptyText: (
              <Typography.Text type="secondary">{t('service.noneCompleted')}</Typography.Text>
            ),
          }}
          columns={[
            { title: t('service.outlet'), dataIndex: 'outletCode' },
            {
              title: t('service.businessType'),
              dataIndex: 'businessType',
              render: (code: string) => businessTypeName(code),
            },
            { title: t('service.completed'), dataIndex: 'completed', align: 'right' },
            { title: t('service.median'), dataIndex: 'medianSeconds', render: duration },
            { title: t('service.p90'), dataIndex: 'p90Seconds', render: duration },
            { title: t('service.completedLate'), dataIndex: 'completedLate', align: 'right' },
          ]}
        />
      </ScrollRegion>
    </Card>
  );
}
