import { Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useLanguage } from '../../i18n/index.ts';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import { useStationRisk, type StationRiskList } from './api.ts';
import { defaultPeriod, PeriodForm } from './PeriodForm.tsx';

type Station = StationRiskList['items'][number];

/** Rating colours whose tag text passes WCAG AA (see app/theme.ts). */
const RATING_COLOR = { low: 'default', medium: 'warning', high: 'error' } as const;
const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Inspection stations rated against their peers, riskiest first, each with its reasons. */
export function StationsPanel() {
  const { t } = useLanguage();
  const [period, setPeriod] = useState(defaultPeriod);
  const risk = useStationRisk(period);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('supervision.period')}>
        <PeriodForm value={period} onChange={setPeriod} idPrefix="stations-period" />
      </Card>
      <Card size="small" title={t('supervision.stations.title')} loading={risk.isLoading}>
        <Typography.Paragraph type="secondary">
          {t('supervision.stations.hint')}
        </Typography.Paragraph>
        <ScrollRegion label={t('supervision.stations.title')}>
          <Table<Station>
            data-testid="station-risk"
            size="small"
            rowKey="code"
            dataSource={risk.data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            style={{ minWidth: 900 }}
            columns={[
              { title: t('supervision.stations.station'), render: (_, s) => s.name ?? s.code },
              { title: t('supervision.draws.code'), dataIndex: 'code' },
              { title: t('supervision.stations.inspections'), dataIndex: 'n', align: 'right' },
              {
                title: t('supervision.stations.rating'),
                dataIndex: 'rating',
                render: (r: Station['rating'], s) =>
                  s.rated ? (
                    <Tag color={RATING_COLOR[r]}>{t(`supervision.stations.ratings.${r}`)}</Tag>
                  ) : (
                    t('supervision.stations.unrated')
                  ),
              },
              { title: t('supervision.draws.weight'), dataIndex: 'weight', align: 'right' },
              {
                title: t('supervision.stations.reasons'),
                render: (_, s) =>
                  s.contributions
                    .filter((c) => c.z >= 1.96)
                    .map((c) =>
                      t('supervision.stations.reason', {
                        metric: t(`supervision.stations.metrics.${c.metric}`),
                        value: percent(c.value),
                        median: percent(c.peerMedian),
                        z: c.z.toFixed(1),
                      }),
                    )
                    .join(t('common.reasonSeparator')) || t('common.none'),
              },
            ]}
          />
        </ScrollRegion>
      </Card>
    </Space>
  );
}
