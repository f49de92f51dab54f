import { Card, Table } from 'antd';
import { useLanguage } from '../../i18n/index.ts';
import type { NetworkSummary } from './api.ts';
import { useCounties } from './useNames.ts';

interface Row {
  code: string;
  total: number;
  suspended: number;
}

/** Outlets per county (the 14 counties and districts of the city). */
export function CountyCounts({ summary }: { summary: NetworkSummary }) {
  const { t } = useLanguage();
  const { counties, countyName } = useCounties();
  const rows: Row[] = counties.map((county) => {
    const of = summary.counts.filter((c) => c.countyCode === county.code);
    return {
      code: county.code,
      total: of.reduce((s, c) => s + c.total, 0),
      suspended: of.reduce((s, c) => s + c.suspended, 0),
    };
  });
  return (
    <Card title={t('network.byCounty')} size="small">
      <Table<Row>
        data-testid="county-counts"
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('network.county'), dataIndex: 'code', render: countyName },
          { title: t('network.code'), dataIndex: 'code', responsive: ['md'] },
          { title: t('network.total'), dataIndex: 'total', align: 'right' },
          { title: t('network.suspended'), dataIndex: 'suspended', align: 'right' },
        ]}
      />
    </Card>
  );
}
