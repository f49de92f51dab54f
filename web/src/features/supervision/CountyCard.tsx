import { Card, Table } from 'antd';
import { useLanguage } from '../../i18n/index.ts';
import { ScrollRegion } from '../../lib/ScrollRegion.tsx';
import { useBulletin, type Bulletin } from './api.ts';

type County = Bulletin['byCounty'][number];

const rate = (c: County) =>
  c.applications ? `${((c.refused / c.applications) * 100).toFixed(1)}%` : '—';

/** Business by county in the month that contains `date` (the monthly bulletin's figures). */
export function CountyCard({ date }: { date: string }) {
  const { t } = useLanguage();
  const bulletin = useBulletin('monthly', date);
  const b = bulletin.data;
  return (
    <Card
      size="small"
      loading={bulletin.isLoading}
      title={
        b
          ? t('supervision.byCounty', { from: b.from, to: b.to })
          : t('supervision.bulletins.byCounty')
      }
    >
      <ScrollRegion label={t('supervision.bulletins.byCounty')}>
        <Table<County>
          data-testid="county-table"
          size="small"
          rowKey="countyCode"
          pagination={false}
          dataSource={b?.byCounty ?? []}
          columns={[
            { title: t('supervision.county'), dataIndex: 'countyName' },
            { title: t('supervision.total'), dataIndex: 'applications', align: 'right' },
            { title: t('supervision.completed'), dataIndex: 'completed', align: 'right' },
            { title: t('supervision.refused'), dataIndex: 'refused', align: 'right' },
            { title: t('supervision.refusalRate'), align: 'right', render: (_, c) => rate(c) },
            { title: t('supervision.extendedHours'), dataIndex: 'extendedHours', align: 'right' },
          ]}
        />
      </ScrollRegion>
    </Card>
  );
}
