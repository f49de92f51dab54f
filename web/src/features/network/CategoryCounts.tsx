import { Card, Col, Row, Table } from 'antd';
import { useMemo } from 'react';
import { OUTLET_CATEGORIES, type OutletCategory } from '#shared/catalog.ts';
import { useLanguage } from '../../i18n/index.ts';
import { EChart } from '../../lib/EChart.tsx';
import type { EChartsOption } from '../../lib/echarts.ts';
import type { NetworkSummary } from './api.ts';

interface Row {
  category: OutletCategory;
  total: number;
  suspended: number;
}

export function countsByCategory(counts: NetworkSummary['counts']): Row[] {
  return OUTLET_CATEGORIES.map((category) => {
    const of = counts.filter((c) => c.category === category);
    return {
      category,
      total: of.reduce((s, c) => s + c.total, 0),
      suspended: of.reduce((s, c) => s + c.suspended, 0),
    };
  }).filter((r) => r.total > 0);
}

/** Outlets per category: a table and a bar chart (active and suspended stacked). */
export function CategoryCounts({ summary }: { summary: NetworkSummary }) {
  const { t } = useLanguage();
  const rows = useMemo(() => countsByCategory(summary.counts), [summary]);
  const name = (c: OutletCategory) => t(`category.${c}`);

  const option = useMemo<EChartsOption>(() => {
    const label = (c: OutletCategory) => t(`category.${c}`);
    const sorted = [...rows].sort((a, b) => a.total - b.total);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: sorted.map((r) => label(r.category)) },
      series: [
        {
          name: t('network.active'),
          type: 'bar',
          stack: 'total',
          data: sorted.map((r) => r.total - r.suspended),
          itemStyle: { color: '#1f5fbf' },
        },
        {
          name: t('network.suspended'),
          type: 'bar',
          stack: 'total',
          data: sorted.map((r) => r.suspended),
          itemStyle: { color: '#d4380d' },
        },
      ],
    };
  }, [rows, t]);

  return (
    <Card title={t('network.byCategory')} size="small">
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <Table<Row>
            data-testid="category-counts"
            size="small"
            rowKey="category"
            pagination={false}
            dataSource={rows}
            columns={[
              { title: t('network.category'), dataIndex: 'category', render: name },
              { title: t('network.total'), dataIndex: 'total', align: 'right' },
              { title: t('network.suspended'), dataIndex: 'suspended', align: 'right' },
            ]}
            summary={(data) => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('network.sum')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {data.reduce((s, r) => s + r.total, 0)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {data.reduce((s, r) => s + r.suspended, 0)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </Col>
        <Col xs={24} xl={14}>
          <EChart option={option} height={460} label={t('network.chartTitle')} />
        </Col>
      </Row>
    </Card>
  );
}
